import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { createInvitation } from '#services/invitation_service'
import { pageParams } from '#services/pagination'
import { findOr404, insert, isoTime, pagedRows, table, tenant, update } from './common.js'

/*
| Contractors: the organisation's suppliers. A contractor row is linked to a user of
| role `contractor` (given as userId, or found by e-mail when the invited person
| accepts); that user sees only their own reports and assigned tickets.
*/
export function serializeContractor(row: Record<string, any>) {
  return {
    id: row.id,
    name: row.name,
    contactName: row.contact_name,
    email: row.email,
    phone: row.phone,
    vatNumber: row.vat_number,
    trade: row.trade,
    userId: row.user_id,
    active: row.active,
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
  }
}

async function assertContractorMember(userId: string) {
  const { trx, organisationId } = tenant()
  const member = await trx
    .from('memberships')
    .where('organisation_id', organisationId)
    .where('user_id', userId)
    .first()
  if (!member || member.role !== 'contractor')
    throw ApiError.validation('userId', 'The user must be a member with the role contractor')
}

export async function createContractor(ctx: HttpContext, payload: any) {
  const email = payload.email.toLowerCase()
  if (await table('legal_contractors').where('email', email).first())
    throw ApiError.conflict('A contractor with this e-mail already exists', 'email')
  if (payload.userId) await assertContractorMember(payload.userId)
  if (payload.userId && (await table('legal_contractors').where('user_id', payload.userId).first()))
    throw ApiError.conflict('This user is already linked to a contractor', 'userId')
  const row = await insert('legal_contractors', {
    name: payload.name,
    contact_name: payload.contactName ?? null,
    email,
    phone: payload.phone ?? null,
    vat_number: payload.vatNumber ?? null,
    trade: payload.trade ?? null,
    user_id: payload.userId ?? null,
  })
  if (payload.invite && !payload.userId) {
    await createInvitation(ctx, {
      email,
      role: 'contractor',
      locale: ctx.organisation?.locale ?? 'fr',
    })
  }
  await audit(ctx, {
    action: 'legal.contractor.created',
    subjectType: 'legal_contractor',
    subjectId: row.id,
    metadata: { invited: !!(payload.invite && !payload.userId) },
  })
  return serializeContractor(row)
}

export async function updateContractor(ctx: HttpContext, id: string, payload: any) {
  await findOr404('legal_contractors', id, 'Contractor not found', true)
  if (payload.userId) {
    await assertContractorMember(payload.userId)
    const other = await table('legal_contractors')
      .where('user_id', payload.userId)
      .whereNot('id', id)
      .first()
    if (other) throw ApiError.conflict('This user is already linked to a contractor', 'userId')
  }
  const map: Record<string, string> = {
    name: 'name',
    contactName: 'contact_name',
    phone: 'phone',
    vatNumber: 'vat_number',
    trade: 'trade',
    userId: 'user_id',
    active: 'active',
  }
  const changes: Record<string, unknown> = {}
  for (const [k, col] of Object.entries(map))
    if (payload[k] !== undefined) changes[col] = payload[k]
  const row = await update('legal_contractors', id, changes)
  await audit(ctx, {
    action: 'legal.contractor.updated',
    subjectType: 'legal_contractor',
    subjectId: id,
    metadata: { fields: Object.keys(payload) },
  })
  return serializeContractor(row)
}

export async function listContractors(ctx: HttpContext) {
  const qs = ctx.request.qs()
  const query = table('legal_contractors').select('*')
  if (qs.active !== undefined) {
    if (!['true', 'false'].includes(qs.active))
      throw ApiError.validation('active', 'active must be true or false')
    query.where('active', qs.active === 'true')
  }
  return pagedRows(query, pageParams(ctx), serializeContractor, [
    ['name', 'asc'],
    ['id', 'asc'],
  ])
}

export async function showContractor(id: string) {
  return serializeContractor(await findOr404('legal_contractors', id, 'Contractor not found'))
}

/**
 * The contractor row of a user of role `contractor` in the current organisation: by
 * user_id, else by e-mail (an invited contractor who accepted), which links it.
 */
export async function contractorOfUser(user: { id: string; email: string }) {
  const linked = await table('legal_contractors').where('user_id', user.id).first()
  if (linked) return linked
  const byEmail = await table('legal_contractors')
    .where('email', user.email.toLowerCase())
    .whereNull('user_id')
    .first()
  if (!byEmail) return null
  return update('legal_contractors', byEmail.id, { user_id: user.id })
}

export const STAFF_ROLES = ['admin', 'syndic', 'accountant', 'board_member']

/** Who is asking: staff, a co-owner, or a contractor (with their contractor row). */
export async function viewerOf(ctx: HttpContext) {
  const role = ctx.membership.role as string
  const user = ctx.auth.user as { id: string; email: string }
  if (role === 'contractor') {
    return { role, user, contractor: await contractorOfUser(user), staff: false }
  }
  return { role, user, contractor: null, staff: STAFF_ROLES.includes(role) }
}
