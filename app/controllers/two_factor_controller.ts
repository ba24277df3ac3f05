import type { HttpContext } from '@adonisjs/core/http'
import type User from '#models/user'
import {
  changePasswordValidator,
  disableTwoFactorValidator,
  twoFactorCodeValidator,
} from '#validators/two_factor_validator'
import {
  disableTwoFactor,
  enableTwoFactor,
  regenerateBackupCodes,
  revokeMemberTwoFactor,
  verifyBackupCode,
  verifyTwoFactor,
} from '#services/two_factor_service'
import { changePassword, refuseStaleSession } from '#services/password_service'

/** SPEC §4 endpoints and PUT /auth/password (the caller's own account). */
export default class TwoFactorController {
  async #user(ctx: HttpContext) {
    const user = ctx.auth.user as User
    await refuseStaleSession(ctx, user)
    return user
  }

  /** POST /auth/2fa/enable → {secret, otpauthUrl, qrCode}. */
  async enable(ctx: HttpContext) {
    const user = await this.#user(ctx)
    ctx.response.header('Cache-Control', 'no-store')
    return enableTwoFactor(ctx, user.id)
  }

  /** POST /auth/2fa/verify {code} → {backupCodes} (activation) or {verified: true}. */
  async verify(ctx: HttpContext) {
    const user = await this.#user(ctx)
    const { code } = await ctx.request.validateUsing(twoFactorCodeValidator)
    ctx.response.header('Cache-Control', 'no-store')
    return verifyTwoFactor(ctx, user.id, code)
  }

  /** POST /auth/2fa/disable {code} | {password} → 200 {twoFactorEnabled: false}. */
  async disable(ctx: HttpContext) {
    const user = await this.#user(ctx)
    const payload = await ctx.request.validateUsing(disableTwoFactorValidator)
    await disableTwoFactor(ctx, user.id, payload)
    return { twoFactorEnabled: false }
  }

  /** GET /auth/2fa/backup-codes (X-OTP) → {backupCodes}. */
  async backupCodes(ctx: HttpContext) {
    const user = await this.#user(ctx)
    ctx.response.header('Cache-Control', 'no-store')
    return regenerateBackupCodes(ctx, user.id, ctx.request.header('x-otp'))
  }

  /** POST /auth/2fa/verify-backup {code} → {remaining}. */
  async verifyBackup(ctx: HttpContext) {
    const user = await this.#user(ctx)
    const { code } = await ctx.request.validateUsing(twoFactorCodeValidator)
    return verifyBackupCode(ctx, user.id, code)
  }

  /** DELETE /organisation/members/:id/2fa (admin) → 204. */
  async revoke(ctx: HttpContext) {
    await revokeMemberTwoFactor(ctx, ctx.params.id)
    return ctx.response.noContent()
  }

  /** PUT /auth/password {currentPassword, newPassword} → 204; every token revoked. */
  async changePassword(ctx: HttpContext) {
    const user = await this.#user(ctx)
    const payload = await ctx.request.validateUsing(changePasswordValidator)
    await changePassword(ctx, user.id, payload)
    return ctx.response.noContent()
  }
}
