import type { HttpContext } from '@adonisjs/core/http'
import type User from '#models/user'
import { portalHome } from '#services/portal_service'

/** Owner portal (/o/:slug): branded with the organisation, shows the co-owner's own units. */
export default class PortalController {
  async home(ctx: HttpContext) {
    const data = await portalHome(ctx.auth.user as User, ctx.organisation)
    return ctx.inertia.render('portal/home', data)
  }
}
