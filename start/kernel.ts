/*
| HTTP kernel: global and named middleware.
*/
import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#exceptions/handler'))

server.use([
  () => import('#middleware/container_bindings_middleware'),
  () => import('@adonisjs/static/static_middleware'),
  () => import('@adonisjs/cors/cors_middleware'),
  () => import('@adonisjs/vite/vite_middleware'),
  () => import('#middleware/inertia_middleware'),
])

router.use([
  () => import('@adonisjs/core/bodyparser_middleware'),
  () => import('@adonisjs/session/session_middleware'),
  () => import('@adonisjs/shield/shield_middleware'),
  () => import('@adonisjs/auth/initialize_auth_middleware'),
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
