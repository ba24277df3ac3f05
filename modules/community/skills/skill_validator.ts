import vine from '@vinejs/vine'

export const SKILL_CATEGORIES = ['professional', 'hobby', 'language', 'other'] as const
export const SKILL_LEVELS = ['beginner', 'intermediate', 'advanced', 'expert'] as const

export const createSkillValidator = vine.create({
  ownerId: vine.string().trim().nullable().optional(),
  category: vine.enum(SKILL_CATEGORIES),
  name: vine.string().trim().minLength(1).maxLength(200),
  description: vine.string().trim().maxLength(2000).nullable().optional(),
  level: vine.enum(SKILL_LEVELS),
  hourlyRate: vine.any().optional(),
  available: vine.boolean(),
})

export const updateSkillValidator = vine.create({
  category: vine.enum(SKILL_CATEGORIES).optional(),
  name: vine.string().trim().minLength(1).maxLength(200).optional(),
  description: vine.string().trim().maxLength(2000).nullable().optional(),
  level: vine.enum(SKILL_LEVELS).optional(),
  hourlyRate: vine.any().optional(),
  available: vine.boolean().optional(),
})

export const availabilityValidator = vine.create({ available: vine.boolean() })

export const endorsementValidator = vine.create({
  comment: vine.string().trim().maxLength(1000).nullable().optional(),
})
