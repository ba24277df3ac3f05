import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import { contentDisposition } from '#services/document_service'
import {
  deliverEtatDateValidator,
  requestEtatDateValidator,
} from '../validators/etat_date_validator.js'
import {
  cancelEtatDate,
  deliverEtatDate,
  etatDatePdf,
  etatDateSnapshot,
  generateEtatDate,
  listEtatDates,
  listEtatDateVersions,
  requestEtatDate,
  showEtatDate,
} from '../services/etat_date_service.js'

export default class EtatDatesController {
  async store(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(requestEtatDateValidator)
    return ctx.response.created(await requestEtatDate(ctx, ctx.params.id, payload))
  }

  async index(ctx: HttpContext) {
    return listEtatDates(ctx, ctx.params.id)
  }

  async queue(ctx: HttpContext) {
    return listEtatDates(ctx, null)
  }

  async show({ params }: HttpContext) {
    return showEtatDate(params.id)
  }

  async generate(ctx: HttpContext) {
    return generateEtatDate(ctx, ctx.params.id)
  }

  async snapshot({ params, request }: HttpContext) {
    const v = request.qs().version
    if (v !== undefined && !/^[1-9]\d{0,5}$/.test(String(v)))
      throw ApiError.validation('version', 'version must be a positive integer')
    return etatDateSnapshot(params.id, v === undefined ? undefined : Number(v))
  }

  async versions({ params }: HttpContext) {
    return { data: await listEtatDateVersions(params.id) }
  }

  async pdf({ params, request, response }: HttpContext) {
    const { bytes, name } = await etatDatePdf(params.id)
    response.header('Content-Type', 'application/pdf')
    // The staff page previews the PDF in an <iframe>: this one response may be framed by
    // our own origin (the app-wide policy forbids any framing).
    response.header('X-Frame-Options', 'SAMEORIGIN')
    response.header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'self'")
    response.header(
      'Content-Disposition',
      request.qs().download ? contentDisposition(name) : `inline; filename="${name}"`
    )
    return response.send(bytes)
  }

  async deliver(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(deliverEtatDateValidator)
    return deliverEtatDate(ctx, ctx.params.id, payload.message)
  }

  async destroy(ctx: HttpContext) {
    await cancelEtatDate(ctx, ctx.params.id)
    return ctx.response.noContent()
  }
}
