import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { notify } from '#services/notification_service'
import { clock } from '../shared/clock.js'
import { tenant, userIdOfOwner, type Actor } from '../shared/context.js'
import { findVisibleBooking } from './booking_service.js'
import { checkInWindow, isFreeCancellation, isLateCheckout } from './booking_rules.js'
import { centsOf } from '#services/money'

/*
| Booking state machine (SPEC §8):
|   pending → confirmed (approve) | rejected (reject) | cancelled
|   confirmed → checked_in (check-in window ±30 min) | cancelled | no_show (job)
|   checked_in → checked_out
| Anything else → 409 E_INVALID_STATE.
*/
async function save(id: string, changes: Record<string, unknown>) {
  const { trx, organisationId } = tenant()
  const [row] = await trx
    .from('community_bookings')
    .where('organisation_id', organisationId)
    .where('id', id)
    .update({ ...changes, updated_at: clock.nowDate() })
    .returning('*')
  return row
}

function expect(row: any, allowed: string[], action: string) {
  if (!allowed.includes(row.status))
    throw ApiError.invalidState(`A ${row.status} booking cannot be ${action}`)
}

async function tellOwner(row: any, type: string, title: string, body: string | null) {
  const userId = await userIdOfOwner(row.owner_id)
  if (!userId) return
  await notify({
    userIds: [userId],
    type,
    title,
    body,
    url: null,
    data: { bookingId: row.id, resourceId: row.resource_id },
  })
}

async function resourceName(resourceId: string) {
  const { trx, organisationId } = tenant()
  const r = await trx
    .from('community_resources')
    .where('organisation_id', organisationId)
    .where('id', resourceId)
    .select('name')
    .first()
  return r?.name ?? ''
}

export async function approveBooking(ctx: HttpContext, actor: Actor, id: string) {
  const booking = await findVisibleBooking(actor, id, { forUpdate: true })
  expect(booking, ['pending'], 'approved')
  const row = await save(id, {
    status: 'confirmed',
    decided_by: actor.userId,
    decided_at: clock.nowDate(),
  })
  await audit(ctx, {
    action: 'community.booking.approve',
    subjectType: 'community_booking',
    subjectId: id,
  })
  const name = await resourceName(row.resource_id)
  await tellOwner(
    row,
    'community.booking_approved',
    `Réservation confirmée / Reservatie bevestigd: ${name}`,
    `${DateTime.fromJSDate(row.starts_at).setZone('Europe/Brussels').toFormat('dd/MM/yyyy HH:mm')}`
  )
  return row
}

export async function rejectBooking(ctx: HttpContext, actor: Actor, id: string, reason: string) {
  const booking = await findVisibleBooking(actor, id, { forUpdate: true })
  expect(booking, ['pending'], 'rejected')
  const row = await save(id, {
    status: 'rejected',
    rejection_reason: reason,
    decided_by: actor.userId,
    decided_at: clock.nowDate(),
  })
  await audit(ctx, {
    action: 'community.booking.reject',
    subjectType: 'community_booking',
    subjectId: id,
    metadata: { reason },
  })
  const name = await resourceName(row.resource_id)
  await tellOwner(
    row,
    'community.booking_rejected',
    `Réservation refusée / Reservatie geweigerd: ${name}`,
    reason
  )
  return row
}

/** Free until 24 h before the start; later the deposit is retained. Not after the start. */
export async function cancelBooking(ctx: HttpContext, actor: Actor, id: string) {
  const booking = await findVisibleBooking(actor, id, { forUpdate: true })
  expect(booking, ['pending', 'confirmed'], 'cancelled')
  const now = clock.now()
  const start = DateTime.fromJSDate(booking.starts_at)
  if (now >= start) throw ApiError.invalidState('A booking that has started cannot be cancelled')
  const late = booking.status === 'confirmed' && !isFreeCancellation(start, now)
  const retain = late && centsOf(booking.deposit_amount) > 0n
  const row = await save(id, {
    status: 'cancelled',
    cancelled_at: now.toJSDate(),
    ...(retain ? { deposit_retained: true, deposit_retained_reason: 'late_cancellation' } : {}),
  })
  await audit(ctx, {
    action: 'community.booking.cancel',
    subjectType: 'community_booking',
    subjectId: id,
    metadata: { lateCancellation: late, depositRetained: retain },
  })
  return row
}

export async function checkInBooking(ctx: HttpContext, actor: Actor, id: string) {
  const booking = await findVisibleBooking(actor, id, { forUpdate: true })
  expect(booking, ['confirmed'], 'checked in')
  const now = clock.now()
  const { opens, closes } = checkInWindow(DateTime.fromJSDate(booking.starts_at))
  if (now < opens) throw ApiError.invalidState('Check-in opens 30 minutes before the start')
  if (now > closes)
    throw ApiError.invalidState('Check-in closed 30 minutes after the start (no-show)')
  const row = await save(id, { status: 'checked_in', checked_in_at: now.toJSDate() })
  await audit(ctx, {
    action: 'community.booking.checkin',
    subjectType: 'community_booking',
    subjectId: id,
  })
  return row
}

/** More than 1 h after the end, the deposit is forfeited. */
export async function checkOutBooking(ctx: HttpContext, actor: Actor, id: string) {
  const booking = await findVisibleBooking(actor, id, { forUpdate: true })
  expect(booking, ['checked_in'], 'checked out')
  const now = clock.now()
  const late = isLateCheckout(DateTime.fromJSDate(booking.ends_at), now)
  const retain = late && centsOf(booking.deposit_amount) > 0n
  const row = await save(id, {
    status: 'checked_out',
    checked_out_at: now.toJSDate(),
    ...(retain ? { deposit_retained: true, deposit_retained_reason: 'late_checkout' } : {}),
  })
  await audit(ctx, {
    action: 'community.booking.checkout',
    subjectType: 'community_booking',
    subjectId: id,
    metadata: { lateCheckout: late, depositRetained: retain },
  })
  return row
}

/**
 * Job body: confirmed bookings whose check-in window closed become `no_show` (deposit
 * retained); pending bookings whose start passed without a decision are rejected.
 */
export async function sweepBookings(now: DateTime) {
  const { trx, organisationId } = tenant()
  const cutoff = now.minus({ minutes: 30 }).toJSDate()
  const noShows = await trx
    .from('community_bookings')
    .where('organisation_id', organisationId)
    .where('status', 'confirmed')
    .where('starts_at', '<', cutoff)
    .update({
      status: 'no_show',
      deposit_retained: trx.raw('deposit_amount > 0'),
      deposit_retained_reason: trx.raw(`CASE WHEN deposit_amount > 0 THEN 'no_show' END`),
      updated_at: now.toJSDate(),
    })
    .returning('id')
  const expired = await trx
    .from('community_bookings')
    .where('organisation_id', organisationId)
    .where('status', 'pending')
    .where('starts_at', '<', now.toJSDate())
    .update({
      status: 'rejected',
      rejection_reason: 'Not approved before the start',
      decided_at: now.toJSDate(),
      updated_at: now.toJSDate(),
    })
    .returning('id')
  for (const { id } of noShows)
    await trx.table('audit_logs').insert({
      organisation_id: organisationId,
      action: 'community.booking.no_show',
      subject_type: 'community_booking',
      subject_id: id,
      metadata: '{}',
    })
  return { noShows: noShows.length, expired: expired.length }
}
