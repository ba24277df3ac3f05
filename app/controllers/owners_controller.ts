import type { HttpContext } from '@adonisjs/core/http'
import { createOwnerValidator, updateOwnerValidator } from '#validators/owner_validator'
import { createOwner, listOwners, showOwner, updateOwner } from '#services/owner_service'

export default class OwnersController {
  async index(ctx: HttpContext) {
    return listOwners(ctx)
  }

  async store(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(createOwnerValidator)
    return ctx.response.created(await createOwner(ctx, payload))
  }

  async show({ params }: HttpContext) {
    return showOwner(params.id)
  }

  async update(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(updateOwnerValidator)
    return updateOwner(ctx, ctx.params.id, payload)
  }
}
