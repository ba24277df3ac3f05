import { DateTime } from 'luxon'

/*
| The funds' clock: "today" in Europe/Brussels (SPEC §2). Jobs take an optional
| `asOf` in their payload, and tests travel in time with `setFundsClock()` (the test
| worker runs in the test process, so the override reaches the jobs too).
*/
let override: string | null = null

export function setFundsClock(date: string | null) {
  override = date
}

export function fundsToday(): string {
  return override ?? DateTime.now().setZone('Europe/Brussels').toISODate()!
}

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate()!
}

/** A DB `date` (Date at local midnight or string) → YYYY-MM-DD. */
export function isoDate(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value.slice(0, 10)
  const y = value.getFullYear()
  const m = String(value.getMonth() + 1).padStart(2, '0')
  const d = String(value.getDate()).padStart(2, '0')
  return `${y}-${m}-${d}`
}

export function isoTimestamp(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null
  return new Date(value).toISOString()
}
