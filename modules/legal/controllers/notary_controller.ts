import type { HttpContext } from '@adonisjs/core/http'
import {
  assignNotaryRequestValidator,
  legalSettingsValidator,
  notaryRequestValidator,
} from '../validators/notary_validator.js'
import {
  assignNotaryRequest,
  createNotaryRequest,
  legalSettings,
  listNotaryRequests,
  notaryPdf,
  trackNotaryRequest,
  updateLegalSettings,
} from '../services/notary_service.js'

/** Public (no login): the notary's request and tracking link. */
export class NotaryPublicController {
  async store(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(notaryRequestValidator)
    return ctx.response.created(await createNotaryRequest(ctx, ctx.params.slug, payload))
  }
  async show(ctx: HttpContext) {
    return trackNotaryRequest(ctx, ctx.params.slug, ctx.params.token)
  }
  async pdf(ctx: HttpContext) {
    const { bytes, name } = await notaryPdf(ctx, ctx.params.slug, ctx.params.token)
    ctx.response.header('Content-Type', 'application/pdf')
    ctx.response.header('Content-Disposition', `inline; filename="${name}"`)
    ctx.response.header('Cache-Control', 'no-store')
    return ctx.response.send(bytes)
  }
}

/** Staff: notary requests that need matching, and the module settings (fee). */
export class NotaryRequestsController {
  async index(ctx: HttpContext) {
    return listNotaryRequests(ctx)
  }
  async assign(ctx: HttpContext) {
    const { unitId } = await ctx.request.validateUsing(assignNotaryRequestValidator)
    return assignNotaryRequest(ctx, ctx.params.id, unitId)
  }
  async showSettings() {
    return legalSettings()
  }
  async updateSettings(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(legalSettingsValidator)
    return updateLegalSettings(ctx, { notaryFee: payload.notaryFee })
  }
}
