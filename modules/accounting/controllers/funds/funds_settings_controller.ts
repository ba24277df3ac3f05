import type { HttpContext } from '@adonisjs/core/http'
import {
  fundsSettingsValidator,
  interestRateValidator,
} from '../../validators/funds/payment_validator.js'
import {
  fundsSettings,
  listInterestRates,
  setInterestRate,
  updateFundsSettings,
} from '../../services/funds/settings_service.js'
import { ApiError } from '#exceptions/api_error'

export default class FundsSettingsController {
  async show({ params }: HttpContext) {
    return fundsSettings(params.id)
  }

  async update(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(fundsSettingsValidator)
    return updateFundsSettings(ctx, ctx.params.id, payload)
  }

  async rates() {
    return listInterestRates()
  }

  async setRate(ctx: HttpContext) {
    const year = Number(ctx.params.year)
    if (!Number.isInteger(year) || year < 1 || year > 9999) throw ApiError.notFound('Unknown year')
    const payload = await ctx.request.validateUsing(interestRateValidator)
    return setInterestRate(ctx, year, payload.rate)
  }
}
