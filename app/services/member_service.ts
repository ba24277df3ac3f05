import { paginateQuery } from '#services/pagination'
import type { HttpContext } from '@adonisjs/core/http'
import Membership from '#models/membership'
import Owner from '#models/owner'
import type { Role } from '#policies/permissions'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { currentTenant } from '#tenancy/tenant_context'
import { createInvitation } from '#services/invitation_service'

/** A member as the API shows it: membership id + the person + role. */
export function serializeMember(membership: Membership) {
  return {
    id: membership.id,
    userId: membership.userId,
    email: membership.user?.email ?? null,
    fullName: membership.user?.fullName ?? null,
    role: membership.role,
    since: membership.createdAt?.toISO() ?? null,
  }
}

/** Memberships are a global table: every query here filters on the current organisation. */
function memberships() {
  const { trx, organisationId } = currentTenant()
  return Membership.query({ client: trx }).where('memberships.organisation_id', organisationId)
}

export async function listMembers(page: number, perPage: number, role?: Role) {
  const query = memberships()
    .preload('user')
    .orderBy('memberships.created_at', 'asc')
    .orderBy('memberships.id', 'asc')
  if (role) query.where('memberships.role', role)
  return paginateQuery(query, { page, perPage }, serializeMember)
}

/** POST /organisation/members: invites an e-mail with a role; 409 if it already belongs to a member. */
export async function inviteMember(
  ctx: HttpContext,
  input: { email: string; role: Role; locale?: string }
) {
  const email = input.email.toLowerCase()
  const existing = await memberships()
    .whereHas('user', (q) => q.where('email', email))
    .first()
  if (existing) throw ApiError.conflict('This e-mail already belongs to a member', 'email')
  return createInvitation(ctx, {
    email,
    role: input.role,
    locale: input.locale ?? ctx.organisation.locale,
  })
}

/**
 * Locks the organisation's admin memberships (in id order), then the target one. Every
 * role change and removal takes the locks in that same order, so two admins demoting
 * each other concurrently are serialised (no deadlock) and cannot both succeed.
 */
async function lockForChange(id: string) {
  const admins = await memberships()
    .where('memberships.role', 'admin')
    .orderBy('memberships.id')
    .forUpdate()
  const membership = await memberships()
    .where('memberships.id', id)
    .forUpdate()
    .preload('user')
    .first()
  if (!membership) throw ApiError.notFound()
  return { membership, admins }
}

/** Refuses to leave the organisation without an admin. */
function assertAnotherAdmin(membership: Membership, admins: Membership[]) {
  if (membership.role !== 'admin') return
  if (admins.filter((m) => m.id !== membership.id).length === 0) {
    throw ApiError.conflict('The organisation must keep at least one admin', 'role')
  }
}

export async function changeRole(ctx: HttpContext, id: string, role: Role) {
  const { membership, admins } = await lockForChange(id)
  if (membership.role === role) return membership
  if (role !== 'admin') assertAnotherAdmin(membership, admins)
  const from = membership.role
  membership.role = role
  await membership.save()
  await audit(ctx, {
    action: 'member.role_changed',
    subjectType: 'membership',
    subjectId: membership.id,
    metadata: { userId: membership.userId, from, to: role },
  })
  return membership
}

/** DELETE /organisation/members/:id: the membership goes; the person's co-owner records stay, unlinked. */
export async function removeMember(ctx: HttpContext, id: string) {
  const { membership, admins } = await lockForChange(id)
  assertAnotherAdmin(membership, admins)
  await membership.delete()
  await Owner.query()
    .where('user_id', membership.userId)
    .update({ user_id: null, updated_at: new Date() })
  await audit(ctx, {
    action: 'member.removed',
    subjectType: 'membership',
    subjectId: membership.id,
    metadata: {
      userId: membership.userId,
      email: membership.user?.email ?? null,
      role: membership.role,
    },
  })
}
