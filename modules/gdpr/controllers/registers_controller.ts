import type { HttpContext } from '@adonisjs/core/http'
import * as registers from '../services/registers_service.js'
import {
  createActivityValidator,
  createIncidentValidator,
  updateActivityValidator,
  updateIncidentValidator,
} from '../validators/gdpr_validator.js'

/** Admin registers: rights requests log, Art. 30 processing register, breach register. */
export default class RegistersController {
  async requests(ctx: HttpContext) {
    return registers.listRequests(ctx)
  }

  async activities(ctx: HttpContext) {
    return registers.listActivities(ctx)
  }

  async showActivity({ params }: HttpContext) {
    return registers.showActivity(params.id)
  }

  async storeActivity(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(createActivityValidator)
    return ctx.response.created(await registers.createActivity(ctx, payload))
  }

  async updateActivity(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(updateActivityValidator)
    return registers.updateActivity(ctx, ctx.params.id, payload)
  }

  async destroyActivity(ctx: HttpContext) {
    await registers.deleteActivity(ctx, ctx.params.id)
    return ctx.response.noContent()
  }

  async incidents(ctx: HttpContext) {
    return registers.listIncidents(ctx)
  }

  async showIncident({ params }: HttpContext) {
    return registers.showIncident(params.id)
  }

  async storeIncident(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(createIncidentValidator)
    return ctx.response.created(await registers.createIncident(ctx, payload))
  }

  async updateIncident(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(updateIncidentValidator)
    return registers.updateIncident(ctx, ctx.params.id, payload)
  }
}
