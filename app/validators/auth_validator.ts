import vine from '@vinejs/vine'
import { isCommonPassword } from '#validators/common_passwords'

const LOCALES = ['fr', 'nl', 'de', 'en'] as const

const password = vine
  .string()
  .minLength(12)
  .maxLength(200)
  .use(
    vine.createRule((value, _o, field) => {
      if (typeof value === 'string' && isCommonPassword(value)) {
        field.report(
          'This password is too common; choose a less predictable one',
          'commonPassword',
          field
        )
      }
    })()
  )

export const slugRule = vine
  .string()
  .trim()
  .toLowerCase()
  .minLength(3)
  .maxLength(63)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/)

export const signupValidator = vine.create({
  organisation: vine.object({
    name: vine.string().trim().minLength(2).maxLength(200),
    slug: slugRule.clone().optional(),
    vatNumber: vine.string().trim().maxLength(20).optional(),
    locale: vine.enum(LOCALES).optional(),
  }),
  user: vine.object({
    email: vine.string().trim().email().maxLength(254),
    password,
    fullName: vine.string().trim().minLength(2).maxLength(200),
  }),
})

export const loginValidator = vine.create({
  email: vine.string().trim().maxLength(254),
  password: vine.string().maxLength(200),
  otp: vine.string().trim().maxLength(20).optional(),
})

export const acceptInvitationValidator = vine.create({
  fullName: vine.string().trim().minLength(2).maxLength(200).optional(),
  password: password.clone().optional(),
})

export { password as passwordRule, LOCALES }
