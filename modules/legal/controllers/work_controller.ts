import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import { contentDisposition } from '#services/document_service'
import { renderPdf } from '#pdf/pdf_service'
import {
  assignTicketValidator,
  createContractorValidator,
  createTicketValidator,
  createWorkReportValidator,
  rejectWorkReportValidator,
  updateContractorValidator,
  updateWorkReportValidator,
} from '../validators/work_validator.js'
import {
  createContractor,
  listContractors,
  showContractor,
  updateContractor,
} from '../services/contractor_service.js'
import {
  addTicketPhoto,
  assignTicket,
  createTicket,
  findVisibleTicket,
  listTickets,
  moveTicket,
  showTicket,
} from '../services/ticket_service.js'
import {
  addWorkReportPhoto,
  approveWorkReport,
  createWorkReport,
  deleteWorkReport,
  findVisibleReport,
  listWorkReports,
  rejectWorkReport,
  showWorkReport,
  submitWorkReport,
  updateWorkReport,
} from '../services/work_report_service.js'
import { listPhotos, photoBytes, serializePhoto } from '../services/photo_service.js'
import { organisationBranding } from '../services/etat_date_service.js'
import { workReportHtml } from '../pdf/work_report_html.js'
import { docLocale } from '../pdf/etat_date_i18n.js'

export class ContractorsController {
  async index(ctx: HttpContext) {
    return listContractors(ctx)
  }
  async store(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(createContractorValidator)
    return ctx.response.created(await createContractor(ctx, payload))
  }
  async show({ params }: HttpContext) {
    return showContractor(params.id)
  }
  async update(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(updateContractorValidator)
    return updateContractor(ctx, ctx.params.id, payload)
  }
  async workReports(ctx: HttpContext) {
    return listWorkReports(ctx, { contractorId: ctx.params.id })
  }
}

async function sendPhoto(ctx: HttpContext, type: 'ticket' | 'work_report') {
  const { bytes, mime } = await photoBytes(
    type,
    ctx.params.id,
    ctx.params.photoId,
    ctx.request.qs().size === 'thumb'
  )
  ctx.response.header('Content-Type', mime)
  ctx.response.header('Cache-Control', 'private, max-age=3600')
  ctx.response.header('X-Content-Type-Options', 'nosniff')
  return ctx.response.send(bytes)
}

export class TicketsController {
  async store(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(createTicketValidator)
    return ctx.response.created(await createTicket(ctx, ctx.params.id, payload))
  }
  async index(ctx: HttpContext) {
    return listTickets(ctx, ctx.params.id)
  }
  async mine(ctx: HttpContext) {
    return listTickets(ctx, null)
  }
  async show(ctx: HttpContext) {
    return showTicket(ctx, ctx.params.id)
  }
  async assign(ctx: HttpContext) {
    const { contractorId } = await ctx.request.validateUsing(assignTicketValidator)
    return assignTicket(ctx, ctx.params.id, contractorId)
  }
  async start(ctx: HttpContext) {
    return moveTicket(ctx, ctx.params.id, 'start')
  }
  async resolve(ctx: HttpContext) {
    return moveTicket(ctx, ctx.params.id, 'resolve')
  }
  async close(ctx: HttpContext) {
    return moveTicket(ctx, ctx.params.id, 'close')
  }
  async addPhoto(ctx: HttpContext) {
    return ctx.response.created(await addTicketPhoto(ctx, ctx.params.id))
  }
  async photos(ctx: HttpContext) {
    await findVisibleTicket(ctx, ctx.params.id)
    const rows = await listPhotos('ticket', ctx.params.id)
    return {
      data: rows.map((p: any) => serializePhoto(p, `/api/v1/tickets/${ctx.params.id}/photos`)),
    }
  }
  async photo(ctx: HttpContext) {
    await findVisibleTicket(ctx, ctx.params.id)
    return sendPhoto(ctx, 'ticket')
  }
}

export class WorkReportsController {
  async store(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(createWorkReportValidator)
    return ctx.response.created(await createWorkReport(ctx, payload))
  }
  async show(ctx: HttpContext) {
    return showWorkReport(ctx, ctx.params.id)
  }
  async update(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(updateWorkReportValidator)
    return updateWorkReport(ctx, ctx.params.id, payload)
  }
  async byBuilding(ctx: HttpContext) {
    return listWorkReports(ctx, { buildingId: ctx.params.id })
  }
  async submit(ctx: HttpContext) {
    return submitWorkReport(ctx, ctx.params.id)
  }
  async approve(ctx: HttpContext) {
    return approveWorkReport(ctx, ctx.params.id)
  }
  async reject(ctx: HttpContext) {
    const { reason } = await ctx.request.validateUsing(rejectWorkReportValidator)
    return rejectWorkReport(ctx, ctx.params.id, reason)
  }
  async destroy(ctx: HttpContext) {
    await deleteWorkReport(ctx, ctx.params.id)
    return ctx.response.noContent()
  }
  async addPhoto(ctx: HttpContext) {
    return ctx.response.created(await addWorkReportPhoto(ctx, ctx.params.id))
  }
  async photos(ctx: HttpContext) {
    await findVisibleReport(ctx, ctx.params.id)
    const rows = await listPhotos('work_report', ctx.params.id)
    return {
      data: rows.map((p: any) => serializePhoto(p, `/api/v1/work-reports/${ctx.params.id}/photos`)),
    }
  }
  async photo(ctx: HttpContext) {
    await findVisibleReport(ctx, ctx.params.id)
    return sendPhoto(ctx, 'work_report')
  }
  async pdf(ctx: HttpContext) {
    const report = await showWorkReport(ctx, ctx.params.id)
    const photos = await listPhotos('work_report', ctx.params.id)
    const { org, branding } = await organisationBranding()
    const user = ctx.auth.user as { locale?: string | null }
    const html = await workReportHtml(
      report,
      photos,
      branding,
      docLocale(user.locale ?? org.locale)
    )
    const pdf = await renderPdf(html, { footerText: report.title })
    if (!pdf.length) throw ApiError.notFound()
    ctx.response.header('Content-Type', 'application/pdf')
    ctx.response.header(
      'Content-Disposition',
      ctx.request.qs().download
        ? contentDisposition(`work-report-${report.id.slice(0, 8)}.pdf`)
        : 'inline'
    )
    return ctx.response.send(pdf)
  }
}
