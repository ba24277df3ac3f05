import type { HttpContext } from '@adonisjs/core/http'
import type { Infer } from '@vinejs/vine/types'
import { DateTime, Settings } from 'luxon'
import Unit, { UNIT_TYPES } from '#models/unit'
import UnitOwner from '#models/unit_owner'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { allocatedQuota, assertBuildingExists, lockBuilding } from '#services/building_service'
import { pageParams, type PageParams } from '#services/pagination'
import { currentTenant, trxQuery } from '#tenancy/tenant_context'
import { columnsOf, prepared } from '#services/prepared_statements'
import type { createUnitValidator, updateUnitValidator } from '#validators/unit_validator'

type CreatePayload = Infer<typeof createUnitValidator>
type UpdatePayload = Infer<typeof updateUnitValidator>

let todayCache = { minute: Number.NaN, date: '' }

/**
 * Today's date in Brussels (SPEC §2: dates are Belgian calendar dates). Computed once
 * per minute of luxon's clock (`Settings.now`): Brussels' offsets are whole hours, so
 * its date only changes on a minute boundary.
 */
export function today(): string {
  const minute = Math.floor(Settings.now() / 60_000)
  if (minute !== todayCache.minute) {
    todayCache = { minute, date: DateTime.now().setZone('Europe/Brussels').toISODate()! }
  }
  return todayCache.date
}

/**
 * An ownership is current while it has not ended: `end_date` is exclusive, so an
 * ownership ended today no longer counts today; one ended on its own start date
 * (cancelled before it took effect) never counts. `prefix` qualifies the columns.
 */
export function whereCurrent<Q extends { where: any }>(query: Q, prefix = ''): Q {
  return query.where((w: any) =>
    w
      .whereNull(`${prefix}end_date`)
      .orWhere((e: any) =>
        e
          .where(`${prefix}end_date`, '>', today())
          .whereColumn(`${prefix}end_date`, '>', `${prefix}start_date`)
      )
  )
}

/** Units with `ownersCount` (current ownerships) as a correlated subquery. */
function queryWithOwnersCount() {
  return Unit.query().withCount('ownerships', (q) => {
    whereCurrent(q, 'unit_owners.')
    q.as('owners_count')
  })
}

export function serializeUnit(unit: Unit) {
  return {
    ...unit.serialize(),
    building: unit.buildingId,
    ownersCount: Number(unit.$extras.owners_count ?? 0),
  }
}

/**
 * `serializeUnit` for a raw `units` row + owners_count, without hydrating a model (the
 * list's hot path): same keys, order and formats (tests/functional/perf checks it
 * against GET /units/:id).
 */
function serializeUnitRow(row: Record<string, any>) {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    buildingId: row.building_id,
    number: row.number,
    type: row.type,
    floor: row.floor,
    area: row.area,
    quota: row.quota,
    createdAt: isoDateTime(row.created_at),
    updatedAt: isoDateTime(row.updated_at),
    building: row.building_id,
    ownersCount: Number(row.owners_count ?? 0),
  }
}

/**
 * What Lucid's `column.dateTime` serializes a timestamptz to: luxon's
 * `DateTime.fromJSDate(value).toISO()` in the default (system) zone, written without
 * luxon (20 rows × 2 per list) by luxon's own arithmetic: local fields are the UTC
 * fields of `ts + offset`, the offset being `-getTimezoneOffset()` minutes. Luxon still
 * formats invalid dates, years outside 1000–9999, and everything when the app sets
 * another default zone (tests/functional/perf/iso_date_time.spec.ts).
 */
export function isoDateTime(value: Date | null) {
  if (!value) return value
  const offset = -value.getTimezoneOffset()
  const local = new Date(value.getTime() + offset * 60_000)
  const year = local.getUTCFullYear()
  if (!(year >= 1000 && year <= 9999) || Settings.defaultZone.type !== 'system') {
    return DateTime.fromJSDate(value).toISO()
  }
  // "yyyy-MM-ddTHH:mm:ss.SSS" of the shifted instant, then luxon's "+HH:mm".
  return local.toISOString().slice(0, 23) + offsetSuffix(offset)
}

