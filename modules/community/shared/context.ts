import type { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { ApiError } from '#exceptions/api_error'
import { currentTenant } from '#tenancy/tenant_context'
import { can, type Role } from '#policies/permissions'

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}

/** Who acts: the user, their role, and the Owner records linked to them in this organisation. */
export interface Actor {
  userId: string
  role: Role
  staff: boolean
  /** owners.id linked to the user (owners.user_id) in the current organisation. */
  ownerIds: string[]
}

export function tenant(): { trx: TransactionClientContract; organisationId: string } {
  return currentTenant()
}

/** The actor without its owner records (for a query that reads them itself). */
export function viewerOf(ctx: HttpContext): Omit<Actor, 'ownerIds'> {
  const role = ctx.membership.role as Role
  return {
    userId: (ctx.auth.user as { id: string }).id,
    role,
    staff: can(role, 'community.moderate'),
  }
}

export async function actorOf(ctx: HttpContext): Promise<Actor> {
  const { trx, organisationId } = currentTenant()
  const userId = (ctx.auth.user as { id: string }).id
  const role = ctx.membership.role as Role
  const rows = await trx
    .from('owners')
    .where('organisation_id', organisationId)
    .where('user_id', userId)
    .orderBy('created_at')
    .select('id')
  return {
    userId,
    role,
    staff: can(role, 'community.moderate'),
    ownerIds: rows.map((r: { id: string }) => r.id),
  }
}

/**
 * The owner a request is about: staff may name one (`ownerId`, on behalf), anyone else
 * acts as their own linked owner record. No owner record → 403.
 */
export async function resolveOwner(actor: Actor, ownerId: string | null | undefined) {
  const { trx, organisationId } = currentTenant()
  if (ownerId !== undefined && ownerId !== null) {
    if (!actor.staff && !actor.ownerIds.includes(ownerId)) {
      throw ApiError.forbidden('Only staff may act on behalf of another co-owner')
    }
    const row = isUuid(ownerId)
      ? await trx
          .from('owners')
          .where('organisation_id', organisationId)
          .where('id', ownerId)
          .select('id')
          .first()
      : null
    if (!row) throw ApiError.validation('ownerId', 'Unknown co-owner')
    return ownerId
  }
  if (actor.ownerIds.length === 0) {
    throw ApiError.forbidden('Your account is not linked to a co-owner record')
  }
  return actor.ownerIds[0]
}

/** A building of the current organisation or a 404 (malformed ids included). */
export async function findBuilding(id: unknown, field?: string) {
  const { trx, organisationId } = currentTenant()
  const row = isUuid(id)
    ? await trx
        .from('buildings')
        .where('organisation_id', organisationId)
        .where('id', id)
        .select('id', 'name')
        .first()
    : null
  if (!row) throw field ? ApiError.validation(field, 'Unknown building') : ApiError.notFound()
  return row as { id: string; name: string }
}

/**
 * Owner ids with an active ownership (started, not ended; Brussels calendar) of a unit in
 * the building. `distinct: false` for `IN (…)` / EXISTS uses, where duplicates don't
 * matter (saves a hash aggregate). Today's date is an InitPlan: computed once, not per row.
 */
export function activeOwnersOfBuildingSql({ distinct = true } = {}) {
  const today = `(SELECT (now() AT TIME ZONE 'Europe/Brussels')::date)`
  return `SELECT ${distinct ? 'DISTINCT ' : ''}uo.owner_id FROM unit_owners uo
    JOIN units u ON u.organisation_id = uo.organisation_id AND u.id = uo.unit_id
    WHERE uo.organisation_id = ? AND u.building_id = ?
      AND uo.start_date <= ${today}
      AND (uo.end_date IS NULL OR uo.end_date > ${today})`
}

export async function ownsUnitInBuilding(ownerId: string, buildingId: string) {
  const { trx, organisationId } = currentTenant()
  const res = await trx.rawQuery(
    `SELECT EXISTS (${activeOwnersOfBuildingSql()} AND uo.owner_id = ?) AS ok`,
    [organisationId, buildingId, ownerId]
  )
  return Boolean(res.rows[0]?.ok)
}

/** Users linked to the active owners of a building (for notifications). */
export async function userIdsOfBuildingOwners(buildingId: string): Promise<string[]> {
  const { trx, organisationId } = currentTenant()
  const res = await trx.rawQuery(
    `SELECT DISTINCT o.user_id FROM owners o WHERE o.organisation_id = ? AND o.user_id IS NOT NULL
       AND o.id IN (${activeOwnersOfBuildingSql()})`,
    [organisationId, organisationId, buildingId]
  )
  return res.rows.map((r: { user_id: string }) => r.user_id)
}

export async function userIdOfOwner(ownerId: string | null): Promise<string | null> {
  if (!ownerId) return null
  const { trx, organisationId } = currentTenant()
  const row = await trx
    .from('owners')
    .where('organisation_id', organisationId)
    .where('id', ownerId)
    .select('user_id')
    .first()
  return row?.user_id ?? null
}

/** Owner display names by id (one query). */
export async function ownerNames(ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))]
  const map = new Map<string, string>()
  if (!wanted.length) return map
  const { trx, organisationId } = currentTenant()
  const rows = await trx
    .from('owners')
    .where('organisation_id', organisationId)
    .whereIn('id', wanted)
    .select('id', 'kind', 'first_name', 'last_name', 'company_name')
  for (const r of rows) {
    map.set(
      r.id,
      r.kind === 'company'
        ? (r.company_name ?? '')
        : [r.first_name, r.last_name].filter(Boolean).join(' ')
    )
  }
  return map
}
