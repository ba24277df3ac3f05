import type { HttpContext } from '@adonisjs/core/http'
import { createCallValidator, markPaidValidator } from '../../validators/funds/call_validator.js'
import {
  createCall,
  deleteCall,
  listCalls,
  sendCall,
  showCall,
} from '../../services/funds/call_service.js'
import { markCallPaid } from '../../services/funds/payment_service.js'
import { renderOwnerCallPdf } from '../../pdf/funds/call_for_funds_pdf.js'
import { contentDisposition } from '#services/document_service'

export default class CallsForFundsController {
  async index(ctx: HttpContext) {
    return listCalls(ctx, ctx.params.id)
  }

  async store(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(createCallValidator)
    const id = await createCall(ctx, ctx.params.id, payload)
    return ctx.response.created(await showCall(id))
  }

  async show({ params }: HttpContext) {
    return showCall(params.id)
  }

  async send(ctx: HttpContext) {
    return sendCall(ctx, ctx.params.id)
  }

  async markPaid(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(markPaidValidator)
    await markCallPaid(ctx, ctx.params.id, payload)
    return showCall(ctx.params.id)
  }

  async destroy(ctx: HttpContext) {
    await deleteCall(ctx, ctx.params.id)
    return ctx.response.noContent()
  }

  /** The PDF of one owner (the one that was or will be e-mailed). */
  async ownerPdf(ctx: HttpContext) {
    const { pdf, filename } = await renderOwnerCallPdf(ctx.params.id, ctx.params.ownerId)
    ctx.response.header('Content-Type', 'application/pdf')
    ctx.response.header('Content-Disposition', contentDisposition(filename))
    return ctx.response.send(pdf)
  }
}
