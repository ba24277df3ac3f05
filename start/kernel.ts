/*
| HTTP kernel: global and named middleware.
*/
import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#exceptions/handler'))

server.use([
  // Container bindings, static files (not under /api/), CORS, Vite, Inertia (not for
  // bearer API requests): one middleware, see app/middleware/server_pipeline_middleware.ts.
  () => import('#middleware/server_pipeline_middleware'),
])

router.use([
  () => import('@adonisjs/core/bodyparser_middleware'),
  // Session + shield; bearer API requests skip the session and the CSRF token/cookie
  // (never used by them; see app/middleware/bearer_api_fast_path.ts).
  () => import('#middleware/session_unless_bearer_middleware'),
  () => import('#middleware/shield_unless_bearer_middleware'),
  // Bearer API requests skip sharing ctx.auth with an Edge renderer (they render none).
  () => import('#middleware/initialize_auth_middleware'),
])

export const middleware = router.named({
  /** API: bearer token (401 E_UNAUTHORIZED otherwise). */
  auth: () => import('#middleware/auth_middleware'),
  /** Pages: session; redirects to /login. */
  webAuth: () => import('#middleware/web_auth_middleware'),
  /** Resolves the organisation, checks membership and opens the tenant transaction. */
  tenant: () => import('#middleware/tenant_middleware'),
  /** Role gate by permission name (see app/policies/permissions.ts). */
  can: () => import('#middleware/permission_middleware'),
  /** 403 E_MODULE_DISABLED when the organisation has the module off. */
  module: () => import('#middleware/module_middleware'),
  superadmin: () => import('#middleware/superadmin_middleware'),
})
