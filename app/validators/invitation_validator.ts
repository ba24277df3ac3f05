import vine from '@vinejs/vine'
import { LOCALES, passwordRule } from '#validators/auth_validator'

/** Body of POST /invitations/:token/accept: only needed when the invitee has no account yet. */
export const acceptValidator = vine.create({
  fullName: vine.string().trim().minLength(2).maxLength(200).optional(),
  password: passwordRule.clone().optional(),
  locale: vine.enum(LOCALES).optional(),
})

export const INVITATION_STATUSES = ['pending', 'accepted', 'expired', 'revoked', 'all'] as const

export const invitationListValidator = vine.create({
  status: vine.enum(INVITATION_STATUSES).optional(),
})
