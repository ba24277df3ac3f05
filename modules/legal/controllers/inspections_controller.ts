import type { HttpContext } from '@adonisjs/core/http'
import {
  completeInspectionValidator,
  createInspectionValidator,
} from '../validators/inspection_validator.js'
import {
  cancelInspection,
  complianceBoard,
  completeInspection,
  createInspection,
  expiredInspections,
  listInspections,
  showInspection,
  startInspection,
  upcomingInspections,
  uploadCertificate,
} from '../services/inspection_service.js'

export default class InspectionsController {
  async store(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(createInspectionValidator)
    return ctx.response.created(await createInspection(ctx, ctx.params.id, payload))
  }
  async index(ctx: HttpContext) {
    return listInspections(ctx, ctx.params.id)
  }
  async upcoming(ctx: HttpContext) {
    return upcomingInspections(ctx, ctx.params.id)
  }
  async expired({ params }: HttpContext) {
    return expiredInspections(params.id)
  }
  async compliance({ params }: HttpContext) {
    return { data: await complianceBoard(params.id) }
  }
  async show({ params }: HttpContext) {
    return showInspection(params.id)
  }
  async start(ctx: HttpContext) {
    return startInspection(ctx, ctx.params.id)
  }
  async complete(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(completeInspectionValidator)
    return completeInspection(ctx, ctx.params.id, payload)
  }
  async certificate(ctx: HttpContext) {
    return uploadCertificate(ctx, ctx.params.id)
  }
  async destroy(ctx: HttpContext) {
    await cancelInspection(ctx, ctx.params.id)
    return ctx.response.noContent()
  }
}
