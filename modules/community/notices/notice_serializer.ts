import { iso, isoDate, money } from '../shared/format.js'
import { ownerNames, tenant, type Actor } from '../shared/context.js'

/** Notices with author name, counts and the viewer's relation to them. */
export async function serializeNotices(actor: Actor | null, rows: any[]) {
  const { trx, organisationId } = tenant()
  const ids = rows.map((r) => r.id)
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
  const counts = ids.length
    ? await trx.rawQuery(
        `SELECT n.id,
            (SELECT count(*)::int FROM community_notice_comments c WHERE c.organisation_id = n.organisation_id AND c.notice_id = n.id) AS comments,
            (SELECT coalesce(json_agg(p.id ORDER BY p.position, p.created_at), '[]') FROM community_notice_photos p WHERE p.organisation_id = n.organisation_id AND p.notice_id = n.id) AS photos
           FROM community_notices n WHERE n.organisation_id = ? AND n.id = ANY (?::uuid[])`,
        [organisationId, ids]
      )
    : { rows: [] }
  const byId = new Map(counts.rows.map((c: any) => [c.id, c]))
  return rows.map((n) => {
    const c: any = byId.get(n.id) ?? { comments: 0, photos: [] }
    const staff = actor?.staff ?? false
    return {
      id: n.id,
      buildingId: n.building_id,
      category: n.category,
      title: n.title,
      body: n.body,
      visibility: n.visibility,
      price: money(n.price),
      eventDate: isoDate(n.event_date),
      expiresAt: iso(n.expires_at),
      status: n.status,
      hidden: n.hidden,
      ...(staff || (actor && n.author_user_id === actor.userId)
        ? { hiddenReason: n.hidden_reason, hiddenAt: iso(n.hidden_at) }
        : {}),
      author: {
        ownerId: staff ? n.author_owner_id : null,
        name: n.author_owner_id
          ? (names.get(n.author_owner_id) ?? null)
          : (userName.get(n.author_user_id) ?? null),
      },
      mine: !!actor && n.author_user_id === actor.userId,
      commentCount: c.comments,
      photos: (c.photos as string[]).map((id) => ({
        id,
        url: `/api/v1/photos/${id}/file`,
        // Served as the original until the background thumbnail exists.
        thumbnailUrl: `/api/v1/photos/${id}/file?size=thumb`,
      })),
      publishedAt: iso(n.published_at),
      createdAt: iso(n.created_at),
      updatedAt: iso(n.updated_at),
    }
  })
}
