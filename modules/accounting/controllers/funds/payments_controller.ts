import type { HttpContext } from '@adonisjs/core/http'
import { createPaymentValidator } from '../../validators/funds/payment_validator.js'
import {
  listPayments,
  ownerBalance,
  ownerStatement,
  recordPayment,
  showPayment,
} from '../../services/funds/payment_service.js'
import { buildingArrears, formalNoticePdf } from '../../services/funds/reminder_service.js'
import { ApiError } from '#exceptions/api_error'
import { fundsToday } from '../../services/funds/clock.js'
import { buildingRow } from '../../services/funds/db.js'
import { ownerRow } from '../../services/funds/payment_service.js'

const ISO = /^\d{4}-\d{2}-\d{2}$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function dateParam(ctx: HttpContext, name: string): string | undefined {
  const value = ctx.request.qs()[name]
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !ISO.test(value) || Number.isNaN(Date.parse(value))) {
    throw ApiError.validation(name, `${name} must be a date (YYYY-MM-DD)`)
  }
  return value
}

export default class PaymentsController {
  async index(ctx: HttpContext) {
    return listPayments(ctx, ctx.params.id)
  }

  async store(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(createPaymentValidator)
    const id = await recordPayment(ctx, ctx.params.id, payload)
    return ctx.response.created(await showPayment(id))
  }

  async show({ params }: HttpContext) {
    return showPayment(params.id)
  }

  async balance(ctx: HttpContext) {
    await ownerRow(ctx.params.id)
    return ownerBalance(ctx.params.id, dateParam(ctx, 'asOf'))
  }

  async statement(ctx: HttpContext) {
    await ownerRow(ctx.params.id)
    const buildingId = ctx.request.qs().buildingId
    if (buildingId !== undefined && (typeof buildingId !== 'string' || !UUID.test(buildingId))) {
      throw ApiError.validation('buildingId', 'buildingId must be a building id')
    }
    return ownerStatement(ctx.params.id, {
      buildingId,
      from: dateParam(ctx, 'from'),
      to: dateParam(ctx, 'to'),
    })
  }

  async arrears(ctx: HttpContext) {
    await buildingRow(ctx.params.id)
    return buildingArrears(ctx.params.id, dateParam(ctx, 'asOf') ?? fundsToday())
  }

  /** The formal notice (registered letter) of an owner in a building, to print and post. */
  async formalNotice(ctx: HttpContext) {
    await buildingRow(ctx.params.id)
    await ownerRow(ctx.params.ownerId)
    const pdf = await formalNoticePdf(
      ctx.params.ownerId,
      ctx.params.id,
      dateParam(ctx, 'asOf') ?? fundsToday()
    )
    ctx.response.header('Content-Type', 'application/pdf')
    ctx.response.header('Content-Disposition', 'attachment; filename="formal-notice.pdf"')
    return ctx.response.send(pdf)
  }
}
