import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { notify } from '#services/notification_service'
import { clock } from '../shared/clock.js'
import { isUuid, ownerNames, ownsUnitInBuilding, tenant, type Actor } from '../shared/context.js'
import { iso, pageOf } from '../shared/format.js'
import { canSee, findNotice } from './notice_access.js'

/*
| Comments: ≤ 1000 characters, one level of replies (a reply's parent is a top-level
| comment of the same notice). Authors edit and delete their own; the syndic may delete
| any (moderation, audited). Deleting a comment deletes its replies.
*/
async function findComment(actor: Actor, id: unknown) {
  const { trx, organisationId } = tenant()
  if (!isUuid(id)) throw ApiError.notFound()
  const row = await trx
    .from('community_notice_comments')
    .where('organisation_id', organisationId)
    .where('id', id)
    .forUpdate()
    .first()
  if (!row) throw ApiError.notFound()
  const notice = await trx
    .from('community_notices')
    .where('organisation_id', organisationId)
    .where('id', row.notice_id)
    .first()
  if (!notice || !(await canSee(actor, notice))) throw ApiError.notFound()
  return row
}

async function serializeComments(rows: any[]) {
  const { trx } = tenant()
  const names = await ownerNames(rows.map((r) => r.author_owner_id))
  const userIds = [
    ...new Set(
      rows.filter((r) => !r.author_owner_id && r.author_user_id).map((r) => r.author_user_id)
    ),
  ]
  const users = userIds.length
    ? await trx.from('users').whereIn('id', userIds).select('id', 'full_name')
    : []
  const userName = new Map(users.map((u: any) => [u.id, u.full_name]))
  return (actor: Actor, r: any) => ({
    id: r.id,
    noticeId: r.notice_id,
    parentId: r.parent_id,
    body: r.body,
    author: {
      name: r.author_owner_id
        ? (names.get(r.author_owner_id) ?? null)
        : (userName.get(r.author_user_id) ?? null),
    },
    mine: r.author_user_id === actor.userId,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  })
}

export async function addComment(
  ctx: HttpContext,
  actor: Actor,
  noticeId: string,
  body: string,
  parentId: string | null | undefined
) {
  const { trx, organisationId } = tenant()
  const notice = await findNotice(actor, noticeId)
  if (notice.status !== 'published' || notice.hidden)
    throw ApiError.invalidState('Only published notices take comments')
  if (parentId) {
    const parent = isUuid(parentId)
      ? await trx
          .from('community_notice_comments')
          .where('organisation_id', organisationId)
          .where('id', parentId)
          .where('notice_id', notice.id)
          .first()
      : null
    if (!parent) throw ApiError.validation('parentId', 'Unknown comment on this notice')
    if (parent.parent_id)
      throw ApiError.validation('parentId', 'Replies are one level deep: reply to the top comment')
  }
  let authorOwnerId: string | null = null
  for (const id of actor.ownerIds)
    if (await ownsUnitInBuilding(id, notice.building_id)) authorOwnerId = id
  if (!authorOwnerId && !actor.staff && actor.ownerIds.length) authorOwnerId = actor.ownerIds[0]
  const now = clock.nowDate()
  const [row] = await trx
    .table('community_notice_comments')
    .insert({
      organisation_id: organisationId,
      notice_id: notice.id,
      parent_id: parentId ?? null,
      author_user_id: actor.userId,
      author_owner_id: authorOwnerId,
      body,
      created_at: now,
      updated_at: now,
    })
    .returning('*')
  await audit(ctx, {
    action: 'community.comment.create',
    subjectType: 'community_notice_comment',
    subjectId: row.id,
    metadata: { noticeId: notice.id, parentId: parentId ?? null },
  })
  if (notice.author_user_id && notice.author_user_id !== actor.userId) {
    await notify({
      userIds: [notice.author_user_id],
      type: 'community.notice_comment',
      title: `Nouveau commentaire / Nieuwe reactie: ${notice.title}`.slice(0, 300),
      body: body.slice(0, 280),
      url: `/o/${ctx.organisation.slug}/board?notice=${notice.id}`,
      data: { noticeId: notice.id, commentId: row.id },
    })
  }
  return (await serializeComments([row]))(actor, row)
}

/** Top-level comments paged (oldest first), each with its replies. */
export async function listComments(ctx: HttpContext, actor: Actor, noticeId: string) {
  const { trx, organisationId } = tenant()
  const notice = await findNotice(actor, noticeId)
  const q = trx
    .from('community_notice_comments')
    .where('organisation_id', organisationId)
    .where('notice_id', notice.id)
    .whereNull('parent_id')
    .orderBy('created_at')
    .orderBy('id')
  const page = await pageOf(ctx, q, (r) => r)
  const parentIds = page.data.map((c: any) => c.id)
  const replies = parentIds.length
    ? await trx
        .from('community_notice_comments')
        .where('organisation_id', organisationId)
        .whereIn('parent_id', parentIds)
        .orderBy('created_at')
        .orderBy('id')
    : []
  const ser = await serializeComments([...page.data, ...replies])
  return {
    ...page,
    data: page.data.map((c: any) => ({
      ...ser(actor, c),
      replies: replies.filter((r: any) => r.parent_id === c.id).map((r: any) => ser(actor, r)),
    })),
  }
}

export async function updateComment(ctx: HttpContext, actor: Actor, id: string, body: string) {
  const { trx, organisationId } = tenant()
  const comment = await findComment(actor, id)
  if (comment.author_user_id !== actor.userId)
    throw ApiError.forbidden('Only the author may edit a comment')
  const [row] = await trx
    .from('community_notice_comments')
    .where('organisation_id', organisationId)
    .where('id', id)
    .update({ body, updated_at: clock.nowDate() })
    .returning('*')
  await audit(ctx, {
    action: 'community.comment.update',
    subjectType: 'community_notice_comment',
    subjectId: id,
  })
  return (await serializeComments([row]))(actor, row)
}

export async function deleteComment(ctx: HttpContext, actor: Actor, id: string) {
  const { trx, organisationId } = tenant()
  const comment = await findComment(actor, id)
  const own = comment.author_user_id === actor.userId
  if (!own && !actor.staff)
    throw ApiError.forbidden('Only the author or the syndic may delete a comment')
  await trx
    .from('community_notice_comments')
    .where('organisation_id', organisationId)
    .where('parent_id', id)
    .delete()
  await trx
    .from('community_notice_comments')
    .where('organisation_id', organisationId)
    .where('id', id)
    .delete()
  await audit(ctx, {
    action: own ? 'community.comment.delete' : 'community.comment.moderate_delete',
    subjectType: 'community_notice_comment',
    subjectId: id,
    metadata: {
      noticeId: comment.notice_id,
      body: own ? undefined : comment.body,
      authorUserId: comment.author_user_id,
    },
  })
}
