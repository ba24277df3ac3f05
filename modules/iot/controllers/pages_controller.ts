import type { HttpContext } from '@adonisjs/core/http'
import Building from '#models/building'
import { buildingDashboard, ownerMeters } from '../services/dashboard_service.js'

/** Module pages are resolved by the client from modules/iot/ui/pages (not in the core page index). */
function render(ctx: HttpContext, page: string, props: Record<string, unknown>) {
  return ctx.inertia.render(page as never, props as never)
}

export default class PagesController {
  /** /app/iot: the first building's dashboard (or an empty state). */
  async index(ctx: HttpContext) {
    const first = await Building.query().whereNull('archived_at').orderBy('name').first()
    if (first) return ctx.response.redirect(`/app/iot/buildings/${first.id}`)
    return render(ctx, 'iot/dashboard', { dashboard: null, buildings: [] })
  }

  async dashboard(ctx: HttpContext) {
    const dashboard = await buildingDashboard(ctx.params.id)
    const buildings = await Building.query()
      .whereNull('archived_at')
      .orderBy('name')
      .select('id', 'name')
    return render(ctx, 'iot/dashboard', {
      dashboard,
      buildings: buildings.map((b) => ({ id: b.id, name: b.name })),
    })
  }

  async portal(ctx: HttpContext) {
    const user = ctx.auth.user as { id: string }
    // The shared `organisation` prop (with the branding of the portal header) serves it.
    return render(ctx, 'iot/portal/meter', {
      ...(await ownerMeters(user.id)),
    })
  }
}
