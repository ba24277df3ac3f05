import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { ApiError } from '#exceptions/api_error'

/**
 * API authentication: an opaque bearer token, or the session cookie of the same user
 * (the Vue pages call the API with it; CSRF is then enforced by shield through the
 * X-XSRF-TOKEN header, see config/shield.ts).
 */
export default class AuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const guard = ctx.request.header('authorization') ? 'api' : 'web'
    try {
      await ctx.auth.authenticateUsing([guard])
    } catch {
      throw new ApiError(401, 'E_UNAUTHORIZED', 'Authentication required')
    }
    return next()
  }
}
