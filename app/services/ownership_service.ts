import type { HttpContext } from '@adonisjs/core/http'
import type { Infer } from '@vinejs/vine/types'
import { DateTime } from 'luxon'
import Owner from '#models/owner'
import UnitOwner from '#models/unit_owner'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { centsOf, formatCents, parseCents } from '#services/money'
import { paginate } from '#services/pagination'
import { findUnit, lockUnit, today, whereCurrent } from '#services/unit_service'
import type {
  createOwnershipValidator,
  updateOwnershipValidator,
} from '#validators/ownership_validator'

type CreatePayload = Infer<typeof createOwnershipValidator>
type UpdatePayload = Infer<typeof updateOwnershipValidator>

/**
 * A period [start, end): `end` is exclusive, null = open. Dates as YYYY-MM-DD strings.
 * `cents` is the percentage in hundredths of a percent (100 % = 10000n), an exact integer.
 */
export interface Period {
  start: string
  end: string | null
  cents: bigint
}

/** 100.00 % in hundredths. */
const FULL = 10000n

/**
 * A validated percentage (> 0, ≤ 100, at most 2 decimals, numeric(5,2)) → hundredths,
 * exactly: no `× 100` on a float (0.29 × 100 = 28.999…).
 */
export function percentageHundredths(value: number | string): bigint {
  const hundredths = parseCents(value, { integerDigits: 3, maxCents: FULL })
  if (hundredths === null) throw ApiError.validation('percentage', 'Invalid percentage')
  return hundredths
}

/** Hundredths → the numeric(5,2) string ("33.33"). */
const formatPercentage = formatCents

const isoDate = (d: DateTime | null) => (d ? d.toISODate()! : null)

function activeOn(p: Period, day: string) {
  return p.start <= day && (p.end === null || day < p.end)
}

/**
 * The highest Σ of percentages on any day of `candidate`'s period, candidate included.
 * Sums only rise where a period starts, so checking those days is enough.
 */
export function peakPercentage(others: Period[], candidate: Period): bigint {
  const inCandidate = (day: string) => activeOn(candidate, day)
  const days = [candidate.start, ...others.map((o) => o.start)].filter(inCandidate)
  let peak = 0n
  for (const day of days) {
    const sum = [candidate, ...others]
      .filter((p) => activeOn(p, day))
      .reduce((acc, p) => acc + p.cents, 0n)
    if (sum > peak) peak = sum
  }
  return peak
}

/** Σ of overlapping percentages ≤ 100 %. The caller holds the unit row lock. */
async function assertPercentageFits(unitId: string, candidate: Period, exceptId?: string) {
  const query = UnitOwner.query().where('unit_id', unitId)
  if (exceptId) query.whereNot('id', exceptId)
  const rows = await query
  const others = rows.map((r) => ({
    start: isoDate(r.startDate)!,
    end: isoDate(r.endDate),
    // numeric(5,2) read back from PostgreSQL: exact hundredths.
    cents: centsOf(r.percentage),
  }))
  const peak = peakPercentage(others, candidate)
  if (peak > FULL) {
    const rest = FULL - (peak - candidate.cents)
    const available = rest > 0n ? rest : 0n
    throw ApiError.validation(
      'percentage',
      `The ownership percentages of this unit would reach ${formatPercentage(peak)} % (at most 100 %); ${formatPercentage(available)} % is available`
    )
  }
  return rows
}

function serializeOwnership(row: UnitOwner) {
  const owner = row.owner
  return {
    ...row.serialize(),
    startDate: isoDate(row.startDate),
    endDate: isoDate(row.endDate),
    owner: owner
      ? { id: owner.id, kind: owner.kind, displayName: owner.displayName, email: owner.email }
      : undefined,
  }
}

async function findOwnershipWithOwner(id: string) {
  const row = await UnitOwner.query().where('id', id).preload('owner').first()
  if (!row) throw ApiError.notFound('Ownership not found')
  return row
}

/** Only one primary contact per unit: setting one unsets the others. */
async function unsetOtherPrimaryContacts(unitId: string, keepId: string) {
  await UnitOwner.query()
    .where('unit_id', unitId)
    .whereNot('id', keepId)
    .where('is_primary_contact', true)
    .update({ is_primary_contact: false, updated_at: new Date() })
}

export async function listOwnerships(ctx: HttpContext, unitId: string) {
  await findUnit(unitId)
  const history = ['true', '1'].includes(String(ctx.request.qs().history ?? 'false'))
  const query = UnitOwner.query().where('unit_id', unitId).preload('owner')
  if (!history) whereCurrent(query)
  query.orderBy('start_date', 'asc').orderBy('created_at', 'asc')
  return paginate(ctx, query, serializeOwnership)
}

