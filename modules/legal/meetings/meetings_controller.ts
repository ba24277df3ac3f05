import type { HttpContext } from '@adonisjs/core/http'
import { assertBuildingExists } from '#services/building_service'
import { ApiError } from '#exceptions/api_error'
import * as v from './meeting_validators.js'
import * as meetings from './meeting_service.js'
import * as voting from './vote_service.js'
import * as notices from './notice_service.js'
import * as requests from './request_service.js'
import { meetingEventStream } from './live_events.js'

/** Thin HTTP layer of the general assemblies (SPEC §7); rules live in the services. */
export default class MeetingsController {
  async index(ctx: HttpContext) {
    return meetings.listMeetings(ctx, ctx.params.id)
  }

  async store(ctx: HttpContext) {
    const p = await v.createMeetingValidator.validate(ctx.request.all())
    const created = await meetings.createMeeting(ctx, ctx.params.id, {
      ...p,
      scheduledAt: v.toDate(p.scheduledAt),
    })
    return ctx.response.created(created)
  }

  async show(ctx: HttpContext) {
    return meetings.showMeeting(ctx, ctx.params.id)
  }

  async update(ctx: HttpContext) {
    const p = await v.updateMeetingValidator.validate(ctx.request.all())
    return meetings.updateMeeting(ctx, ctx.params.id, {
      ...p,
      scheduledAt: v.toDate(p.scheduledAt),
    })
  }

  async destroy(ctx: HttpContext) {
    return meetings.cancelMeeting(ctx, ctx.params.id)
  }

  async agenda(ctx: HttpContext) {
    await meetings.findMeeting(ctx, ctx.params.id)
    return { data: await meetings.agendaOf(ctx.params.id) }
  }

  async addAgendaItem(ctx: HttpContext) {
    const p = await v.agendaItemValidator.validate(ctx.request.all())
    return ctx.response.created(await meetings.addAgendaItem(ctx, ctx.params.id, p))
  }

  async updateAgendaItem(ctx: HttpContext) {
    const body = ctx.request.all()
    const p = await v.updateAgendaItemValidator.validate(body)
    // Empty strings arrive as null (skipped by optional()): an item always keeps a title.
    if ('title' in body && p.title === undefined)
      throw ApiError.validation('title', 'The title cannot be empty')
    return meetings.updateAgendaItem(ctx, ctx.params.id, p)
  }

  async deleteAgendaItem(ctx: HttpContext) {
    await meetings.deleteAgendaItem(ctx, ctx.params.id)
    return ctx.response.noContent()
  }

  async reorderAgenda(ctx: HttpContext) {
    const p = await v.agendaOrderValidator.validate(ctx.request.all())
    return meetings.reorderAgenda(ctx, ctx.params.id, p.ids)
  }

  async designateRepresentative(ctx: HttpContext) {
    const p = await v.representativeValidator.validate(ctx.request.all())
    return meetings.designateRepresentative(ctx, ctx.params.id, ctx.params.unitId, p.ownerId)
  }

  async attendance(ctx: HttpContext) {
    const meeting = await meetings.findMeeting(ctx, ctx.params.id)
    return { data: await meetings.attendanceOf(meeting), quorum: await meetings.quorumOf(meeting) }
  }

  async recordAttendance(ctx: HttpContext) {
    const p = await v.attendanceValidator.validate(ctx.request.all())
    return meetings.recordAttendance(ctx, ctx.params.id, p)
  }

  async proxies(ctx: HttpContext) {
    return meetings.listProxies(ctx, ctx.params.id)
  }

  async createProxy(ctx: HttpContext) {
    const p = await v.proxyValidator.validate(ctx.request.all())
    return ctx.response.created(await meetings.createProxy(ctx, ctx.params.id, p))
  }

  async open(ctx: HttpContext) {
    return meetings.openMeeting(ctx, ctx.params.id)
  }

