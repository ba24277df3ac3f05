import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** Page authentication with the session cookie; guests go to the login page. */
export default class WebAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    try {
      await ctx.auth.authenticateUsing(['web'])
    } catch {
      if (ctx.request.method() === 'GET') ctx.session.put('intended', ctx.request.url(true))
      return ctx.response.redirect('/login')
    }
    return next()
  }
}
