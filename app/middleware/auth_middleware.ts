import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { ApiError } from '#exceptions/api_error'

/** API authentication with an opaque bearer token. */
export default class AuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const ok = await ctx.auth.use('api').check()
    if (!ok) throw new ApiError(401, 'E_UNAUTHORIZED', 'Authentication required')
    return next()
  }
}
