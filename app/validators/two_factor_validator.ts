import vine from '@vinejs/vine'
import { passwordRule } from '#validators/auth_validator'

/** A TOTP code (6 digits) or a backup code (xxxxx-xxxxx); checked by the service. */
const code = vine.string().trim().minLength(6).maxLength(20)

export const twoFactorCodeValidator = vine.create({ code })

/** POST /auth/2fa/disable: `{code}` or `{password}` (one of them). */
export const disableTwoFactorValidator = vine.create({
  code: code.clone().optional().requiredIfMissing('password'),
  password: vine.string().maxLength(200).optional(),
})

/** PUT /auth/password. */
export const changePasswordValidator = vine.create({
  currentPassword: vine.string().minLength(1).maxLength(200),
  newPassword: passwordRule.clone(),
})
