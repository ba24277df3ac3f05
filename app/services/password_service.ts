import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import limiter from '@adonisjs/limiter/services/main'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import User from '#models/user'
import { ApiError } from '#exceptions/api_error'
import { auditUserEvent } from '#services/two_factor_service'

/*
| Password change and credential revocation. Sessions are cookie-stored, so they
| cannot be deleted server-side: the user row carries `sessions_revoked_at`, each web
| login stores its time in the session (`authAt`), and a session older than the mark is
| refused (tenant guard, 2FA/password endpoints) and cleared (see start/routes/two_factor.ts).
*/

/** Session key holding the login time (ms) of a web session. */
export const SESSION_AUTH_AT = 'authAt'

/**
 * Deletes every access token of the user and marks every existing web session stale.
 * Called on password change and by the GDPR erase (pass its transaction as `client`).
 * Returns the number of tokens deleted.
 */
export async function revokeAllUserTokens(
  userId: string,
  opts: { client?: QueryClientContract; at?: Date } = {}
): Promise<number> {
  const client = opts.client ?? db
  const at = opts.at ?? new Date()
  const deleted = await client.from('auth_access_tokens').where('tokenable_id', userId).delete()
  await client.from('users').where('id', userId).update({ sessions_revoked_at: at })
  return Number(Array.isArray(deleted) ? deleted.length : deleted)
}

/** True when this web session was opened before the user's sessions were revoked. */
export function isStaleSession(
  ctx: HttpContext,
  user: User,
  guard: string | undefined = ctx.auth?.authenticatedViaGuard
): boolean {
  if (!user.sessionsRevokedAt) return false
  if (guard !== 'web') return false
  const authAt = Number(ctx.session?.get(SESSION_AUTH_AT, 0) ?? 0)
  return !authAt || authAt < user.sessionsRevokedAt.toMillis()
}

/** Refuses a stale session (logs it out) with 401 E_UNAUTHORIZED. */
export async function refuseStaleSession(ctx: HttpContext, user: User) {
  if (!isStaleSession(ctx, user)) return
  await ctx.auth.use('web').logout()
  throw new ApiError(401, 'E_UNAUTHORIZED', 'Your session has ended, please sign in again')
}

const passwordLimiter = () =>
  limiter.use({ requests: 5, duration: '15 mins', blockDuration: '15 mins' })

/**
 * PUT /auth/password: checks the current password (5 failures / 15 min / user → 429),
 * stores the new one, revokes every token and every other session. A web caller keeps
 * its own session (re-stamped); an API caller must log in again.
 */
export async function changePassword(
  ctx: HttpContext,
  userId: string,
  input: { currentPassword: string; newPassword: string }
) {
  const user = await User.findOrFail(userId)
  const [throttled] = await passwordLimiter().penalize(`password:${userId}`, async () => {
    if (!(await hash.use('scrypt').verify(user.password, input.currentPassword))) {
      await auditUserEvent(ctx, userId, 'auth.password_change_failed')
      throw new ApiError(
        422,
        'E_INVALID_CREDENTIALS',
        'The current password is not correct',
        'currentPassword'
      )
    }
  })
  if (throttled) throw ApiError.tooManyRequests(throttled.response.availableIn)
  if (input.currentPassword === input.newPassword) {
    throw ApiError.validation('newPassword', 'The new password must differ from the current one')
  }

  const at = new Date()
  let tokens = 0
  await db.transaction(async (trx) => {
    user.useTransaction(trx)
    user.password = input.newPassword
    await user.save()
    tokens = await revokeAllUserTokens(userId, { client: trx, at })
  })
  if (ctx.auth.authenticatedViaGuard === 'web') {
    ctx.session.put(SESSION_AUTH_AT, Math.max(Date.now(), at.getTime()))
  }
  await auditUserEvent(ctx, userId, 'auth.password_changed', { tokensRevoked: tokens })
}
