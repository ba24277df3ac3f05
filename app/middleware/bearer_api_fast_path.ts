import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'
import SessionMiddleware from '@adonisjs/session/session_middleware'
import ShieldMiddleware from '@adonisjs/shield/shield_middleware'
import StaticMiddleware from '@adonisjs/static/static_middleware'

/*
| Fast path for bearer-token API calls (SPEC §10 benchmark): they carry no ambient
| credentials, so they need neither a session nor a CSRF token/XSRF cookie (shield's
| `exceptRoutes` already exempts them from the CSRF check, config/shield.ts), and no
| static file lives under /api/. A request that also carries the session cookie takes
| the full path, so nothing observable changes for cookie-authenticated calls.
*/

/** config/session.ts `cookieName` (also named in config/shield.ts). */
const SESSION_COOKIE = 'vme-session='

export function isApiPath(ctx: HttpContext) {
  return ctx.request.url().startsWith('/api/')
}

export function isBearerApiRequest(ctx: HttpContext) {
  if (!isApiPath(ctx) || !ctx.request.header('authorization')) return false
  const cookie = ctx.request.header('cookie')
  return !cookie || !cookie.includes(SESSION_COOKIE)
}

/** Static files, except under /api/ (no file there: skips a stat per API request). */
export class StaticUnlessApiMiddleware {
  #inner?: StaticMiddleware
  async handle(ctx: HttpContext, next: NextFn) {
    if (isApiPath(ctx)) return next()
    this.#inner ??= await app.container.make(StaticMiddleware)
    return this.#inner.handle(ctx, next)
  }
}

/** The session, except for bearer API requests. */
export class SessionUnlessBearerMiddleware {
  #inner?: SessionMiddleware<any>
  async handle(ctx: HttpContext, next: NextFn) {
    if (isBearerApiRequest(ctx)) return next()
    this.#inner ??= await app.container.make(SessionMiddleware)
    return this.#inner.handle(ctx, next)
  }
}

/**
 * Shield; for bearer API requests without the CSRF guard (which reads the session and
 * mints a token + encrypted cookie on every request), keeping the other headers.
 */
export class ShieldUnlessBearerMiddleware {
  #full?: ShieldMiddleware
  #withoutCsrf?: ShieldMiddleware
  async handle(ctx: HttpContext, next: NextFn) {
    if (isBearerApiRequest(ctx)) {
      if (!this.#withoutCsrf) {
        const config = app.config.get<Record<string, any>>('shield', {})
        const manager = await app.container.make('encryption')
        const encryption = manager.use()
        this.#withoutCsrf = new ShieldMiddleware(
          { ...config, csrf: { ...config.csrf, enabled: false } } as any,
          encryption
        )
      }
      return this.#withoutCsrf.handle(ctx, next)
    }
    this.#full ??= await app.container.make(ShieldMiddleware)
    return this.#full.handle(ctx, next)
  }
}
