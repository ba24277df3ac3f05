import type { HttpContext } from '@adonisjs/core/http'
import { configureLinkyValidator, syncValidator } from '../validators/iot_validators.js'
import { configureLinky, requestSync } from '../services/linky_service.js'
import { syncJobStatus } from '../services/sync_status_service.js'

export default class LinkyController {
  async configure(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(configureLinkyValidator)
    return ctx.response.created(await configureLinky(ctx, ctx.params.id, payload))
  }

  async sync(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(syncValidator)
    return ctx.response.accepted(await requestSync(ctx, ctx.params.id, payload.deviceId))
  }

  async job({ params }: HttpContext) {
    return syncJobStatus(params.id)
  }
}
