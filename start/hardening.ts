/*
| Process-wide hardening, preloaded once at boot (adonisrc.ts `preloads`).
*/
import vine from '@vinejs/vine'
import server from '@adonisjs/core/services/server'
import { assertTwoFactorKey } from '#services/two_factor_crypto'

// Boot check: a missing/malformed TWO_FACTOR_KEY stops the app in production.
assertTwoFactorKey()

/*
| Hardening (found by tests/functional/security/fuzz_routes.spec.ts): VineJS coerces
| number fields with Number(value), which THROWS for an object like {"toString": "x"}
| → a 500 on every route with a number field. A value that cannot be converted is NaN,
| i.e. a normal 422 "must be a number".
*/
const toNumber = (value: unknown) => {
  try {
    return value === null ? Number.NaN : Number(value)
  } catch {
    return Number.NaN
  }
}
vine.helpers.asNumber = toNumber
vine.helpers.isNumeric = (value: unknown) => !Number.isNaN(toNumber(value))

// Referrer-Policy & co. on every response (hardening; shield sets the other headers).
server.use([() => import('#middleware/security_headers_middleware')])
