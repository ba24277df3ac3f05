/*
| Two-factor authentication (SPEC §4), password change, and the checks that ride on
| every tenant request: enforced 2FA enrolment (`require2fa`) and stale sessions.
*/
import router from '@adonisjs/core/services/router'
import emitter from '@adonisjs/core/services/emitter'
import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'
import { middleware } from '#start/kernel'
import { registerTenantGuard } from '#tenancy/tenant_guards'
import { ApiError } from '#exceptions/api_error'
import { isStaleSession } from '#services/password_service'
import type User from '#models/user'

const TwoFactorController = () => import('#controllers/two_factor_controller')

router
  .group(() => {
    router.post('/auth/2fa/enable', [TwoFactorController, 'enable']).as('auth.2fa.enable')
    router.post('/auth/2fa/verify', [TwoFactorController, 'verify']).as('auth.2fa.verify')
    router.post('/auth/2fa/disable', [TwoFactorController, 'disable']).as('auth.2fa.disable')
    router
      .get('/auth/2fa/backup-codes', [TwoFactorController, 'backupCodes'])
      .as('auth.2fa.backup_codes')
    router
      .post('/auth/2fa/verify-backup', [TwoFactorController, 'verifyBackup'])
      .as('auth.2fa.verify_backup')
    router.put('/auth/password', [TwoFactorController, 'changePassword']).as('auth.password')
  })
  .prefix('/api/v1')
  .use(middleware.auth())

router
  .delete('/organisation/members/:id/2fa', [TwoFactorController, 'revoke'])
  .where('id', router.matchers.uuid())
  .prefix('/api/v1')
  .as('members.2fa.revoke')
  .use([middleware.auth(), middleware.tenant(), middleware.can('members.write')])

/** Roles an organisation with `require2fa` forces to enrol (SPEC §4). */
export const ENFORCED_ROLES = ['admin', 'syndic', 'accountant']
export const ENROLMENT_PAGE = '/app/security'

/** Pages of an unenrolled user go to the enrolment page (self-handled: a redirect). */
class EnrolmentRedirect extends Exception {
  static status = 303
  handle(_error: unknown, ctx: HttpContext) {
    return ctx.response.redirect(ENROLMENT_PAGE)
  }
  report() {}
}

registerTenantGuard('two_factor', async (ctx) => {
  const user = ctx.auth.user as User | undefined
  if (!user) return
  // A session opened before a password change (or erase) is over.
  if (isStaleSession(ctx, user)) {
    await ctx.auth.use('web').logout()
    throw new ApiError(401, 'E_UNAUTHORIZED', 'Your session has ended, please sign in again')
  }
  const settings = (ctx.organisation?.settings ?? {}) as Record<string, unknown>
  if (settings.require2fa !== true) return
  if (!ENFORCED_ROLES.includes(ctx.membership.role)) return
  if (user.twoFactorEnabledAt) return
  if (ctx.request.url().startsWith('/api/')) {
    throw new ApiError(
      403,
      'E_2FA_ENROLMENT_REQUIRED',
      'This organisation requires two-factor authentication: enrol at /auth/2fa/enable first'
    )
  }
  if (ctx.request.url() === ENROLMENT_PAGE) return
  throw new EnrolmentRedirect('Two-factor enrolment required')
})

// Stale sessions on routes outside the tenant (/me…): cleared so the next request is a guest.
emitter.on('session_auth:authentication_succeeded', (event) => {
  const user = event.user as User
  if (isStaleSession(event.ctx, user, event.guardName)) event.ctx.session.clear()
})
