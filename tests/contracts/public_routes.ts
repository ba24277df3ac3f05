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
