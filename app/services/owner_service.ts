import type { HttpContext } from '@adonisjs/core/http'
import type { Infer } from '@vinejs/vine/types'
import Owner from '#models/owner'
import Membership from '#models/membership'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { likePattern } from '#services/building_service'
import { paginate } from '#services/pagination'
import { whereCurrent } from '#services/unit_service'
import { currentTenant } from '#tenancy/tenant_context'
import type { createOwnerValidator, updateOwnerValidator } from '#validators/owner_validator'

type CreatePayload = Infer<typeof createOwnerValidator>
type UpdatePayload = Infer<typeof updateOwnerValidator>

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A person needs first and last name, a company its name: one 422 entry per missing field. */
function assertNames(owner: Pick<Owner, 'kind' | 'firstName' | 'lastName' | 'companyName'>) {
  const missing =
    owner.kind === 'person'
      ? (['firstName', 'lastName'] as const).filter((f) => !owner[f])
      : (['companyName'] as const).filter((f) => !owner[f])
  if (missing.length === 0) return
  const entries = missing.map((field) => ({
    code: 'E_VALIDATION',
    message: `${field} is required for a ${owner.kind}`,
    field,
  }))
  const [first, ...rest] = entries
  throw new ApiError(422, first.code, first.message, first.field, rest)
}

async function assertEmailFree(email: string, exceptOwnerId?: string) {
  // citext column: the comparison is case-insensitive.
  const query = Owner.query().where('email', email)
  if (exceptOwnerId) query.whereNot('id', exceptOwnerId)
  if (await query.select('id').first()) {
    throw ApiError.conflict('A co-owner with this e-mail already exists', 'email')
  }
}

/** A co-owner may be linked only to a user who belongs to this organisation. */
async function assertUserIsMember(userId: string) {
  const { organisationId, trx } = currentTenant()
  const membership = await Membership.query({ client: trx })
    .where('user_id', userId)
    .where('organisation_id', organisationId)
    .first()
  if (!membership)
    throw ApiError.validation('userId', 'This user is not a member of the organisation')
}

async function saveOwner(owner: Owner) {
  try {
    await owner.save()
  } catch (error: any) {
    if (error?.code === '23505') {
      throw ApiError.conflict('A co-owner with this e-mail already exists', 'email')
    }
    throw error
  }
}

export async function listOwners(ctx: HttpContext) {
  const qs = ctx.request.qs()
  const q = String(qs.q ?? '').trim()
  const query = Owner.query()
  if (q) {
    const pattern = likePattern(q)
    query.where((w) =>
      w
        .whereILike('first_name', pattern)
        .orWhereILike('last_name', pattern)
        .orWhereILike('company_name', pattern)
        .orWhereILike('email', pattern)
        .orWhereRaw(`concat_ws(' ', first_name, last_name) ILIKE ?`, [pattern])
        .orWhereRaw(`concat_ws(' ', last_name, first_name) ILIKE ?`, [pattern])
    )
  }
  if (qs.buildingId !== undefined) {
    if (typeof qs.buildingId !== 'string' || !UUID.test(qs.buildingId)) {
      throw ApiError.validation('buildingId', 'buildingId must be a UUID')
    }
    // Co-owners with a current ownership of a unit of that building.
    query.whereExists((sub) => {
      sub
        .from('unit_owners')
        .join('units', 'units.id', 'unit_owners.unit_id')
        .whereColumn('unit_owners.owner_id', 'owners.id')
        .where('units.building_id', qs.buildingId)
      whereCurrent(sub, 'unit_owners.')
    })
  }
  query.orderByRaw(
    `lower(coalesce(owners.last_name, owners.company_name, '')) ASC, lower(coalesce(owners.first_name, '')) ASC, owners.id ASC`
  )
  return paginate(ctx, query, (owner) => owner.serialize())
}

/** The owner with its current ownerships (unit number, building name, percentage). */
export async function showOwner(id: string) {
  const owner = await Owner.find(id)
  if (!owner) throw ApiError.notFound('Co-owner not found')
  const { trx, organisationId } = currentTenant()
  // RLS already scopes these rows; the explicit filter keeps raw queries honest too.
  const ownerships = await trx
    .from('unit_owners')
    .join('units', 'units.id', 'unit_owners.unit_id')
    .join('buildings', 'buildings.id', 'units.building_id')
    .where('unit_owners.organisation_id', organisationId)
    .where('unit_owners.owner_id', owner.id)
    .where((w) => {
      whereCurrent(w, 'unit_owners.')
    })
    .select(
      'unit_owners.id',
      'unit_owners.unit_id',
      'units.number as unit_number',
      'units.building_id',
      'buildings.name as building_name',
      'unit_owners.percentage',
      trx.raw(`to_char(unit_owners.start_date, 'YYYY-MM-DD') as start_date`),
      trx.raw(`to_char(unit_owners.end_date, 'YYYY-MM-DD') as end_date`),
      'unit_owners.is_primary_contact'
    )
    .orderByRaw('buildings.name, units.number COLLATE natural_sort')
  return {
    ...owner.serialize(),
    ownerships: ownerships.map((r) => ({
      id: r.id,
      unitId: r.unit_id,
      unitNumber: r.unit_number,
      buildingId: r.building_id,
      buildingName: r.building_name,
      percentage: r.percentage,
      startDate: r.start_date,
      endDate: r.end_date,
      isPrimaryContact: r.is_primary_contact,
    })),
  }
}

export async function createOwner(ctx: HttpContext, payload: CreatePayload) {
  const owner = new Owner()
  owner.merge({
    kind: payload.kind,
    firstName: payload.firstName ?? null,
    lastName: payload.lastName ?? null,
    companyName: payload.companyName ?? null,
    email: payload.email,
    phone: payload.phone ?? null,
    address: (payload.address as Record<string, string> | null | undefined) ?? null,
    locale: payload.locale ?? null,
    iban: payload.iban ?? null,
    acceptsElectronicNotices: payload.acceptsElectronicNotices ?? false,
    userId: payload.userId ?? null,
  })
  assertNames(owner)
  await assertEmailFree(owner.email)
  if (owner.userId) await assertUserIsMember(owner.userId)
  await saveOwner(owner)
  await audit(ctx, {
    action: 'owner.created',
    subjectType: 'owner',
    subjectId: owner.id,
    metadata: { kind: owner.kind },
  })
  return showOwner(owner.id)
}

export async function updateOwner(ctx: HttpContext, id: string, payload: UpdatePayload) {
  const owner = await Owner.query().where('id', id).forUpdate().first()
  if (!owner) throw ApiError.notFound('Co-owner not found')
  const changes: Partial<Owner> = {}
  for (const key of [
    'kind',
    'firstName',
    'lastName',
    'companyName',
    'email',
    'phone',
    'address',
    'locale',
    'iban',
    'acceptsElectronicNotices',
    'userId',
  ] as const) {
    if (payload[key] !== undefined) (changes as any)[key] = payload[key]
  }
  owner.merge(changes)
  assertNames(owner)
  if ('email' in owner.$dirty) await assertEmailFree(owner.email, owner.id)
  if ('userId' in owner.$dirty && owner.userId) await assertUserIsMember(owner.userId)
  // Personal data: the audit records which fields changed, not their values.
  const changed = Object.keys(owner.$dirty)
  await saveOwner(owner)
  await audit(ctx, {
    action: 'owner.updated',
    subjectType: 'owner',
    subjectId: owner.id,
    metadata: { fields: changed },
  })
  return showOwner(owner.id)
}
