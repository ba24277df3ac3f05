import { DateTime } from 'luxon'
import { divRoundHalfUp, InvalidAmountError } from '#services/money'

/*
| Late interest = amount × rate × days late ÷ 365 (SPEC §6), the rate being the one of
| each calendar year the delay runs through (legal rate, configurable per year). Days
| are counted from the day after the due date up to `asOf` included.
*/

/** Decimals of a rate: accounting_interest_rates.rate is numeric(6,3) (4.125 %). */
export const RATE_SCALE = 3
const RATE_UNIT = 10n ** BigInt(RATE_SCALE)
/** 100 % in thousandths of a percent (the column's CHECK: 0 ≤ rate ≤ 100). */
const MAX_RATE = 100n * RATE_UNIT

/** The legal rate, as the column's 3-decimal string. */
export const DEFAULT_INTEREST_RATE = '4.500'

/**
 * A percent rate ("4.125", "6", 4.125, or a numeric from PostgreSQL) → thousandths of a
 * percent (4125n), exactly; null when not 0–100 with at most 3 decimals. Never rounds:
 * 4.1255 is refused rather than silently made 4.126 or 4.125.
 */
export function parseRate(value: unknown): bigint | null {
  let text: string
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null
    text = String(value) // shortest round-trip form: 4.125 → "4.125"
  } else if (typeof value === 'string') {
    text = value.trim()
  } else {
    return null
  }
  const match = new RegExp(`^(\\d{1,3})(?:\\.(\\d{1,${RATE_SCALE}}))?$`).exec(text)
  if (!match) return null
  const scaled = BigInt(match[1]) * RATE_UNIT + BigInt((match[2] ?? '').padEnd(RATE_SCALE, '0'))
  return scaled > MAX_RATE ? null : scaled
}

/** Thousandths of a percent → "4.125" (always 3 decimals, the column's scale). */
export function formatRate(scaled: bigint): string {
  return `${scaled / RATE_UNIT}.${(scaled % RATE_UNIT).toString().padStart(RATE_SCALE, '0')}`
}

/** A rate string or number that must be valid (a stored or validated rate). */
function scaledRate(value: string | number): bigint {
  const scaled = parseRate(value)
  if (scaled === null) throw new InvalidAmountError(value, 'a rate (0–100, ≤ 3 decimals)')
  return scaled
}

/** rate as a percent string ("4.125"); result in cents, half-up. */
export function interestCents(amountCents: bigint, ratePercent: string, days: number): bigint {
  if (days <= 0 || amountCents <= 0n) return 0n
  // amount × (rate / 1000) % × days / 365, one integer division at the end.
  const rate = scaledRate(ratePercent)
  return divRoundHalfUp(amountCents * rate * BigInt(days), 100n * RATE_UNIT * 365n)
}

export function daysBetween(from: string, to: string): number {
  const a = DateTime.fromISO(from, { zone: 'utc' })
  const b = DateTime.fromISO(to, { zone: 'utc' })
  return Math.round(b.diff(a, 'days').days)
}

/**
 * Interest over a delay that may span several calendar years, each with its own rate:
 * Σ amount × rate(year) × days in that year ÷ 365, rounded once at the end.
 */
export function lateInterestCents(
  amountCents: bigint,
  dueDate: string,
  asOf: string,
  rateOfYear: (year: number) => string
): bigint {
  if (amountCents <= 0n || asOf <= dueDate) return 0n
  const first = DateTime.fromISO(dueDate, { zone: 'utc' }).plus({ days: 1 })
  const last = DateTime.fromISO(asOf, { zone: 'utc' })
  let numerator = 0n
  for (let year = first.year; year <= last.year; year++) {
    const start = year === first.year ? first : DateTime.utc(year, 1, 1)
    const end = year === last.year ? last : DateTime.utc(year, 12, 31)
    const days = Math.round(end.diff(start, 'days').days) + 1
    if (days > 0) numerator += amountCents * scaledRate(rateOfYear(year)) * BigInt(days)
  }
  return divRoundHalfUp(numerator, 100n * RATE_UNIT * 365n)
}
