import vine from '@vinejs/vine'

export const POLL_TYPES = ['yes_no', 'multiple_choice', 'rating', 'open_ended'] as const
export const POLL_STATUSES = ['draft', 'active', 'closed', 'cancelled'] as const

export const createPollValidator = vine.create({
  buildingId: vine.string().trim(),
  question: vine.string().trim().minLength(1).maxLength(500),
  description: vine.string().trim().maxLength(5000).nullable().optional(),
  type: vine.enum(POLL_TYPES),
  options: vine.array(vine.string().trim().minLength(1).maxLength(300)).maxLength(20).optional(),
  allowMultiple: vine.boolean().optional(),
  anonymous: vine.boolean().optional(),
  startsAt: vine.string().trim().nullable().optional(),
  endsAt: vine.string().trim(),
})

export const voteValidator = vine.create({
  optionIds: vine.array(vine.string().trim()).maxLength(20).optional(),
  rating: vine.number().withoutDecimals().range([1, 5]).optional(),
  text: vine.string().trim().minLength(1).maxLength(2000).optional(),
  ownerId: vine.string().trim().nullable().optional(),
})
