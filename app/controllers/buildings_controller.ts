import type { HttpContext } from '@adonisjs/core/http'
import { createBuildingValidator, updateBuildingValidator } from '#validators/building_validator'
import {
  createBuilding,
  deleteBuilding,
  findBuilding,
  listBuildings,
  updateBuilding,
} from '#services/building_service'

export default class BuildingsController {
  async index(ctx: HttpContext) {
    return listBuildings(ctx)
  }

  async store(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(createBuildingValidator)
    return ctx.response.created(await createBuilding(ctx, payload))
  }

  async show({ params }: HttpContext) {
    return findBuilding(params.id)
  }

  async update(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(updateBuildingValidator)
    return updateBuilding(ctx, ctx.params.id, payload)
  }

  async destroy(ctx: HttpContext) {
    await deleteBuilding(ctx, ctx.params.id)
    return ctx.response.noContent()
  }
}
