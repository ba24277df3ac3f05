import type { HttpContext } from '@adonisjs/core/http'
import { actorOf } from '../shared/context.js'
import {
  createNoticeValidator,
  moderateNoticeValidator,
  updateNoticeValidator,
} from './notice_validator.js'
import {
  archiveNotice,
  createNotice,
  deleteNotice,
  listNotices,
  moderateNotice,
  noticeStatistics,
  publishNotice,
  serializeNotices,
  updateNotice,
} from './notice_service.js'
import { findNotice } from './notice_access.js'

export default class NoticesController {
  private async one(ctx: HttpContext, row: any) {
    const [out] = await serializeNotices(await actorOf(ctx), [row])
    return out
  }

  async store(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(createNoticeValidator)
    const row = await createNotice(ctx, await actorOf(ctx), payload)
    return ctx.response.created(await this.one(ctx, row))
  }

  async show(ctx: HttpContext) {
    return this.one(ctx, await findNotice(await actorOf(ctx), ctx.params.id))
  }

  async update(ctx: HttpContext) {
    const actor = await actorOf(ctx)
    await findNotice(actor, ctx.params.id)
    const payload = await ctx.request.validateUsing(updateNoticeValidator)
    return this.one(ctx, await updateNotice(ctx, actor, ctx.params.id, payload))
  }

  async publish(ctx: HttpContext) {
    return this.one(ctx, await publishNotice(ctx, await actorOf(ctx), ctx.params.id))
  }

  async archive(ctx: HttpContext) {
    return this.one(ctx, await archiveNotice(ctx, await actorOf(ctx), ctx.params.id))
  }

  async moderate(ctx: HttpContext) {
    const actor = await actorOf(ctx)
    await findNotice(actor, ctx.params.id)
    const { hidden, reason } = await ctx.request.validateUsing(moderateNoticeValidator)
    return this.one(ctx, await moderateNotice(ctx, actor, ctx.params.id, hidden, reason ?? null))
  }

  async destroy(ctx: HttpContext) {
    await deleteNotice(ctx, await actorOf(ctx), ctx.params.id)
    return ctx.response.noContent()
  }

  async index(ctx: HttpContext) {
    return listNotices(ctx, await actorOf(ctx), { buildingId: ctx.params.buildingId })
  }

  async byCategory(ctx: HttpContext) {
    return listNotices(ctx, await actorOf(ctx), {
      buildingId: ctx.params.buildingId,
      category: ctx.params.category,
    })
  }

  async active(ctx: HttpContext) {
    return listNotices(ctx, await actorOf(ctx), { buildingId: ctx.params.buildingId, active: true })
  }

  async my(ctx: HttpContext) {
    return listNotices(ctx, await actorOf(ctx), { mine: true })
  }

  async statistics(ctx: HttpContext) {
    return noticeStatistics(ctx.params.buildingId)
  }
}
