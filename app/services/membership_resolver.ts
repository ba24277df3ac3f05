import db from '@adonisjs/lucid/services/db'
import Membership from '#models/membership'
import Organisation from '#models/organisation'
import type User from '#models/user'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The user's membership in the requested organisation (id or slug), or their first one,
 * with its organisation: one query on every tenant request.
 */
export async function resolveMembership(user: User, requested: string | null) {
  const query = db
    .from('memberships as m')
    .join('organisations as o', 'o.id', 'm.organisation_id')
    .where('m.user_id', user.id)
    .select('o.*', 'm.id as m_id', 'm.role as m_role', 'm.created_at as m_created_at')
    .orderBy('m.created_at', 'asc')
    .limit(1)
  if (requested) query.where(UUID.test(requested) ? 'o.id' : 'o.slug', requested)
  const row = await query.first()
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
