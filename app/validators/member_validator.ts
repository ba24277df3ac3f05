import vine from '@vinejs/vine'
import { ROLES } from '#policies/permissions'
import { LOCALES } from '#validators/auth_validator'

export const inviteMemberValidator = vine.create({
  email: vine.string().trim().toLowerCase().email().maxLength(254),
  role: vine.enum(ROLES),
  /** Language of the invitation e-mail; defaults to the organisation's. */
  locale: vine.enum(LOCALES).optional(),
})

export const updateMemberValidator = vine.create({
  role: vine.enum(ROLES),
})

export const memberListValidator = vine.create({
  role: vine.enum(ROLES).optional(),
})
