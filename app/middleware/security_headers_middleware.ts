import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/*
| Headers @adonisjs/shield does not set (CSP, HSTS, X-Frame-Options and nosniff come
| from config/shield.ts), plus a strict fallback for answers that never reach the
| router middleware (unknown routes, static files): shield runs only on matched routes.
| Registered as the first server middleware from start/routes/two_factor.ts.
*/
const ALWAYS: Record<string, string> = {
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Permitted-Cross-Domain-Policies': 'none',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
}

const FALLBACK: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Strict-Transport-Security': 'max-age=15552000; includeSubDomains',
}

const ALWAYS_ENTRIES = Object.entries(ALWAYS)
const FALLBACK_ENTRIES = Object.entries(FALLBACK)

export default class SecurityHeadersMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    for (const [name, value] of ALWAYS_ENTRIES) ctx.response.header(name, value)
    await next()
    const raw = ctx.response.response
    if (raw.headersSent) return
    for (const [name, value] of FALLBACK_ENTRIES) {
      if (!raw.hasHeader(name) && !ctx.response.getHeader(name)) {
        ctx.response.header(name, value)
      }
    }
  }
}
