import type { HttpContext } from '@adonisjs/core/http'
import {
  adminOrganisationListValidator,
  updateOrganisationStatusValidator,
} from '#validators/organisation_validator'
import { updateModuleValidator } from '#validators/module_validator'
import {
  adminSetModule,
  adminSetStatus,
  listOrganisations,
} from '#services/admin_organisation_service'
import { pageParams } from '#services/pagination'
import { requestLocale } from '#services/module_settings_service'

/** Platform staff only (middleware.superadmin()); every call is audited by the service. */
export default class AdminOrganisationsController {
  /** GET /admin/organisations: paged, `?status=`, `?q=` (name or slug). */
  async index(ctx: HttpContext) {
    const { page, perPage } = pageParams(ctx)
    const filters = await ctx.request.validateUsing(adminOrganisationListValidator, {
      data: ctx.request.qs(),
    })
    return listOrganisations(ctx, page, perPage, filters)
  }

  /** PUT /admin/organisations/:id/modules/:key {enabled}: any module, plan not checked. */
  async updateModule(ctx: HttpContext) {
    const { enabled } = await ctx.request.validateUsing(updateModuleValidator)
    return adminSetModule(ctx, ctx.params.id, ctx.params.key, enabled, requestLocale(ctx, null))
  }

  /** PUT /admin/organisations/:id/status {status}. */
  async updateStatus(ctx: HttpContext) {
    const { status } = await ctx.request.validateUsing(updateOrganisationStatusValidator)
    return adminSetStatus(ctx, ctx.params.id, status)
  }
}