const offsetSuffixes = new Map<number, string>()

function offsetSuffix(offset: number) {
  let suffix = offsetSuffixes.get(offset)
  if (suffix === undefined) {
    const abs = Math.abs(offset)
    suffix = `${offset < 0 ? '-' : '+'}${pad2(Math.trunc(abs / 60))}:${pad2(Math.trunc(abs % 60))}`
    offsetSuffixes.set(offset, suffix)
  }
  return suffix
}

function pad2(n: number) {
  return n < 10 ? `0${n}` : String(n)
}

function decimal(value: number | null | undefined) {
  return value === null || value === undefined ? value : value.toFixed(2)
}

export async function findUnit(id: string) {
  const unit = await queryWithOwnersCount().where('units.id', id).first()
  if (!unit) throw ApiError.notFound('Unit not found')
  return unit
}

export async function lockUnit(id: string) {
  const unit = await Unit.query().where('id', id).forUpdate().first()
  if (!unit) throw ApiError.notFound('Unit not found')
  return unit
}

/*
| The list query, precompiled (run on the tenant transaction's connection, see
| `trxQuery`): $1 organisation, $2 building, $3 today, $4 limit, $5 offset, $6 type.
| natural_sort (migration 1700000000020): "2" before "10", "A2" before "A10".
*/
const UNIT_COLUMNS = [
  'id',
  'organisation_id',
  'building_id',
  'number',
  'type',
  'floor',
  'area',
  'quota',
  'created_at',
  'updated_at',
]
function listUnitsSql(typeFilter: string) {
  const filter = `u.organisation_id = $1 and u.building_id = b.id ${typeFilter}`
  return prepared(`select b.id as "__building", (select count(*) from units u where ${filter}) as "__total",
            ${columnsOf('p', UNIT_COLUMNS)}, p.owners_count
       from buildings b
       left join lateral (
         select ${columnsOf('u', UNIT_COLUMNS)}, (select count(*) from unit_owners uo
                       where uo.unit_id = u.id and uo.organisation_id = u.organisation_id
                         and (uo.end_date is null
                              or (uo.end_date > $3 and uo.end_date > uo.start_date))
                     ) as owners_count
           from units u where ${filter}
          order by u.number collate natural_sort asc, u.id asc
          limit $4 offset $5
       ) p on true
      where b.id = $2 and b.organisation_id = $1
      order by p.number collate natural_sort asc, p.id asc`)
}
const LIST_UNITS = listUnitsSql('')
const LIST_UNITS_OF_TYPE = listUnitsSql('and u.type = $6')

/**
 * The units of a building, paged, in ONE query (instead of existence + count + page):
 * the building row LEFT JOIN LATERAL the page, with the total as a scalar subquery. No
 * row means no building (404); a building with an empty page yields one row of NULLs.
 * Same filters as the Lucid path (tenant trx + organisation_id, RLS), same JSON.
 */
export async function listUnits(ctx: HttpContext, buildingId: string) {
  const type = ctx.request.qs().type
  let params: PageParams
  try {
    if (type !== undefined && !UNIT_TYPES.includes(type)) {
      throw ApiError.validation('type', `type must be one of ${UNIT_TYPES.join(', ')}`)
    }
    params = pageParams(ctx)
  } catch (error) {
    // As before: an unknown building is a 404 even with bad query parameters.
    await assertBuildingExists(buildingId)
    throw error
  }
  const { page, perPage } = params
  const { trx, organisationId } = currentTenant()
  const values = [organisationId, buildingId, today(), perPage, (page - 1) * perPage]
  const result =
    type === undefined
      ? await trxQuery(trx, LIST_UNITS, values)
      : await trxQuery(trx, LIST_UNITS_OF_TYPE, [...values, type])
  const rows: Record<string, any>[] = result.rows
  if (rows.length === 0) throw ApiError.notFound('Building not found')
  const total = Number(rows[0].__total)
  const data = rows.filter((row) => row.id !== null).map(serializeUnitRow)
  return {
    data,
    meta: { total, perPage, currentPage: page, lastPage: Math.max(1, Math.ceil(total / perPage)) },
  }
}

