import router from '@adonisjs/core/services/router'

/*
| The registered API routes as plain data, read from the committed router
| (`router.toJSON()`). The OpenAPI generator and the contract tests both walk this
| list, so a route added anywhere (start/routes/*, modules/*) is covered by both.
*/
export interface ApiRouteInfo {
  method: string
  /** Full pattern, e.g. `/api/v1/buildings/:id/units`. */
  pattern: string
  /** Pattern relative to /api/v1 (`/buildings/:id/units`). */
  path: string
  name: string | null
  params: string[]
  /** Named middleware of the route, in order: `[{name:'can', args:'buildings.write'}]`. */
  middleware: { name: string; args: unknown }[]
  /** Controller method (`index`, `store`…) when the handler is a controller. */
  action: string | null
  /** Module key from `middleware.module(key)`, if any (the first one). */
  module: string | null
  /** Every module key the route is gated on. */
  modules: string[]
  /** Param matchers (`.where('id', uuid)`), by param name. */
  matchers: Record<string, RegExp>
  /** Permission from `middleware.can(perm)`, if any. */
  permission: string | null
  requiresAuth: boolean
  superadmin: boolean
}

export const API_PREFIX = '/api/v1'

function middlewareOf(route: any): { name: string; args: unknown }[] {
  const out: { name: string; args: unknown }[] = []
  const list = route.middleware?.all ? [...route.middleware.all()] : []
  for (const m of list) {
    if (m && typeof m === 'object' && typeof m.name === 'string') {
      out.push({ name: m.name, args: m.args })
    }
  }
  return out
}

function actionOf(route: any): string | null {
  const handler = route.handler
  if (handler && typeof handler === 'object' && typeof handler.method === 'string') {
    return handler.method
  }
  return null
}

function matchersOf(route: any): Record<string, RegExp> {
  const out: Record<string, RegExp> = {}
  for (const [name, matcher] of Object.entries<any>(route.matchers ?? {})) {
    if (matcher?.match instanceof RegExp) out[name] = matcher.match
  }
  return out
}

/** Parameter names of a pattern (`:id`, `:id?`, `*`). */
export function patternParams(pattern: string): string[] {
  return pattern
    .split('/')
    .filter((s) => s.startsWith(':') || s === '*')
    .map((s) => (s === '*' ? '*' : s.slice(1).replace(/\?$/, '')))
}

/** Every route whose pattern starts with /api/v1, one entry per method (HEAD dropped). */
export function apiRoutes(): ApiRouteInfo[] {
  const out: ApiRouteInfo[] = []
  const seen = new Set<string>()
  for (const routes of Object.values(router.toJSON())) {
    for (const route of routes as any[]) {
      const pattern: string = route.pattern
      if (pattern !== API_PREFIX && !pattern.startsWith(`${API_PREFIX}/`)) continue
      const middleware = middlewareOf(route)
      const names = middleware.map((m) => m.name)
      const moduleMw = middleware.find((m) => m.name === 'module')
      const canMw = middleware.find((m) => m.name === 'can')
      for (const method of route.methods as string[]) {
        if (method === 'HEAD') continue
        const key = `${method} ${pattern}`
        if (seen.has(key)) continue
        seen.add(key)
        out.push({
          method,
          pattern,
          path: pattern.slice(API_PREFIX.length) || '/',
          name: route.name ?? null,
          params: patternParams(pattern),
          middleware,
          action: actionOf(route),
          module: typeof moduleMw?.args === 'string' ? moduleMw.args : null,
          modules: middleware
            .filter((m) => m.name === 'module' && typeof m.args === 'string')
            .map((m) => m.args as string),
          matchers: matchersOf(route),
          permission: typeof canMw?.args === 'string' ? canMw.args : null,
          requiresAuth: names.includes('auth'),
          superadmin: names.includes('superadmin'),
        })
      }
    }
  }
  return out.sort((a, b) => a.pattern.localeCompare(b.pattern) || a.method.localeCompare(b.method))
}

/** `/buildings/:buildingId/units` → `/buildings/:/units`: matching ignores param names. */
export function normalisePattern(path: string): string {
  return path
    .split('/')
    .map((s) => (s.startsWith(':') ? ':' : s))
    .join('/')
}
