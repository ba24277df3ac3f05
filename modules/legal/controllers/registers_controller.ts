import type { HttpContext } from '@adonisjs/core/http'
import { registerValidators } from '../validators/registers_validator.js'
import {
  createRegisterRow,
  deleteRegisterRow,
  findRegisterRow,
  listRegister,
  updateRegisterRow,
  type RegisterKey,
} from '../services/register_service.js'

/** One controller per register (the route tells which): disputes, insurance, service contracts. */
function registerController(key: RegisterKey) {
  return class {
    async index(ctx: HttpContext) {
      return listRegister(ctx, key, ctx.params.id)
    }
    async store(ctx: HttpContext) {
      const payload = await (registerValidators[key].create as any).validate(ctx.request.all())
      return ctx.response.created(await createRegisterRow(ctx, key, ctx.params.id, payload))
    }
    async show({ params }: HttpContext) {
      return findRegisterRow(key, params.id)
    }
    async update(ctx: HttpContext) {
      const payload = await (registerValidators[key].update as any).validate(ctx.request.all())
      return updateRegisterRow(ctx, key, ctx.params.id, payload)
    }
    async destroy(ctx: HttpContext) {
      await deleteRegisterRow(ctx, key, ctx.params.id)
      return ctx.response.noContent()
    }
  }
}

export const DisputesController = registerController('disputes')
export const InsuranceContractsController = registerController('insuranceContracts')
export const InsuranceClaimsController = registerController('insuranceClaims')
export const ServiceContractsController = registerController('serviceContracts')
