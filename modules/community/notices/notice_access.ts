import { ApiError } from '#exceptions/api_error'
import { isUuid, ownsUnitInBuilding, tenant, type Actor } from '../shared/context.js'

/*
| Who sees a notice: staff see everything; the author sees their own; other members see
| published, non-hidden notices of a building where they own a unit, and every
| published, non-hidden public notice.
*/
export async function canSee(actor: Actor, notice: any) {
  if (actor.staff || notice.author_user_id === actor.userId) return true
  if (notice.status !== 'published' || notice.hidden) return false
  if (notice.visibility === 'public') return true
  for (const id of actor.ownerIds) if (await ownsUnitInBuilding(id, notice.building_id)) return true
  return false
}

export async function findNotice(actor: Actor, id: unknown, opts: { forUpdate?: boolean } = {}) {
  const { trx, organisationId } = tenant()
  if (!isUuid(id)) throw ApiError.notFound()
  const q = trx.from('community_notices').where('organisation_id', organisationId).where('id', id)
  if (opts.forUpdate) q.forUpdate()
  const row = await q.first()
  if (!row || !(await canSee(actor, row))) throw ApiError.notFound()
  return row
}

export function isAuthor(actor: Actor, notice: { author_user_id: string | null }) {
  return notice.author_user_id === actor.userId
}

/** Author or staff, else 403 (the notice is visible, so its existence is no secret). */
export function assertAuthorOrStaff(actor: Actor, row: { author_user_id: string | null }) {
  if (!actor.staff && !isAuthor(actor, row))
    throw ApiError.forbidden('Only the author or the syndic may do this')
}

/** SQL filter (on alias n) for what a non-staff actor may list. */
export function visibleSql(actor: Actor): { sql: string; bindings: unknown[] } {
  if (actor.staff) return { sql: 'true', bindings: [] }
  return {
    sql: `(n.author_user_id = ? OR (n.status = 'published' AND NOT n.hidden AND (n.visibility = 'public'
      OR n.building_id IN (SELECT u.building_id FROM unit_owners uo
        JOIN units u ON u.organisation_id = uo.organisation_id AND u.id = uo.unit_id
        WHERE uo.organisation_id = n.organisation_id AND uo.owner_id = ANY (?::uuid[])
          AND (uo.end_date IS NULL OR uo.end_date > (now() AT TIME ZONE 'Europe/Brussels')::date)))))`,
    bindings: [actor.userId, actor.ownerIds],
  }
}
