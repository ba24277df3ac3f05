import type { HttpContext } from '@adonisjs/core/http'
import { createOwnershipValidator, updateOwnershipValidator } from '#validators/ownership_validator'
import {
  createOwnership,
  endOwnership,
  listOwnerships,
  updateOwnership,
} from '#services/ownership_service'

export default class UnitOwnersController {
  async index(ctx: HttpContext) {
    return listOwnerships(ctx, ctx.params.unitId)
  }

  async store(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(createOwnershipValidator)
    return ctx.response.created(await createOwnership(ctx, ctx.params.unitId, payload))
  }

  async update(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(updateOwnershipValidator)
    return updateOwnership(ctx, ctx.params.id, payload)
  }

  /** Ends the ownership today; the row stays as history. */
  async destroy(ctx: HttpContext) {
    await endOwnership(ctx, ctx.params.id)
    return ctx.response.noContent()
  }
}
