import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import { ApiError } from '#exceptions/api_error'

/*
| SPEC §5: the data-subject rights endpoints accept 10 requests per hour per user (Redis
| limiter, shared by every web process; survives restarts). The limit is a setting, not
| a switch: tests keep it on and clear a user's key between cases (clearGdprRateLimit).
*/
export const gdprRateLimit = { requests: 10, duration: '1 hour' as const }

const gdprLimiter = () =>
  limiter.use({ requests: gdprRateLimit.requests, duration: gdprRateLimit.duration })

export const limiterKey = (userId: string) => `gdpr_rights:${userId}`

/** Route middleware (after `auth`): one hit per request; over the limit → 429 + Retry-After. */
export async function throttleGdpr(ctx: HttpContext, next: () => Promise<void>) {
  const user = ctx.auth.user as { id: string } | undefined
  if (!user) return next()
  const key = limiterKey(user.id)
  try {
    await gdprLimiter().consume(key)
  } catch (error) {
    const availableIn = (error as { response?: { availableIn?: number } })?.response?.availableIn
    if (availableIn !== undefined) throw ApiError.tooManyRequests(availableIn)
    throw error
  }
  return next()
}

/** Forgets a user's GDPR request count (tests; support after a verified identity check). */
export async function clearGdprRateLimit(userId: string) {
  await gdprLimiter().delete(limiterKey(userId))
}
