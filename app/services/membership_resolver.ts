import Membership from '#models/membership'
import Organisation from '#models/organisation'
import type User from '#models/user'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The user's membership in the requested organisation (id or slug), or their first one. */
export async function resolveMembership(user: User, requested: string | null) {
  const query = Membership.query().where('user_id', user.id).preload('organisation')
  if (requested) {
    const orgQuery = Organisation.query().select('id')
    if (UUID.test(requested)) orgQuery.where('id', requested)
    else orgQuery.where('slug', requested)
    query.whereIn('organisation_id', orgQuery)
  } else {
    query.orderBy('created_at', 'asc')
  }
  const membership = await query.first()
  if (!membership) return null
  return { membership, organisation: membership.organisation }
}
