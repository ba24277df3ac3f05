import vine from '@vinejs/vine'

export const NOTICE_CATEGORIES = [
  'announcement',
  'for_sale',
  'event',
  'lost_found',
  'service',
] as const
export const NOTICE_STATUSES = ['draft', 'published', 'archived', 'expired'] as const

export const createNoticeValidator = vine.create({
  buildingId: vine.string().trim(),
  category: vine.enum(NOTICE_CATEGORIES),
  title: vine.string().trim().minLength(1).maxLength(200),
  body: vine.string().trim().minLength(1).maxLength(5000),
  visibility: vine.enum(['building', 'public'] as const),
  price: vine.any().optional(),
  eventDate: vine.string().trim().nullable().optional(),
  expiresAt: vine.string().trim().nullable().optional(),
})

export const updateNoticeValidator = vine.create({
  category: vine.enum(NOTICE_CATEGORIES).optional(),
  title: vine.string().trim().minLength(1).maxLength(200).optional(),
  body: vine.string().trim().minLength(1).maxLength(5000).optional(),
  visibility: vine.enum(['building', 'public'] as const).optional(),
  price: vine.any().optional(),
  eventDate: vine.string().trim().nullable().optional(),
  expiresAt: vine.string().trim().nullable().optional(),
})

export const moderateNoticeValidator = vine.create({
  hidden: vine.boolean(),
  reason: vine.string().trim().maxLength(500).nullable().optional(),
})

export const commentValidator = vine.create({
  body: vine.string().trim().minLength(1).maxLength(1000),
  parentId: vine.string().trim().nullable().optional(),
})

export const updateCommentValidator = vine.create({
  body: vine.string().trim().minLength(1).maxLength(1000),
})
