import type { DateTime } from 'luxon'

/*
| Pure booking rules (unit-tested): price, opening hours, windows. Times are UTC
| DateTimes; opening hours are Europe/Brussels local times.
*/
export const ZONE = 'Europe/Brussels'
export const CHECKIN_WINDOW_MINUTES = 30
export const FREE_CANCELLATION_HOURS = 24
export const LATE_CHECKOUT_GRACE_MINUTES = 60

export type OpeningHours = Partial<Record<string, { from: string; to: string }[]>> | null
const DAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']

/** Wall-clock time `hh:mm` of a local day (calendar math: right across DST changes). */
function atLocal(day: DateTime, hhmm: string) {
  const [h, m] = hhmm.split(':').map(Number)
  return h >= 24 ? day.plus({ days: 1 }).startOf('day') : day.set({ hour: h, minute: m })
}

/** Opening intervals (UTC) of the Brussels days covering [from, to). No hours = always open. */
export function openIntervals(hours: OpeningHours, from: DateTime, to: DateTime) {
  if (!hours) return [{ start: from, end: to }]
  const out: { start: DateTime; end: DateTime }[] = []
  let day = from.setZone(ZONE).startOf('day')
  const last = to.setZone(ZONE)
  while (day < last) {
    for (const slot of hours[DAY_KEYS[day.weekday - 1]] ?? []) {
      const start = atLocal(day, slot.from).toUTC()
      const end = atLocal(day, slot.to).toUTC()
      const s = start < from ? from : start
      const e = end > to ? to : end
      if (e > s) out.push({ start: s, end: e })
    }
    day = day.plus({ days: 1 })
  }
  return out
}

/** A booking fits the opening hours when it lies inside one opening interval. */
export function withinOpeningHours(hours: OpeningHours, start: DateTime, end: DateTime) {
  if (!hours) return true
  return openIntervals(hours, start.minus({ days: 1 }), end.plus({ days: 1 })).some(
    (i) => i.start <= start && i.end >= end
  )
}

/**
 * Price of a booking in cents: hours × hourly rate, days (started) × daily rate, or the
 * cheaper of both when both rates are set.
 */
export function priceCents(
  hourlyRate: string | null,
  dailyRate: string | null,
  start: DateTime,
  end: DateTime
): number {
  const hours = end.diff(start, 'minutes').minutes / 60
  const options: number[] = []
  if (hourlyRate !== null && hourlyRate !== undefined)
    options.push(Math.round(Number(hourlyRate) * 100 * hours))
  if (dailyRate !== null && dailyRate !== undefined)
    options.push(Math.round(Number(dailyRate) * 100) * Math.max(1, Math.ceil(hours / 24)))
  return options.length ? Math.min(...options) : 0
}

export function checkInWindow(start: DateTime) {
  return {
    opens: start.minus({ minutes: CHECKIN_WINDOW_MINUTES }),
    closes: start.plus({ minutes: CHECKIN_WINDOW_MINUTES }),
  }
}

export function isFreeCancellation(start: DateTime, now: DateTime) {
  return now <= start.minus({ hours: FREE_CANCELLATION_HOURS })
}

export function isLateCheckout(end: DateTime, now: DateTime) {
  return now > end.plus({ minutes: LATE_CHECKOUT_GRACE_MINUTES })
}
