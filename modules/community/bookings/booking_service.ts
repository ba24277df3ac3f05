import type { HttpContext } from '@adonisjs/core/http'
import type { Infer } from '@vinejs/vine/types'
import type { DateTime } from 'luxon'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { centsOf, formatCents } from '#services/money'
import { clock } from '../shared/clock.js'
import { resolveOwner, ownsUnitInBuilding, isUuid, tenant, type Actor } from '../shared/context.js'
import { FieldErrors, parseTimestamp } from '../shared/input.js'
import { pgCode } from '../shared/format.js'
import { ACTIVE_STATUSES, findResource } from './resource_service.js'
import { priceCents, withinOpeningHours } from './booking_rules.js'
import { startBookingCheckout } from './payment.js'
import type { createBookingValidator } from './resource_validator.js'

type CreatePayload = Infer<typeof createBookingValidator>

export async function findBooking(id: unknown, opts: { forUpdate?: boolean } = {}) {
  const { trx, organisationId } = tenant()
  if (!isUuid(id)) throw ApiError.notFound()
  const q = trx.from('community_bookings').where('organisation_id', organisationId).where('id', id)
  if (opts.forUpdate) q.forUpdate()
  const row = await q.first()
  if (!row) throw ApiError.notFound()
  return row
}

/** A booking the actor may see in full: staff, or the co-owner it belongs to. Else 404. */
export async function findVisibleBooking(
  actor: Actor,
  id: unknown,
  opts: { forUpdate?: boolean } = {}
) {
  const row = await findBooking(id, opts)
  if (!actor.staff && !actor.ownerIds.includes(row.owner_id)) throw ApiError.notFound()
  return row
}

/**
 * Books a slot. Runs in the request's tenant transaction:
 * 1. the window rules (start ≥ now, ≤ now + advanceBookingDays, duration ≤ maxBookingHours,
 *    opening hours) → 422 on the field;
 * 2. a transaction-scoped advisory lock per (organisation, owner) serialises one owner's
 *    concurrent requests so the active-bookings limit cannot be raced past → 409;
 * 3. the insert: the exclusion constraint refuses an overlap (23P01) → 409, also for
 *    requests racing in parallel (the loser waits for the winner's commit, then fails).
 */
export async function createBooking(
  ctx: HttpContext,
  actor: Actor,
  resourceId: string,
  payload: CreatePayload
) {
  const { trx, organisationId } = tenant()
  const resource = await findResource(resourceId)
  const errors = new FieldErrors()
  let startOrNull: DateTime | null = null
  let endOrNull: DateTime | null = null
  errors.try(() => (startOrNull = parseTimestamp(payload.startsAt, 'startsAt')))
  errors.try(() => (endOrNull = parseTimestamp(payload.endsAt, 'endsAt')))
  errors.throwIfAny()
  const start = startOrNull as unknown as DateTime
  const end = endOrNull as unknown as DateTime

  const now = clock.now()
  if (start < now) errors.add('startsAt', 'startsAt must not be in the past')
  else if (start > now.plus({ days: resource.advance_booking_days }))
    errors.add('startsAt', `Bookings open at most ${resource.advance_booking_days} days ahead`)
  if (end <= start) errors.add('endsAt', 'endsAt must be after startsAt')
  else if (end.diff(start, 'minutes').minutes > resource.max_booking_hours * 60)
    errors.add('endsAt', `A booking lasts at most ${resource.max_booking_hours} hours`)
  else if (!withinOpeningHours(resource.opening_hours, start, end))
    errors.add('startsAt', 'The resource is closed at that time')
  errors.throwIfAny()

  const ownerId = await resolveOwner(actor, payload.ownerId)
  if (!(await ownsUnitInBuilding(ownerId, resource.building_id))) {
    if (payload.ownerId)
      throw ApiError.validation('ownerId', 'This co-owner owns no unit in the building')
    throw ApiError.forbidden('Only co-owners of the building may book its resources')
  }

  await trx.rawQuery(`SELECT pg_advisory_xact_lock(hashtextextended(?, 0))`, [
    `community_booking:${organisationId}:${ownerId}`,
  ])
  const [{ total }] = await trx
    .from('community_bookings')
    .where('organisation_id', organisationId)
    .where('resource_id', resource.id)
    .where('owner_id', ownerId)
    .whereIn('status', [...ACTIVE_STATUSES])
    .where('ends_at', '>', now.toJSDate())
    .count('* as total')
  if (Number(total) >= resource.max_concurrent_bookings) {
    throw ApiError.conflict(
      `At most ${resource.max_concurrent_bookings} active bookings per co-owner for this resource`
    )
  }

  const cents = priceCents(resource.hourly_rate, resource.daily_rate, start, end)
  const deposit = centsOf(resource.deposit_amount)
  const toPay = cents + deposit
  let row: any
  try {
    ;[row] = await trx
      .table('community_bookings')
      .insert({
        organisation_id: organisationId,
        resource_id: resource.id,
        building_id: resource.building_id,
        owner_id: ownerId,
        booked_by: actor.userId,
        starts_at: start.toJSDate(),
        ends_at: end.toJSDate(),
        status: resource.requires_approval ? 'pending' : 'confirmed',
        notes: payload.notes ?? null,
        amount: formatCents(cents),
        deposit_amount: formatCents(deposit),
        payment_status: toPay > 0n ? 'pending' : 'not_required',
        created_at: now.toJSDate(),
        updated_at: now.toJSDate(),
      })
      .returning('*')
  } catch (error) {
    if (pgCode(error) === '23P01')
      throw ApiError.conflict('This slot is already booked', 'startsAt')
    throw error
  }

  if (toPay > 0n) {
    const slug = ctx.organisation.slug
    const base = `${ctx.request.protocol()}://${ctx.request.host()}`
    const session = await startBookingCheckout({
      organisationId,
      amount: formatCents(toPay),
      description: `${resource.name} — ${start.setZone('Europe/Brussels').toFormat('yyyy-MM-dd HH:mm')}`,
      metadata: { bookingId: row.id, resourceId: resource.id },
      successUrl: `${base}/o/${slug}/bookings?paid=${row.id}`,
      cancelUrl: `${base}/o/${slug}/bookings?cancelled=${row.id}`,
    })
    ;[row] = await trx
      .from('community_bookings')
      .where('organisation_id', organisationId)
      .where('id', row.id)
      .update({ checkout_session_id: session.id, checkout_url: session.url })
      .returning('*')
  }

  await audit(ctx, {
    action: 'community.booking.create',
    subjectType: 'community_booking',
    subjectId: row.id,
    metadata: {
      resourceId: resource.id,
      ownerId,
      startsAt: start.toISO(),
      endsAt: end.toISO(),
      status: row.status,
      onBehalf: !actor.ownerIds.includes(ownerId),
    },
  })
  return row
}
