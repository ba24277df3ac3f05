import type { HttpContext } from '@adonisjs/core/http'
import type Organisation from '#models/organisation'
import { updateOrganisationValidator } from '#validators/organisation_validator'
import { currentOrganisation, updateOrganisation } from '#services/organisation_service'

export default class OrganisationController {
  /** GET /organisation (any member). */
  async show() {
    return withSecurity(await currentOrganisation())
  }

  /** PUT /organisation (admin): partial update of profile and branding. */
  async update(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(updateOrganisationValidator)
    return withSecurity(await updateOrganisation(ctx, payload))
  }
}

/** The organisation plus its security setting (kept in `settings`). */
function withSecurity(organisation: Organisation) {
  return { ...organisation.serialize(), require2fa: organisation.settings?.require2fa === true }
}
