import { defineConfig } from '@adonisjs/cors'

/*
| CORS is closed by default: the pages are same-origin and API clients use bearer
| tokens from servers or apps, which do not need CORS. A deployment that serves a
| browser client from another origin lists it (exactly, scheme + host + port) in
| CORS_ORIGINS, comma-separated. Never a wildcard with credentials.
*/
const allowed = (process.env.CORS_ORIGINS ?? '')
  .split(',')
  .map((o) => o.trim())
  .filter((o) => /^https?:\/\/[^/*]+$/.test(o))

export default defineConfig({
  enabled: true,
  origin: allowed,
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
  headers: ['Authorization', 'Content-Type', 'Accept', 'X-Organisation', 'X-OTP', 'X-XSRF-TOKEN'],
  exposeHeaders: ['Retry-After'],
  credentials: true,
  maxAge: 90,
})
