/*
| The explicit allow-list of API routes that answer without authentication. Every
| other /api/v1 route must answer 401 E_UNAUTHORIZED to an anonymous caller
| (tests/contracts/route_contracts.spec.ts). Adding a line here is a security decision:
| say why next to it.
*/
export interface PublicRoute {
  /** HTTP method, or '*' for any. */
  method: string
  /** Pattern relative to /api/v1; `:param` matches any parameter name; a trailing `*` any rest. */
  pattern: string
  why: string
}

export const PUBLIC_ROUTES: PublicRoute[] = [
  { method: 'POST', pattern: '/signup', why: 'creates the account' },
  { method: 'POST', pattern: '/auth/login', why: 'obtains the token' },
  { method: '*', pattern: '/invitations/:token*', why: 'the token in the link is the credential' },
  { method: 'GET', pattern: '/openapi.json', why: 'the API description is public' },
  { method: 'POST', pattern: '/webhooks/*', why: 'signed by the sender (e.g. Stripe-Signature)' },
  {
    method: 'GET',
    pattern: '/community/ical/:token',
    why: 'community: iCal feed of a resource for calendar apps (no login possible); the 48-hex random token is the credential, busy slots only, no names',
  },
  {
    method: '*',
    pattern: '/public/notary/:slug*',
    why: 'legal: notary self-service (no account); rate-limited, one request per unguessable token, org by slug',
  },
  {
    method: 'POST',
    pattern: '/gdpr/email-confirmations/:token',
    why: 'GDPR e-mail re-verification: the token in the link sent to the new address is the credential',
  },
]

function toRegExp(pattern: string): RegExp {
  const body = pattern
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*'
      const rest = segment.endsWith('*')
      const core = rest ? segment.slice(0, -1) : segment
      const re = core.startsWith(':') ? ':[^/]+' : core.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      return rest ? `${re}(/.*)?` : re
    })
    .join('/')
  return new RegExp(`^${body}$`)
}

const compiled = PUBLIC_ROUTES.map((r) => ({ ...r, re: toRegExp(r.pattern) }))

/** `path` is the route pattern relative to /api/v1 (`/invitations/:token/accept`). */
export function isPublicRoute(method: string, path: string): boolean {
  return compiled.some((r) => (r.method === '*' || r.method === method) && r.re.test(path))
}
