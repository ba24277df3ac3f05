import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import User from '#models/user'
import Membership from '#models/membership'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { withTenant } from '#tenancy/tenant_context'
import { requireSecondFactorAtLogin } from '#services/two_factor_service'

/** 5 failed attempts per 15 minutes per e-mail + IP (Redis-backed, shared by all web processes). */
const loginLimiter = () =>
  limiter.use({ requests: 5, duration: '15 mins', blockDuration: '15 mins' })

/**
 * Checks credentials with the same answer for an unknown e-mail and a wrong password
 * (verifyCredentials hashes a dummy password to keep timing equal), then the second
 * factor of a 2FA user: `otp` (TOTP or backup code; read from the request body when
 * not passed). Missing → 401 E_2FA_REQUIRED, wrong → 401 E_2FA_INVALID (5 per 15 min
 * per user → 429). No token or session is created before both factors passed.
 */
export async function attemptLogin(
  ctx: HttpContext,
  email: string,
  password: string,
  otp: string | null | undefined = ctx.request.input('otp')
): Promise<User> {
  const key = `login:${email.toLowerCase()}:${ctx.request.ip()}`
  const [throttled, user] = await loginLimiter().penalize(key, async () => {
    try {
      return await User.verifyCredentials(email, password)
    } catch (error) {
      await auditLogin(ctx, email, null)
      throw new ApiError(401, 'E_INVALID_CREDENTIALS', 'Invalid e-mail or password')
    }
  })
  if (throttled) {
    throw ApiError.tooManyRequests(throttled.response.availableIn)
  }
  const secondFactor = await requireSecondFactorAtLogin(
    ctx,
    user!,
    typeof otp === 'string' ? otp : null
  )
  await auditLogin(ctx, email, user, secondFactor)
  return user!
}

/** Login events go to the audit log of the user's first organisation (or platform-level if none). */
async function auditLogin(
  ctx: HttpContext,
  email: string,
  user: User | null,
  secondFactor: string | null = null
) {
  const known = user ?? (await User.findBy('email', email.toLowerCase()))
  const membership = known
    ? await Membership.query().where('user_id', known.id).orderBy('created_at').first()
    : null
  const entry = {
    action: user ? 'auth.login' : 'auth.login_failed',
    subjectType: 'user',
    subjectId: known?.id ?? null,
    actorId: user?.id ?? null,
    metadata: user
      ? secondFactor
        ? { secondFactor }
        : {}
      : { email: email.toLowerCase().slice(0, 254) },
  }
  if (membership) await withTenant(membership.organisationId, () => audit(ctx, entry))
  else await audit(ctx, { ...entry, organisationId: null })
}
