import { DateTime, IANAZone } from 'luxon'
import { centsOf, divRoundHalfUp } from '#services/money'

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

const brussels = IANAZone.create(ZONE)
const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000
const offsets = new Map<number, number>()

/**
 * Brussels offset (minutes east of UTC) at `ts`, cached per UTC hour: luxon asks Intl
 * (~4 µs a call), and every Brussels offset change in the tz data (checked 1890–2100)
 * falls on a whole UTC hour.
 */
function offsetAt(ts: number) {
  const hour = Math.floor(ts / HOUR_MS)
  let offset = offsets.get(hour)
  if (offset === undefined) {
    if (offsets.size >= 200_000) offsets.clear()
    offset = brussels.offset(hour * HOUR_MS)
    offsets.set(hour, offset)
  }
  return offset
}

/**
 * UTC instant of a Brussels wall-clock time given as `wall` (Date.UTC of the local
 * fields), from `guess` (minutes east of UTC): luxon's own rule (its `fixOffset`), so a
 * time in the spring gap or the autumn overlap resolves exactly as `DateTime#set` does.
 */
function wallToUtc(wall: number, guess: number) {
  let ts = wall - guess * 60_000
  const o2 = offsetAt(ts)
  if (o2 === guess) return ts
  ts -= (o2 - guess) * 60_000
  const o3 = offsetAt(ts)
  if (o2 === o3) return ts
  return wall - Math.min(o2, o3) * 60_000
}

/** Minutes after local midnight of `hh:mm` ('24:00' = the next midnight). */
function minutesOf(hhmm: string) {
  const [h, m] = hhmm.split(':').map(Number)
  return h >= 24 ? 24 * 60 : h * 60 + m
}

/**
 * Opening intervals as epoch milliseconds over [fromMs, toMs) (availability over 90 days
 * runs this per request). One zone lookup per Brussels day: a day whose midnight and
 * next midnight have the same offset holds no DST change, so its wall times shift by
 * that offset; the two days a year that change go through `wallToUtc` per time.
 */
export function openIntervalsMs(hours: OpeningHours, fromMs: number, toMs: number) {
  if (!hours) return [{ start: fromMs, end: toMs }]
  const out: { start: number; end: number }[] = []
  // The Brussels calendar date of `from`, as the UTC midnight of the same date.
  let wallMidnight = Math.floor((fromMs + offsetAt(fromMs) * 60_000) / DAY_MS) * DAY_MS
  let dayStart = wallToUtc(wallMidnight, offsetAt(fromMs))
  let offset = offsetAt(dayStart)
  while (dayStart < toMs) {
    const nextWall = wallMidnight + DAY_MS
    const nextStart = wallToUtc(nextWall, offset)
    const nextOffset = offsetAt(nextStart)
    // getUTCDay: 0 = Sunday; DAY_KEYS starts on Monday.
    const key = DAY_KEYS[(new Date(wallMidnight).getUTCDay() + 6) % 7]
    for (const slot of hours[key] ?? []) {
      const at = (hhmm: string) => {
        const minutes = minutesOf(hhmm)
        if (minutes === 24 * 60) return nextStart
        const wall = wallMidnight + minutes * 60_000
        return nextOffset === offset ? wall - offset * 60_000 : wallToUtc(wall, offset)
      }
      const s = Math.max(at(slot.from), fromMs)
      const e = Math.min(at(slot.to), toMs)
      if (e > s) out.push({ start: s, end: e })
    }
    wallMidnight = nextWall
    dayStart = nextStart
    offset = nextOffset
  }
  return out
}

/** Opening intervals (UTC) of the Brussels days covering [from, to). No hours = always open. */
export function openIntervals(hours: OpeningHours, from: DateTime, to: DateTime) {
  return openIntervalsMs(hours, from.toMillis(), to.toMillis()).map((i) => ({
    start: DateTime.fromMillis(i.start, { zone: 'utc' }),
    end: DateTime.fromMillis(i.end, { zone: 'utc' }),
  }))
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
): bigint {
  // Whole minutes (bookings are on the minute); the hourly price rounds half-up to the cent.
  const minutes = BigInt(Math.round(end.diff(start, 'minutes').minutes))
  const options: bigint[] = []
  if (hourlyRate !== null && hourlyRate !== undefined)
    options.push(divRoundHalfUp(centsOf(hourlyRate) * minutes, 60n))
  if (dailyRate !== null && dailyRate !== undefined) {
    const days = minutes <= 0n ? 1n : (minutes + 1439n) / 1440n
    options.push(centsOf(dailyRate) * days)
  }
  return options.reduce((a, b) => (b < a ? b : a), options[0] ?? 0n)
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
