import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { isBearerApiRequest } from '#middleware/bearer_api_fast_path'
// The package's middleware declares `ctx.auth` (type-only: this one replaces it).
import type {} from '@adonisjs/auth/initialize_auth_middleware'

/**
 * @adonisjs/auth's `initialize_auth_middleware`: a request-scoped authenticator as
 * `ctx.auth`, shared with the request's Edge renderer — except for bearer API calls,
 * which render no template: reading `ctx.view` would create a renderer per request
 * (app/middleware/bearer_api_fast_path.ts).
 */
export default class InitializeAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const manager = await ctx.containerResolver.make('auth.manager')
    ctx.auth = manager.createAuthenticator(ctx)
    if (!isBearerApiRequest(ctx) && 'view' in ctx) ctx.view.share({ auth: ctx.auth })
    return next()
  }
}
