import type { HttpContext } from '@adonisjs/core/http'
import { createUnitValidator, updateUnitValidator } from '#validators/unit_validator'
import {
  createUnit,
  deleteUnit,
  findUnit,
  listUnits,
  serializeUnit,
  updateUnit,
} from '#services/unit_service'

export default class UnitsController {
  async index(ctx: HttpContext) {
    return listUnits(ctx, ctx.params.buildingId)
  }

  async store(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(createUnitValidator)
    return ctx.response.created(await createUnit(ctx, ctx.params.buildingId, payload))
  }

  async show({ params }: HttpContext) {
    return serializeUnit(await findUnit(params.id))
  }

  async update(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(updateUnitValidator)
    return updateUnit(ctx, ctx.params.id, payload)
  }

  async destroy(ctx: HttpContext) {
    await deleteUnit(ctx, ctx.params.id)
    return ctx.response.noContent()
  }
}