async function assertNumberFree(buildingId: string, number: string, exceptUnitId?: string) {
  const query = Unit.query().where('building_id', buildingId).where('number', number)
  if (exceptUnitId) query.whereNot('id', exceptUnitId)
  if (await query.select('id').first()) {
    throw ApiError.conflict(`Unit number "${number}" already exists in this building`, 'number')
  }
}

/** Σ quotas ≤ totalQuota; the caller holds the building row lock. */
async function assertQuotaFits(
  building: { id: string; totalQuota: number },
  quota: number,
  exceptUnitId?: string
) {
  const allocated = await allocatedQuota(building.id, exceptUnitId)
  const left = building.totalQuota - allocated
  if (quota > left) {
    throw ApiError.validation(
      'quota',
      `Only ${Math.max(0, left)} of the building's ${building.totalQuota} quota is left (${allocated} already allocated)`
    )
  }
}

/** The unique index is the last word on unit numbers (in case of a race, answer 409 on number). */
async function saveUnit(unit: Unit) {
  try {
    await unit.save()
  } catch (error: any) {
    if (error?.code === '23505') {
      throw ApiError.conflict(
        `Unit number "${unit.number}" already exists in this building`,
        'number'
      )
    }
    throw error
  }
}

export async function createUnit(ctx: HttpContext, buildingId: string, payload: CreatePayload) {
  // The building row lock serialises concurrent creations, so the Σ check below holds.
  const building = await lockBuilding(buildingId)
  await assertNumberFree(building.id, payload.number)
  await assertQuotaFits(building, payload.quota)
  const unit = new Unit()
  unit.merge({
    buildingId: building.id,
    number: payload.number,
    type: payload.type,
    floor: payload.floor ?? null,
    area: decimal(payload.area) ?? null,
    quota: payload.quota,
  })
  await saveUnit(unit)
  await audit(ctx, {
    action: 'unit.created',
    subjectType: 'unit',
    subjectId: unit.id,
    metadata: { buildingId: building.id, number: unit.number, quota: unit.quota },
  })
  return serializeUnit(await findUnit(unit.id))
}

export async function updateUnit(ctx: HttpContext, id: string, payload: UpdatePayload) {
  const current = await Unit.query().where('id', id).first()
  if (!current) throw ApiError.notFound('Unit not found')
  // Building first, then unit: the same lock order as creation.
  const building = await lockBuilding(current.buildingId)
  const unit = await lockUnit(id)
  if (payload.number !== undefined && payload.number !== unit.number) {
    await assertNumberFree(building.id, payload.number, unit.id)
  }
  if (payload.quota !== undefined && payload.quota !== unit.quota) {
    await assertQuotaFits(building, payload.quota, unit.id)
  }
  unit.merge({
    ...(payload.number !== undefined ? { number: payload.number } : {}),
    ...(payload.type !== undefined ? { type: payload.type } : {}),
    ...(payload.floor !== undefined ? { floor: payload.floor } : {}),
    ...(payload.area !== undefined ? { area: decimal(payload.area) } : {}),
    ...(payload.quota !== undefined ? { quota: payload.quota } : {}),
  })
  const changes = Object.fromEntries(
    Object.entries(unit.$dirty).map(([k, to]) => [k, { from: unit.$original[k] ?? null, to }])
  )
  await saveUnit(unit)
  await audit(ctx, {
    action: 'unit.updated',
    subjectType: 'unit',
    subjectId: unit.id,
    metadata: { changes },
  })
  return serializeUnit(await findUnit(unit.id))
}

/** Only a unit that never had an owner may be deleted: ownership history is kept. */
export async function deleteUnit(ctx: HttpContext, id: string) {
  const unit = await lockUnit(id)
  const owned = await UnitOwner.query().where('unit_id', unit.id).select('id').first()
  if (owned) {
    throw ApiError.conflict('A unit with ownership history cannot be deleted')
  }
  await unit.delete()
  await audit(ctx, {
    action: 'unit.deleted',
    subjectType: 'unit',
    subjectId: unit.id,
    metadata: { buildingId: unit.buildingId, number: unit.number, quota: unit.quota },
  })
}
