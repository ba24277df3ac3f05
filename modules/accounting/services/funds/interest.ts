import { DateTime } from 'luxon'
import { divRoundHalfUp, toScaled } from '#services/money'

/*
| Late interest = amount × rate × days late ÷ 365 (SPEC §6), the rate being the one of
| each calendar year the delay runs through (legal rate, configurable per year). Days
| are counted from the day after the due date up to `asOf` included.
*/

export const DEFAULT_INTEREST_RATE = '4.50'

/** rate as a percent string ("4.50"); result in cents, half-up. */
export function interestCents(amountCents: bigint, ratePercent: string, days: number): bigint {
  if (days <= 0 || amountCents <= 0n) return 0n
  // rate scaled by 1000 (3 decimals) → numerator / (100 × 1000 × 365)
  const rate = toScaled(ratePercent, 3)
  return divRoundHalfUp(amountCents * rate * BigInt(days), 100n * 1000n * 365n)
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
  rateOf: (year: number) => string
): bigint {
  if (amountCents <= 0n || asOf <= dueDate) return 0n
  const first = DateTime.fromISO(dueDate, { zone: 'utc' }).plus({ days: 1 })
  const last = DateTime.fromISO(asOf, { zone: 'utc' })
  let numerator = 0n
  for (let year = first.year; year <= last.year; year++) {
    const start = year === first.year ? first : DateTime.utc(year, 1, 1)
    const end = year === last.year ? last : DateTime.utc(year, 12, 31)
    const days = Math.round(end.diff(start, 'days').days) + 1
    if (days > 0) numerator += amountCents * toScaled(rateOf(year), 3) * BigInt(days)
  }
  return divRoundHalfUp(numerator, 100n * 1000n * 365n)
}