export async function createOwnership(ctx: HttpContext, unitId: string, payload: CreatePayload) {
  // The unit row lock serialises concurrent links, so the Σ check below holds.
  const unit = await lockUnit(unitId)
  // Tenant-scoped lookup: an owner of another organisation is simply not found here.
  const owner = await Owner.find(payload.ownerId)
  if (!owner) throw ApiError.validation('ownerId', 'Co-owner not found')
  const candidate: Period = {
    start: payload.startDate ?? today(),
    end: null,
    cents: percentageHundredths(payload.percentage),
  }
  const existing = await assertPercentageFits(unit.id, candidate)
  const overlapping = existing.find(
    (r) => r.ownerId === owner.id && (r.endDate === null || isoDate(r.endDate)! > candidate.start)
  )
  if (overlapping) {
    throw ApiError.conflict('This co-owner already owns this unit over that period', 'ownerId')
  }
  const row = new UnitOwner()
  row.merge({
    unitId: unit.id,
    ownerId: owner.id,
    percentage: formatPercentage(candidate.cents),
    startDate: DateTime.fromISO(candidate.start),
    endDate: null,
    isPrimaryContact: payload.isPrimaryContact ?? false,
  })
  await row.save()
  if (row.isPrimaryContact) await unsetOtherPrimaryContacts(unit.id, row.id)
  await audit(ctx, {
    action: 'unit_owner.created',
    subjectType: 'unit_owner',
    subjectId: row.id,
    metadata: {
      unitId: unit.id,
      ownerId: owner.id,
      percentage: row.percentage,
      startDate: candidate.start,
      isPrimaryContact: row.isPrimaryContact,
    },
  })
  return serializeOwnership(await findOwnershipWithOwner(row.id))
}

export async function updateOwnership(ctx: HttpContext, id: string, payload: UpdatePayload) {
  const current = await UnitOwner.find(id)
  if (!current) throw ApiError.notFound('Ownership not found')
  await lockUnit(current.unitId)
  const row = (await UnitOwner.query().where('id', id).forUpdate().first())!
  const start = isoDate(row.startDate)!
  const end = payload.endDate !== undefined ? payload.endDate : isoDate(row.endDate)
  if (end !== null && end < start) {
    throw ApiError.validation('endDate', `The end date cannot be before the start date (${start})`)
  }
  const cents =
    payload.percentage !== undefined
      ? percentageHundredths(payload.percentage)
      : centsOf(row.percentage)
  if (payload.percentage !== undefined || payload.endDate !== undefined) {
    await assertPercentageFits(row.unitId, { start, end, cents }, row.id)
  }
  const ended = end !== null && end <= today()
  if (payload.isPrimaryContact === true && ended) {
    throw ApiError.validation(
      'isPrimaryContact',
      'An ended ownership cannot be the primary contact'
    )
  }
  row.merge({
    percentage: formatPercentage(cents),
    endDate: end === null ? null : DateTime.fromISO(end),
    // An ended ownership is no longer anyone's contact.
    isPrimaryContact: ended ? false : (payload.isPrimaryContact ?? row.isPrimaryContact),
  })
  const changes = Object.fromEntries(
    Object.entries(row.$dirty).map(([k, to]) => [
      k,
      {
        from: DateTime.isDateTime(row.$original[k])
          ? isoDate(row.$original[k])
          : (row.$original[k] ?? null),
        to: DateTime.isDateTime(to) ? isoDate(to) : to,
      },
    ])
  )
  await row.save()
  if (row.isPrimaryContact) await unsetOtherPrimaryContacts(row.unitId, row.id)
  await audit(ctx, {
    action: 'unit_owner.updated',
    subjectType: 'unit_owner',
    subjectId: row.id,
    metadata: { unitId: row.unitId, ownerId: row.ownerId, changes },
  })
  return serializeOwnership(await findOwnershipWithOwner(row.id))
}

/** Ends the ownership today (history kept, never deleted). Already ended → 409. */
export async function endOwnership(ctx: HttpContext, id: string) {
  const current = await UnitOwner.find(id)
  if (!current) throw ApiError.notFound('Ownership not found')
  await lockUnit(current.unitId)
  const row = (await UnitOwner.query().where('id', id).forUpdate().first())!
  const day = today()
  const start = isoDate(row.startDate)!
  const end = isoDate(row.endDate)
  if (end !== null && (end <= day || end === start)) {
    throw ApiError.invalidState('This ownership has already ended')
  }
  // A future ownership ends on its start date: it never took effect.
  const endDate = start > day ? start : day
  row.merge({ endDate: DateTime.fromISO(endDate), isPrimaryContact: false })
  await row.save()
  await audit(ctx, {
    action: 'unit_owner.ended',
    subjectType: 'unit_owner',
    subjectId: row.id,
    metadata: { unitId: row.unitId, ownerId: row.ownerId, endDate },
  })
}
