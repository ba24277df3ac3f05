import env from '#start/env'
import { secureCookies } from '#config/app'
import { defineConfig, stores } from '@adonisjs/session'

export default defineConfig({
  enabled: true,
  cookieName: 'vme-session',
  clearWithBrowser: false,
  age: '8h',
  // httpOnly (no script access), sameSite=lax (no cross-site POST with the cookie), and
  // Secure over HTTPS and in production (except a local run on http://localhost).
  cookie: { path: '/', httpOnly: true, secure: secureSessionCookie(), sameSite: 'lax' },
  store: env.get('SESSION_DRIVER'),
  stores: {
    cookie: stores.cookie(),
    redis: stores.redis({ connection: 'main' }),
  },
})

function secureSessionCookie() {
  if (secureCookies) return true
  if (env.get('NODE_ENV') !== 'production') return false
  const host = (() => {
    try {
      return new URL(env.get('APP_URL') ?? 'http://localhost').hostname
    } catch {
      return ''
    }
  })()
  return !['localhost', '127.0.0.1', '::1', '[::1]'].includes(host)
}
