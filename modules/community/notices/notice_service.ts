import type { HttpContext } from '@adonisjs/core/http'
import type { Infer } from '@vinejs/vine/types'
import type { DateTime } from 'luxon'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { clock } from '../shared/clock.js'
import { findBuilding, ownsUnitInBuilding, tenant, type Actor } from '../shared/context.js'
import { pageOf, enumFilter } from '../shared/format.js'
import { FieldErrors, optionalTimestamp, parseDate, parseMoney } from '../shared/input.js'
import { assertAuthorOrStaff, findNotice, isAuthor, visibleSql } from './notice_access.js'
import { serializeNotices } from './notice_serializer.js'
import {
  NOTICE_CATEGORIES,
  NOTICE_STATUSES,
  type createNoticeValidator,
  type updateNoticeValidator,
} from './notice_validator.js'

type CreatePayload = Infer<typeof createNoticeValidator>
type UpdatePayload = Infer<typeof updateNoticeValidator>

/** Field rules shared by create and update, checked on the resulting notice. */
function noticeColumns(payload: Partial<CreatePayload>, current: any | null) {
  const errors = new FieldErrors()
  const out: Record<string, unknown> = {}
  if (payload.price !== undefined)
    errors.try(
      () => (out.price = parseMoney(payload.price, 'price', { exclusiveMin: 0, max: 99999999 }))
    )
  if (payload.eventDate !== undefined)
    errors.try(
      () => (out.event_date = payload.eventDate ? parseDate(payload.eventDate, 'eventDate') : null)
    )
  if (payload.expiresAt !== undefined) {
    errors.try(() => {
      const at = optionalTimestamp(payload.expiresAt, 'expiresAt')
      if (at && at <= clock.now())
        throw ApiError.validation('expiresAt', 'expiresAt must be in the future')
      out.expires_at = at ? at.toJSDate() : null
    })
  }
  const category = payload.category ?? current?.category
  const price = out.price !== undefined ? out.price : current?.price
  const eventDate = out.event_date !== undefined ? out.event_date : current?.event_date
  if (category === 'for_sale' && (price === null || price === undefined))
    errors.add('price', 'A price > 0 is required for an item for sale')
  if (category === 'event' && !eventDate) errors.add('eventDate', 'An event needs its date')
  errors.throwIfAny()
  return out
}

export async function createNotice(ctx: HttpContext, actor: Actor, payload: CreatePayload) {
  const { trx, organisationId } = tenant()
  const building = await findBuilding(payload.buildingId, 'buildingId')
  const extra = noticeColumns(payload, null)
  let authorOwnerId: string | null = null
  for (const id of actor.ownerIds) if (await ownsUnitInBuilding(id, building.id)) authorOwnerId = id
  if (!actor.staff && !authorOwnerId)
    throw ApiError.forbidden('Only co-owners of the building may post on its notice board')
  const now = clock.nowDate()
  const [row] = await trx
    .table('community_notices')
    .insert({
      organisation_id: organisationId,
      building_id: building.id,
      author_user_id: actor.userId,
      author_owner_id: authorOwnerId,
      category: payload.category,
      title: payload.title,
      body: payload.body,
      visibility: payload.visibility,
      status: 'draft',
      created_at: now,
      updated_at: now,
      ...extra,
    })
    .returning('*')
  await audit(ctx, {
    action: 'community.notice.create',
    subjectType: 'community_notice',
    subjectId: row.id,
    metadata: { category: row.category, visibility: row.visibility },
  })
  return row
}

export async function updateNotice(
  ctx: HttpContext,
  actor: Actor,
  id: string,
  payload: UpdatePayload
) {
  const { trx, organisationId } = tenant()
  const notice = await findNotice(actor, id, { forUpdate: true })
  if (!isAuthor(actor, notice)) throw ApiError.forbidden('Only the author may edit a notice')
  if (notice.status === 'archived' || notice.status === 'expired')
    throw ApiError.invalidState(`A ${notice.status} notice cannot be edited`)
  const extra = noticeColumns(payload, notice)
  const changes: Record<string, unknown> = { ...extra, updated_at: clock.nowDate() }
  for (const f of ['category', 'title', 'body', 'visibility'] as const)
    if (payload[f] !== undefined) changes[f] = payload[f]
  const [row] = await trx
    .from('community_notices')
    .where('organisation_id', organisationId)
    .where('id', id)
    .update(changes)
    .returning('*')
  await audit(ctx, {
    action: 'community.notice.update',
    subjectType: 'community_notice',
    subjectId: id,
    metadata: { fields: Object.keys(payload) },
  })
  return row
}

