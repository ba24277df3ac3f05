import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'
import string from '@adonisjs/core/helpers/string'
import SessionMiddleware from '@adonisjs/session/session_middleware'
import ShieldMiddleware from '@adonisjs/shield/shield_middleware'
import StaticMiddleware from '@adonisjs/static/static_middleware'

/*
| Fast path for bearer-token API calls (SPEC §10 benchmark): they carry no ambient
| credentials, so they need neither a session nor a CSRF token/XSRF cookie (shield's
| `exceptRoutes` already exempts them from the CSRF check, config/shield.ts), no
| Inertia instance (API errors are JSON, app/exceptions/handler.ts) and no static-file
| lookup (no file lives under /api/). A request that also carries the session cookie
| (or the X-Inertia header) takes the full path, so nothing observable changes for
| cookie-authenticated calls. Shield's headers stay byte for byte the same
| (tests/functional/perf/bearer_headers_parity.spec.ts).
|
| The wrapped middleware are built once per process (they keep no per-request state):
| the container makes a new instance of a class middleware on every request, so a
| cache on `this` was rebuilt (shield: CSP directives normalised) every time.
*/

/** config/session.ts `cookieName` (also named in config/shield.ts). */
const SESSION_COOKIE = 'vme-session='
const BEARER = Symbol('vme.bearerApiRequest')

type Flagged = HttpContext & { [BEARER]?: boolean }

export function isApiPath(ctx: HttpContext) {
  return ctx.request.url().startsWith('/api/')
}

/** Computed once per request (three middleware ask). */
export function isBearerApiRequest(ctx: HttpContext) {
  const flagged = ctx as Flagged
  let bearer = flagged[BEARER]
  if (bearer === undefined) {
    bearer = computeBearer(ctx)
    flagged[BEARER] = bearer
  }
  return bearer
}

function computeBearer(ctx: HttpContext) {
  if (!isApiPath(ctx) || !ctx.request.header('authorization')) return false
  const cookie = ctx.request.header('cookie')
  return !cookie || !cookie.includes(SESSION_COOKIE)
}

/** A per-process instance, made by the container on first use. */
function once<T>(make: () => Promise<T>) {
  let instance: Promise<T> | undefined
  return () => (instance ??= make())
}

const staticMiddleware = once(() => app.container.make(StaticMiddleware))
const sessionMiddleware = once(() => app.container.make(SessionMiddleware))
const shieldMiddleware = once(() => app.container.make(ShieldMiddleware))
const bearerShield = once(() => BearerShield.create())

/** Static files, except under /api/ (no file there: skips a stat per API request). */
export class StaticUnlessApiMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (isApiPath(ctx)) return next()
    const inner = await staticMiddleware()
    return inner.handle(ctx, next)
  }
}

/** The session, except for bearer API requests. */
export class SessionUnlessBearerMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (isBearerApiRequest(ctx)) return next()
    const inner = await sessionMiddleware()
    return inner.handle(ctx, next)
  }
}

/** Shield; for bearer API requests the same headers without the CSRF guard. */
export class ShieldUnlessBearerMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (isBearerApiRequest(ctx)) {
      const headers = await bearerShield()
      headers.apply(ctx)
      return next()
    }
    const inner = await shieldMiddleware()
    return inner.handle(ctx, next)
  }
}

type HeaderWrite = { raw: boolean; name: string; parts: string[] }

/**
 * Shield's headers for a bearer API response, as shield itself writes them: recorded
 * once by running shield (CSRF off) on a recording context, then replayed per request
 * with a fresh nonce in the CSP (`string.generateRandom(16)`, as shield does). Skips
 * what a JSON answer never uses: the CSRF guard (session read, token and encrypted
 * cookie minted per request) and sharing the nonce with an Edge renderer (shield reads
 * `ctx.view`, which creates one per request). Assumes config/shield.ts has no directive
 * computed from the request (only the `@nonce` keyword); bearer_headers_parity.spec.ts
 * compares with the full path.
 */
class BearerShield {
  constructor(private writes: HeaderWrite[]) {}

  static async create() {
    const config = app.config.get<Record<string, any>>('shield', {})
    const manager = await app.container.make('encryption')
    const encryption = manager.use()
    const shield = new ShieldMiddleware(
      { ...config, csrf: { ...config.csrf, enabled: false } } as any,
      encryption
    )
    const recorded: { raw: boolean; name: string; value: string }[] = []
    const recorder: Record<string, any> = {
      request: {},
      response: {
        request: {},
        response: {
          setHeader: (name: string, value: string) =>
            recorded.push({ raw: true, name, value: String(value) }),
        },
        header: (name: string, value: string) =>
          recorded.push({ raw: false, name, value: String(value) }),
      },
    }
    await shield.handle(recorder as HttpContext, async () => {})
    const nonce: string | undefined = recorder.response.nonce
    return new BearerShield(
      recorded.map(({ raw, name, value }) => ({
        raw,
        name,
        parts: nonce ? value.split(nonce) : [value],
      }))
    )
  }

  apply(ctx: HttpContext) {
    const nonce = string.generateRandom(16)
    const response = ctx.response as HttpContext['response'] & { nonce?: string }
    response.nonce = nonce
    ;(response.response as typeof response.response & { nonce?: string }).nonce = nonce
    for (const { raw, name, parts } of this.writes) {
      const value = parts.length === 1 ? parts[0] : parts.join(nonce)
      if (raw) response.response.setHeader(name, value)
      else response.header(name, value)
    }
  }
}
