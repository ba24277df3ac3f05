import { iso, money } from '../shared/format.js'

export function serializeResource(r: any, opts: { icalUrl?: boolean } = {}) {
  return {
    id: r.id,
    buildingId: r.building_id,
    name: r.name,
    type: r.type,
    description: r.description,
    capacity: r.capacity,
    hourlyRate: money(r.hourly_rate),
    dailyRate: money(r.daily_rate),
    depositAmount: money(r.deposit_amount),
    requiresApproval: r.requires_approval,
    maxBookingHours: r.max_booking_hours,
    advanceBookingDays: r.advance_booking_days,
    maxConcurrentBookings: r.max_concurrent_bookings,
    openingHours: r.opening_hours ?? null,
    ...(opts.icalUrl ? { icalUrl: `/api/v1/community/ical/${r.ical_token}.ics` } : {}),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  }
}

/**
 * A booking as its viewer may see it: staff and the booking's owner get everything;
 * other co-owners only see that the slot is taken (no name, no notes).
 */
export function serializeBooking(
  b: any,
  view: { full: boolean; mine: boolean; ownerName?: string | null; resourceName?: string }
) {
  const base = {
    id: b.id,
    resourceId: b.resource_id,
    buildingId: b.building_id,
    startsAt: iso(b.starts_at),
    endsAt: iso(b.ends_at),
    status: b.status,
    mine: view.mine,
    ...(view.resourceName !== undefined ? { resourceName: view.resourceName } : {}),
  }
  if (!view.full) return { ...base, ownerId: null, ownerName: null }
  return {
    ...base,
    ownerId: b.owner_id,
    ownerName: view.ownerName ?? null,
    notes: b.notes,
    amount: money(b.amount),
    depositAmount: money(b.deposit_amount),
    depositRetained: b.deposit_retained,
    depositRetainedReason: b.deposit_retained_reason,
    paymentStatus: b.payment_status,
    checkoutUrl: b.payment_status === 'pending' ? b.checkout_url : null,
    decidedAt: iso(b.decided_at),
    rejectionReason: b.rejection_reason,
    cancelledAt: iso(b.cancelled_at),
    checkedInAt: iso(b.checked_in_at),
    checkedOutAt: iso(b.checked_out_at),
    createdAt: iso(b.created_at),
    updatedAt: iso(b.updated_at),
  }
}