  async secondMeeting(ctx: HttpContext) {
    await meetings.findMeeting(ctx, ctx.params.id) // 404 before 422
    const p = await v.secondMeetingValidator.validate(ctx.request.all())
    return ctx.response.created(
      await meetings.createSecondMeeting(ctx, ctx.params.id, {
        ...p,
        scheduledAt: new Date(p.scheduledAt),
      })
    )
  }

  async close(ctx: HttpContext) {
    return voting.closeMeeting(ctx, ctx.params.id)
  }

  async resolutions(ctx: HttpContext) {
    return voting.listResolutions(ctx, ctx.params.id)
  }

  async openResolution(ctx: HttpContext) {
    const p = await v.resolutionValidator.validate(ctx.request.all())
    return ctx.response.created(await voting.openResolution(ctx, ctx.params.id, p))
  }

  async votes(ctx: HttpContext) {
    return voting.listVotes(ctx, ctx.params.id)
  }

  async castVote(ctx: HttpContext) {
    const p = await v.voteValidator.validate(ctx.request.all())
    return ctx.response.created(await voting.castVote(ctx, ctx.params.id, p))
  }

  async closeResolution(ctx: HttpContext) {
    return voting.closeResolution(ctx, ctx.params.id)
  }

  async voteChain(ctx: HttpContext) {
    return voting.voteChain(ctx, ctx.params.id)
  }

  async sendConvocations(ctx: HttpContext) {
    return notices.sendConvocations(ctx, ctx.params.id)
  }

  async convocations(ctx: HttpContext) {
    return notices.listNotices(ctx, ctx.params.id)
  }

  async noticePdf(ctx: HttpContext) {
    const pdf = await notices.noticePdf(ctx, ctx.params.id)
    ctx.response.header('content-type', 'application/pdf')
    ctx.response.header('content-disposition', `inline; filename="${pdf.fileName}"`)
    return pdf.buffer
  }

  async markPrinted(ctx: HttpContext) {
    return notices.markPrinted(ctx, ctx.params.id)
  }

  async minutes(ctx: HttpContext) {
    const pdf = await notices.minutesPdf(ctx, ctx.params.id)
    ctx.response.header('content-type', 'application/pdf')
    ctx.response.header('content-disposition', `inline; filename="${pdf.fileName}"`)
    return pdf.buffer
  }

  async sendMinutes(ctx: HttpContext) {
    return notices.sendMinutes(ctx, ctx.params.id)
  }

  async live(ctx: HttpContext) {
    await meetings.findMeeting(ctx, ctx.params.id)
    // Only EventSource clients get the (long-lived) stream; anything else is told why.
    if (!String(ctx.request.header('accept') ?? '').includes('text/event-stream')) {
      throw new ApiError(
        406,
        'E_NOT_ACCEPTABLE',
        'This endpoint streams server-sent events: send Accept: text/event-stream'
      )
    }
    const stream = meetingEventStream(ctx.params.id, (stop) =>
      ctx.response.response.on('close', stop)
    )
    ctx.response.header('content-type', 'text/event-stream; charset=utf-8')
    ctx.response.header('cache-control', 'no-cache, no-transform')
    ctx.response.header('x-accel-buffering', 'no')
    ctx.response.stream(stream)
  }

  async requestsIndex(ctx: HttpContext) {
    return requests.listRequests(ctx, ctx.params.id)
  }

  async requestStore(ctx: HttpContext) {
    await assertBuildingExists(ctx.params.id) // 404 before 422
    const p = await v.meetingRequestValidator.validate(ctx.request.all())
    return ctx.response.created(await requests.createRequest(ctx, ctx.params.id, p))
  }

  async council(ctx: HttpContext) {
    return requests.council(ctx, ctx.params.id)
  }

  async addCouncilMember(ctx: HttpContext) {
    await assertBuildingExists(ctx.params.id) // 404 before 422
    const p = await v.councilMemberValidator.validate(ctx.request.all())
    return ctx.response.created(await requests.addCouncilMember(ctx, ctx.params.id, p))
  }
}