async function transition(
  ctx: HttpContext,
  actor: Actor,
  id: string,
  from: string[],
  to: string,
  action: string
) {
  const { trx, organisationId } = tenant()
  const notice = await findNotice(actor, id, { forUpdate: true })
  assertAuthorOrStaff(actor, notice)
  if (!from.includes(notice.status))
    throw ApiError.invalidState(`A ${notice.status} notice cannot be ${action}`)
  const now = clock.nowDate()
  if (to === 'published' && notice.expires_at && notice.expires_at <= now)
    throw ApiError.invalidState('The notice has already expired')
  const [row] = await trx
    .from('community_notices')
    .where('organisation_id', organisationId)
    .where('id', id)
    .update({ status: to, updated_at: now, ...(to === 'published' ? { published_at: now } : {}) })
    .returning('*')
  await audit(ctx, {
    action: `community.notice.${action}`,
    subjectType: 'community_notice',
    subjectId: id,
  })
  return row
}

export const publishNotice = (ctx: HttpContext, actor: Actor, id: string) =>
  transition(ctx, actor, id, ['draft'], 'published', 'publish')
export const archiveNotice = (ctx: HttpContext, actor: Actor, id: string) =>
  transition(ctx, actor, id, ['draft', 'published', 'expired'], 'archived', 'archive')

/** Syndic moderation: hide (with a reason) or show again; audited. */
export async function moderateNotice(
  ctx: HttpContext,
  actor: Actor,
  id: string,
  hidden: boolean,
  reason: string | null
) {
  const { trx, organisationId } = tenant()
  await findNotice(actor, id, { forUpdate: true })
  if (hidden && !reason)
    throw ApiError.validation('reason', 'A reason is required to hide a notice')
  const now = clock.nowDate()
  const [row] = await trx
    .from('community_notices')
    .where('organisation_id', organisationId)
    .where('id', id)
    .update({
      hidden,
      hidden_reason: hidden ? reason : null,
      hidden_by: hidden ? actor.userId : null,
      hidden_at: hidden ? now : null,
      updated_at: now,
    })
    .returning('*')
  await audit(ctx, {
    action: hidden ? 'community.notice.hide' : 'community.notice.unhide',
    subjectType: 'community_notice',
    subjectId: id,
    metadata: { reason },
  })
  return row
}

/** Author or syndic; a syndic deleting someone else's notice is moderation (audited as such). */
export async function deleteNotice(ctx: HttpContext, actor: Actor, id: string) {
  const { trx, organisationId } = tenant()
  const notice = await findNotice(actor, id, { forUpdate: true })
  assertAuthorOrStaff(actor, notice)
  const { deleteNoticePhotos } = await import('./photo_service.js')
  await deleteNoticePhotos(id)
  await trx
    .from('community_notice_comments')
    .where('organisation_id', organisationId)
    .where('notice_id', id)
    .whereNotNull('parent_id')
    .delete()
  await trx
    .from('community_notice_comments')
    .where('organisation_id', organisationId)
    .where('notice_id', id)
    .delete()
  await trx
    .from('community_notices')
    .where('organisation_id', organisationId)
    .where('id', id)
    .delete()
  await audit(ctx, {
    action: isAuthor(actor, notice)
      ? 'community.notice.delete'
      : 'community.notice.moderate_delete',
    subjectType: 'community_notice',
    subjectId: id,
    metadata: { title: notice.title, authorUserId: notice.author_user_id },
  })
}

