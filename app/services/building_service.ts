import emitter from '@adonisjs/core/services/emitter'
import type { HttpContext } from '@adonisjs/core/http'
import type { Infer } from '@vinejs/vine/types'
import Building from '#models/building'
import Unit from '#models/unit'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { paginate } from '#services/pagination'
import { currentTenant } from '#tenancy/tenant_context'
import { runBuildingCreatedHooks } from '#services/building_hooks'
import type {
  createBuildingValidator,
  updateBuildingValidator,
} from '#validators/building_validator'

export interface BuildingEvent {
  organisationId: string
  buildingId: string
}

declare module '@adonisjs/core/types' {
  interface EventsList {
    'building:created': BuildingEvent
    'building:archived': BuildingEvent
  }
}

type CreatePayload = Infer<typeof createBuildingValidator>
type UpdatePayload = Infer<typeof updateBuildingValidator>

/** Escapes LIKE wildcards so `?q=` is a plain substring search. */
export function likePattern(q: string) {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** Buildings with `unitsCount` and `allocatedQuota` as correlated subqueries (no N+1). */
function queryWithStats() {
  return Building.query()
    .withCount('units')
    .withAggregate('units', (q) => q.sum('quota').as('allocated_quota'))
}

/**
 * Events are emitted once the tenant transaction has committed, so listeners (billing
 * quantity) never see a building that a later error rolled back.
 */
function emitAfterCommit(event: 'building:created' | 'building:archived', data: BuildingEvent) {
  const { trx } = currentTenant()
  trx.after('commit', () => {
    void emitter.emit(event, data)
  })
}

export async function listBuildings(ctx: HttpContext) {
  const q = String(ctx.request.qs().q ?? '').trim()
  const query = queryWithStats()
  if (q) {
    const pattern = likePattern(q)
    query.where((w) => w.whereILike('name', pattern).orWhereILike('city', pattern))
  }
  // natural_sort (ICU, migration 1700000000020): case-insensitive, "Bloc 2" before "Bloc 10".
  return paginate(
    ctx,
    query.orderByRaw('"buildings"."name" COLLATE natural_sort ASC, "buildings"."id" ASC')
  )
}

export async function findBuilding(id: string) {
  const building = await queryWithStats().where('id', id).first()
  if (!building) throw ApiError.notFound('Building not found')
  return building
}

/** 404 unless the building exists in the tenant (no aggregates: for nested lists). */
export async function assertBuildingExists(id: string) {
  const found = await Building.query().where('id', id).select('id').first()
  if (!found) throw ApiError.notFound('Building not found')
}

/** Locks the building row for the rest of the transaction (quota checks). */
export async function lockBuilding(id: string) {
  const building = await Building.query().where('id', id).forUpdate().first()
  if (!building) throw ApiError.notFound('Building not found')
  return building
}

/** Σ of the unit quotas of a building, optionally leaving one unit out (its update). */
export async function allocatedQuota(buildingId: string, exceptUnitId?: string) {
  const query = Unit.query().where('building_id', buildingId)
  if (exceptUnitId) query.whereNot('id', exceptUnitId)
  const row = await query.sum('quota as total').first()
  return Number(row?.$extras.total ?? 0)
}

export async function createBuilding(ctx: HttpContext, payload: CreatePayload) {
  const building = await Building.create({
    name: payload.name,
    street: payload.address.street,
    postalCode: payload.address.postalCode,
    city: payload.address.city,
    country: payload.address.country ?? 'BE',
    totalQuota: payload.totalQuota ?? 1000,
    constructionYear: payload.constructionYear ?? null,
    enterpriseNumber: payload.enterpriseNumber ?? null,
    fiscalYearStartMonth: payload.fiscalYearStartMonth ?? 1,
  })
  await runBuildingCreatedHooks(building, currentTenant().trx)
  await audit(ctx, {
    action: 'building.created',
    subjectType: 'building',
    subjectId: building.id,
    metadata: { name: building.name, totalQuota: building.totalQuota },
  })
  emitAfterCommit('building:created', {
    organisationId: building.organisationId,
    buildingId: building.id,
  })
  return findBuilding(building.id)
}

export async function updateBuilding(ctx: HttpContext, id: string, payload: UpdatePayload) {
  const building = await lockBuilding(id)
  if (payload.totalQuota !== undefined && payload.totalQuota !== building.totalQuota) {
    const allocated = await allocatedQuota(building.id)
    if (payload.totalQuota < allocated) {
      throw ApiError.validation(
        'totalQuota',
        `The total quota cannot be lower than the ${allocated} already allocated to units`
      )
    }
  }
  building.merge({
    ...(payload.name !== undefined ? { name: payload.name } : {}),
    ...(payload.address?.street !== undefined ? { street: payload.address.street } : {}),
    ...(payload.address?.postalCode !== undefined
      ? { postalCode: payload.address.postalCode }
      : {}),
    ...(payload.address?.city !== undefined ? { city: payload.address.city } : {}),
    ...(payload.address?.country !== undefined ? { country: payload.address.country } : {}),
    ...(payload.totalQuota !== undefined ? { totalQuota: payload.totalQuota } : {}),
    ...(payload.constructionYear !== undefined
      ? { constructionYear: payload.constructionYear }
      : {}),
    ...(payload.enterpriseNumber !== undefined
      ? { enterpriseNumber: payload.enterpriseNumber }
      : {}),
    ...(payload.fiscalYearStartMonth !== undefined
      ? { fiscalYearStartMonth: payload.fiscalYearStartMonth }
      : {}),
  })
  // $original still holds the old values until save().
  const changes = Object.fromEntries(
    Object.entries(building.$dirty).map(([k, to]) => [
      k,
      { from: building.$original[k] ?? null, to },
    ])
  )
  await building.save()
  await audit(ctx, {
    action: 'building.updated',
    subjectType: 'building',
    subjectId: building.id,
    metadata: { changes },
  })
  return findBuilding(building.id)
}

/** Deletes a building that has no units (a building with units is history: 409). */
export async function deleteBuilding(ctx: HttpContext, id: string) {
  const building = await lockBuilding(id)
  const unit = await Unit.query().where('building_id', building.id).select('id').first()
  if (unit) throw ApiError.conflict('A building with units cannot be deleted')
  await building.delete()
  await audit(ctx, {
    action: 'building.deleted',
    subjectType: 'building',
    subjectId: building.id,
    metadata: { name: building.name },
  })
  emitAfterCommit('building:archived', {
    organisationId: building.organisationId,
    buildingId: building.id,
  })
}
