import type { HttpContext } from '@adonisjs/core/http'
import { currentTenant } from '#tenancy/tenant_context'
import { ApiError } from '#exceptions/api_error'

/*
| Small helpers of the meetings feature: tenant-scoped queries, JSON formats, the
| co-owner behind the current user (portal), and who votes for each unit.
*/
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const STAFF_ROLES = ['admin', 'syndic', 'accountant']

export function q(name: string) {
  const { trx, organisationId } = currentTenant()
  return trx.from(name).where(`${name}.organisation_id`, organisationId)
}

export async function insertRow(name: string, row: Record<string, unknown>) {
  const { trx, organisationId } = currentTenant()
  const rows = await trx
    .insertQuery()
    .table(name)
    .insert({ organisation_id: organisationId, ...row })
    .returning('*')
  return rows[0]
}

export async function updateRow(name: string, id: string, changes: Record<string, unknown>) {
  const rows = await q(name)
    .where('id', id)
    .update({ ...changes, updated_at: new Date() })
    .returning('*')
  return rows[0]
}

export async function findOr404(name: string, id: string, what: string, lock = false) {
  if (!UUID_RE.test(String(id))) throw ApiError.notFound(`${what} not found`)
  const query = q(name).where(`${name}.id`, id)
  if (lock) query.forUpdate()
  const row = await query.first()
  if (!row) throw ApiError.notFound(`${what} not found`)
  return row
}

export function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null
  return new Date(value as any).toISOString()
}

export function ownerName(o: {
  kind?: string
  first_name?: string | null
  last_name?: string | null
  company_name?: string | null
}) {
  if (o.kind === 'company' && o.company_name) return o.company_name
  return [o.first_name, o.last_name].filter(Boolean).join(' ') || o.company_name || ''
}

export function isStaff(ctx: HttpContext) {
  return ctx.membership.role !== 'owner'
}

/** The co-owner record of the logged-in user (portal), or null for staff. */
export async function viewerOwner(ctx: HttpContext) {
  if (ctx.membership.role !== 'owner') return null
  const row = await q('owners').where('user_id', ctx.auth.user!.id).first()
  if (!row) throw ApiError.forbidden('Your account is not linked to a co-owner')
  return row as any
}

export interface Participant {
  ownerId: string
  name: string
  email: string
  locale: string | null
  acceptsElectronicNotices: boolean
  userId: string | null
  units: { unitId: string; number: string; type: string; quota: number }[]
  votes: number
}

/**
 * The voting co-owners of a building: each unit votes through one representative (the
 * co-owner designated for this meeting, else its primary contact, else the holder of the
 * largest share), and a representative's votes are the quotas of the units they represent.
 */
export async function participants(
  buildingId: string,
  meetingId?: string | null
): Promise<Participant[]> {
  const designated = new Map<string, string>()
  if (meetingId) {
    const reps = await q('legal_meeting_representatives').where('meeting_id', meetingId)
    for (const r of reps as any[]) designated.set(r.unit_id, r.owner_id)
  }
  const rows = await q('units')
    .join('unit_owners', (j) => {
      j.on('unit_owners.unit_id', 'units.id').andOn(
        'unit_owners.organisation_id',
        'units.organisation_id'
      )
    })
    .join('owners', (j) => {
      j.on('owners.id', 'unit_owners.owner_id').andOn(
        'owners.organisation_id',
        'unit_owners.organisation_id'
      )
    })
    .where('units.building_id', buildingId)
    .where((w) =>
      w.whereNull('unit_owners.end_date').orWhereRaw('unit_owners.end_date >= CURRENT_DATE')
    )
    .whereRaw('unit_owners.start_date <= CURRENT_DATE')
    .orderBy([
      { column: 'units.id' },
      { column: 'unit_owners.is_primary_contact', order: 'desc' },
      { column: 'unit_owners.percentage', order: 'desc' },
      { column: 'owners.id' },
    ])
    .select(
      'units.id as unit_id',
      'units.number',
      'units.type',
      'units.quota',
      'owners.id as owner_id',
      'owners.kind',
      'owners.first_name',
      'owners.last_name',
      'owners.company_name',
      'owners.email',
      'owners.locale',
      'owners.user_id',
      'owners.accepts_electronic_notices'
    )
  // One row per unit: the designated co-owner when still a current owner, else the first.
  const chosen = new Map<string, any>()
  for (const r of rows as any[]) {
    const current = chosen.get(r.unit_id)
    if (!current || (designated.get(r.unit_id) === r.owner_id && current.owner_id !== r.owner_id))
      chosen.set(r.unit_id, r)
  }
  const byOwner = new Map<string, Participant>()
  for (const r of chosen.values()) {
    let p = byOwner.get(r.owner_id)
    if (!p) {
      p = {
        ownerId: r.owner_id,
        name: ownerName(r),
        email: r.email,
        locale: r.locale,
        acceptsElectronicNotices: r.accepts_electronic_notices,
        userId: r.user_id,
        units: [],
        votes: 0,
      }
      byOwner.set(r.owner_id, p)
    }
    p.units.push({ unitId: r.unit_id, number: r.number, type: r.type, quota: Number(r.quota) })
    p.votes += Number(r.quota)
  }
  return [...byOwner.values()].sort((a, b) => a.name.localeCompare(b.name))
}

/** All votes of the building: the sum of its units' quotas. */
export async function buildingVotes(buildingId: string): Promise<number> {
  const row = await q('units').where('building_id', buildingId).sum('quota as total').first()
  return Number((row as any)?.total ?? 0)
}