export async function listNotices(
  ctx: HttpContext,
  actor: Actor,
  opts: { buildingId?: string; category?: string; active?: boolean; mine?: boolean }
) {
  const { trx, organisationId } = tenant()
  if (opts.buildingId) await findBuilding(opts.buildingId)
  if (
    opts.category !== undefined &&
    !(NOTICE_CATEGORIES as readonly string[]).includes(opts.category)
  )
    throw ApiError.notFound()
  const visible = visibleSql(actor)
  const q = trx
    .from('community_notices as n')
    .where('n.organisation_id', organisationId)
    .whereRaw(visible.sql, visible.bindings as any[])
    .select('n.*')
    .orderByRaw('n.published_at DESC NULLS FIRST, n.created_at DESC, n.id')
  if (opts.buildingId) q.where('n.building_id', opts.buildingId)
  const category = opts.category ?? enumFilter(ctx, 'category', NOTICE_CATEGORIES)
  if (category) q.where('n.category', category)
  if (opts.mine) q.where('n.author_user_id', actor.userId)
  if (opts.active) {
    q.where('n.status', 'published').where('n.hidden', false)
    q.where((w) => w.whereNull('n.expires_at').orWhere('n.expires_at', '>', clock.nowDate()))
  } else {
    const status = enumFilter(ctx, 'status', NOTICE_STATUSES)
    if (status) q.where('n.status', status)
  }
  const visibility = enumFilter(ctx, 'visibility', ['building', 'public'] as const)
  if (visibility) q.where('n.visibility', visibility)
  const page = await pageOf(ctx, q, (r) => r)
  return { ...page, data: await serializeNotices(actor, page.data) }
}

export async function noticeStatistics(buildingId: string) {
  const { trx, organisationId } = tenant()
  await findBuilding(buildingId)
  const res = await trx.rawQuery(
    `SELECT
        count(*)::int AS total,
        coalesce(json_object_agg(s.status, s.n) FILTER (WHERE s.status IS NOT NULL), '{}') AS by_status
       FROM (SELECT status, count(*)::int n FROM community_notices WHERE organisation_id = ? AND building_id = ? GROUP BY status) s`,
    [organisationId, buildingId]
  )
  const cats = await trx.rawQuery(
    `SELECT category, count(*)::int n FROM community_notices WHERE organisation_id = ? AND building_id = ? GROUP BY category`,
    [organisationId, buildingId]
  )
  const more = await trx.rawQuery(
    `SELECT
        (SELECT count(*)::int FROM community_notices WHERE organisation_id = ? AND building_id = ? AND hidden) AS hidden,
        (SELECT count(*)::int FROM community_notices WHERE organisation_id = ? AND building_id = ? AND visibility = 'public') AS public,
        (SELECT count(*)::int FROM community_notice_comments c JOIN community_notices n ON n.organisation_id = c.organisation_id AND n.id = c.notice_id
          WHERE c.organisation_id = ? AND n.building_id = ?) AS comments,
        (SELECT count(*)::int FROM community_notice_photos p JOIN community_notices n ON n.organisation_id = p.organisation_id AND n.id = p.notice_id
          WHERE p.organisation_id = ? AND n.building_id = ?) AS photos`,
    [
      organisationId,
      buildingId,
      organisationId,
      buildingId,
      organisationId,
      buildingId,
      organisationId,
      buildingId,
    ]
  )
  const byStatus: Record<string, number> = Object.fromEntries(NOTICE_STATUSES.map((s) => [s, 0]))
  let total = 0
  for (const [k, v] of Object.entries(res.rows[0].by_status ?? {})) {
    byStatus[k] = Number(v)
    total += Number(v)
  }
  const byCategory: Record<string, number> = Object.fromEntries(
    NOTICE_CATEGORIES.map((c) => [c, 0])
  )
  for (const r of cats.rows) byCategory[r.category] = r.n
  const m = more.rows[0]
  return {
    buildingId,
    total,
    byStatus,
    byCategory,
    hidden: m.hidden,
    public: m.public,
    comments: m.comments,
    photos: m.photos,
    averageCommentsPerNotice: total ? (m.comments / total).toFixed(2) : '0.00',
  }
}

/** Job body: published notices past expiresAt become `expired`. */
export async function expireDueNotices(now: DateTime): Promise<number> {
  const { trx, organisationId } = tenant()
  const rows = await trx
    .from('community_notices')
    .where('organisation_id', organisationId)
    .where('status', 'published')
    .where('expires_at', '<=', now.toJSDate())
    .update({ status: 'expired', updated_at: now.toJSDate() })
    .returning('id')
  return rows.length
}

export { serializeNotices }
