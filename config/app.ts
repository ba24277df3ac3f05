import env from '#start/env'
import { defineConfig } from '@adonisjs/core/http'

export const appUrl = env.get('APP_URL', `http://localhost:${env.get('PORT')}`)

/** Cookies are `Secure` when the app is served over HTTPS (not merely when NODE_ENV=production). */
export const secureCookies = appUrl.startsWith('https://')

/**
 * Response bodies: the native JSON.stringify, and the framework's safe serializer
 * (BigInt as a string, circular references dropped) only for a value JSON.stringify
 * refuses. Same output for everything else, several times cheaper (every API answer).
 */
const safeSerializeJSON = defineConfig({}).serializeJSON
function serializeJSON(value: unknown) {
  try {
    return JSON.stringify(value)
  } catch {
    return safeSerializeJSON(value)
  }
}

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: false,
  /*
   * Off: nothing here calls HttpContext.get(), and with it on, the keep-alive timer Node
   * arms on a socket after each answer captured the request's async context, keeping the
   * whole HttpContext alive until the socket's next request (about half of what V8
   * promoted to its old generation under load). tests/functional/perf/request_context_lifetime.spec.ts
   */
  useAsyncLocalStorage: false,
  serializeJSON,
  /*
   * An indexed route table instead of a linear scan of ~400 routes on every request.
   * Precedence stays 'registration' (the default): the first registered route that
   * matches wins, as with the linear matcher (tests/functional/perf/router_parity.spec.ts).
   */
  router: { matcher: 'tree', precedence: 'registration' },
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: secureCookies,
    sameSite: 'lax',
  },
})
