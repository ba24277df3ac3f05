import type { HttpContext } from '@adonisjs/core/http'
import { updateOrganisationValidator } from '#validators/organisation_validator'
import { currentOrganisation, updateOrganisation } from '#services/organisation_service'

export default class OrganisationController {
  /** GET /organisation (any member). */
  async show() {
    return currentOrganisation()
  }

  /** PUT /organisation (admin): partial update of profile and branding. */
  async update(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(updateOrganisationValidator)
    return updateOrganisation(ctx, payload)
  }
}
