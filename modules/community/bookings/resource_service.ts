import { randomBytes } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import type { Infer } from '@vinejs/vine/types'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { findBuilding, isUuid, tenant } from '../shared/context.js'
import { FieldErrors, parseMoney } from '../shared/input.js'
import type { createResourceValidator, updateResourceValidator } from './resource_validator.js'

type CreatePayload = Infer<typeof createResourceValidator>
type UpdatePayload = Infer<typeof updateResourceValidator>

export const ACTIVE_STATUSES = ['pending', 'confirmed', 'checked_in'] as const

export async function findResource(id: unknown, opts: { forUpdate?: boolean } = {}) {
  const { trx, organisationId } = tenant()
  if (!isUuid(id)) throw ApiError.notFound()
  const q = trx
    .from('community_resources')
    .where('organisation_id', organisationId)
    .where('id', id)
    .whereNull('archived_at')
  if (opts.forUpdate) q.forUpdate()
  const row = await q.first()
  if (!row) throw ApiError.notFound()
  return row
}

function moneyColumns(payload: Partial<CreatePayload>, errors: FieldErrors) {
  const out: Record<string, string | null> = {}
  for (const [field, column] of [
    ['hourlyRate', 'hourly_rate'],
    ['dailyRate', 'daily_rate'],
    ['depositAmount', 'deposit_amount'],
  ] as const) {
    if (payload[field] === undefined) continue
    errors.try(() => {
      out[column] = parseMoney(payload[field], field, { min: 0, max: 999999 })
    })
  }
  return out
}

export async function createResource(ctx: HttpContext, payload: CreatePayload) {
  const { trx, organisationId } = tenant()
  const building = await findBuilding(payload.buildingId, 'buildingId')
  const errors = new FieldErrors()
  const amounts = moneyColumns(payload, errors)
  errors.throwIfAny()
  const [row] = await trx
    .table('community_resources')
    .insert({
      organisation_id: organisationId,
      building_id: building.id,
      name: payload.name,
      type: payload.type,
      description: payload.description ?? null,
      capacity: payload.capacity ?? null,
      requires_approval: payload.requiresApproval,
      max_booking_hours: payload.maxBookingHours ?? 12,
      advance_booking_days: payload.advanceBookingDays ?? 30,
      max_concurrent_bookings: payload.maxConcurrentBookings ?? 2,
      opening_hours: payload.openingHours ? JSON.stringify(payload.openingHours) : null,
      ical_token: randomBytes(24).toString('hex'),
      ...amounts,
    })
    .returning('*')
  await audit(ctx, {
    action: 'community.resource.create',
    subjectType: 'community_resource',
    subjectId: row.id,
    metadata: { name: row.name, type: row.type, buildingId: building.id },
  })
  return row
}

export async function updateResource(ctx: HttpContext, id: string, payload: UpdatePayload) {
  const { trx, organisationId } = tenant()
  await findResource(id, { forUpdate: true })
  const errors = new FieldErrors()
  const amounts = moneyColumns(payload, errors)
  errors.throwIfAny()
  const changes: Record<string, unknown> = { ...amounts, updated_at: new Date() }
  const map: [keyof UpdatePayload, string][] = [
    ['name', 'name'],
    ['type', 'type'],
    ['description', 'description'],
    ['capacity', 'capacity'],
    ['requiresApproval', 'requires_approval'],
    ['maxBookingHours', 'max_booking_hours'],
    ['advanceBookingDays', 'advance_booking_days'],
    ['maxConcurrentBookings', 'max_concurrent_bookings'],
  ]
  for (const [field, column] of map)
    if (payload[field] !== undefined) changes[column] = payload[field]
  if (payload.openingHours !== undefined)
    changes.opening_hours = payload.openingHours ? JSON.stringify(payload.openingHours) : null
  const [row] = await trx
    .from('community_resources')
    .where('organisation_id', organisationId)
    .where('id', id)
    .update(changes)
    .returning('*')
  await audit(ctx, {
    action: 'community.resource.update',
    subjectType: 'community_resource',
    subjectId: id,
    metadata: { fields: Object.keys(payload) },
  })
  return row
}

/**
 * Archives the resource (bookings are history and stay). Refused while future
 * bookings are pending/confirmed/checked-in: cancel them first.
 */
export async function deleteResource(ctx: HttpContext, id: string, now: Date) {
  const { trx, organisationId } = tenant()
  await findResource(id, { forUpdate: true })
  const active = await trx
    .from('community_bookings')
    .where('organisation_id', organisationId)
    .where('resource_id', id)
    .whereIn('status', [...ACTIVE_STATUSES])
    .where('ends_at', '>', now)
    .select('id')
    .first()
  if (active) throw ApiError.conflict('The resource still has active bookings')
  await trx
    .from('community_resources')
    .where('organisation_id', organisationId)
    .where('id', id)
    .update({ archived_at: now, updated_at: now })
  await audit(ctx, {
    action: 'community.resource.delete',
    subjectType: 'community_resource',
    subjectId: id,
  })
}
