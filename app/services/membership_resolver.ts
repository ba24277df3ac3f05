import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import Membership from '#models/membership'
import Organisation from '#models/organisation'
import type User from '#models/user'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The user's membership in the requested organisation (id or slug), or their first one,
 * with its organisation: one query on every tenant request.
 */
export async function resolveMembership(user: User, requested: string | null) {
  return hydrate(user, await membershipQuery(db.connection(), user, requested).first())
}

/**
 * `resolveMembership` run inside the tenant transaction `trx`, which in the same query
 * sets `app.tenant_id` (transaction-local) to the organisation found: one round trip
 * instead of two. The LIMIT 1 subquery is evaluated first, so set_config runs for the
 * chosen row only. No row: nothing set (the caller rolls back).
 */
export async function resolveMembershipAndSetTenant(
  trx: QueryClientContract,
  user: User,
  requested: string | null
) {
  const inner = membershipQuery(trx, user, requested).toSQL()
  const result = await trx.rawQuery(
    `select set_config('app.tenant_id', r.id::text, true) as "__tenant", r.* from (${inner.sql}) r`,
    inner.bindings as any[]
  )
  const row = result.rows[0]
  if (!row) return null
  delete row.__tenant
  return hydrate(user, row)
}

function membershipQuery(client: QueryClientContract, user: User, requested: string | null) {
  const query = client
    .from('memberships as m')
    .join('organisations as o', 'o.id', 'm.organisation_id')
    .where('m.user_id', user.id)
    .select('o.*', 'm.id as m_id', 'm.role as m_role', 'm.created_at as m_created_at')
    .orderBy('m.created_at', 'asc')
    .limit(1)
  if (requested) query.where(UUID.test(requested) ? 'o.id' : 'o.slug', requested)
  return query
}

function hydrate(user: User, row: Record<string, any> | null) {
  if (!row) return null
  const { m_id: id, m_role: role, m_created_at: createdAt, ...organisationRow } = row
  const organisation = Organisation.$createFromAdapterResult(organisationRow)!
  const membership = Membership.$createFromAdapterResult({
    id,
    role,
    organisation_id: organisation.id,
    user_id: user.id,
    created_at: createdAt,
  })!
  membership.$setRelated('organisation', organisation)
  return { membership, organisation }
}
