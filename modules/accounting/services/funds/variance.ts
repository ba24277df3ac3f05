import { toCents } from '#services/money'

/*
| Budget variance (issue #7): (actual − budgeted) ÷ budgeted × 100, as a 2-decimal
| percent string, half-up; null when nothing was budgeted (no meaningful ratio).
*/
export function variancePercent(actual: string, budgeted: string): string | null {
  const b = toCents(budgeted)
  if (b === 0n) return null
  const a = toCents(actual)
  // percent with 2 decimals = (a − b) × 10000 ÷ b, rounded half-up away from zero
  const num = (a - b) * 10000n
  const neg = num < 0n !== b < 0n
  const absNum = num < 0n ? -num : num
  const absB = b < 0n ? -b : b
  const q = (absNum * 2n + absB) / (2n * absB)
  const v = neg ? -q : q
  const sign = v < 0n ? '-' : ''
  const abs = v < 0n ? -v : v
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`
}

/** Share of the budget consumed in percent (actual ÷ budgeted × 100), null when budgeted is 0. */
export function consumedPercent(actual: string, budgeted: string): string | null {
  const b = toCents(budgeted)
  if (b === 0n) return null
  const a = toCents(actual)
  const num = a * 10000n
  const neg = num < 0n
  const absNum = neg ? -num : num
  const q = (absNum * 2n + b) / (2n * b)
  const v = neg ? -q : q
  const abs = v < 0n ? -v : v
  return `${v < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`
}

/** Alert level reached by a line: 100 when over budget (> 100 %), 90 from 90 %, else 0. */
export function alertLevel(actual: string, budgeted: string): 0 | 90 | 100 {
  const b = toCents(budgeted)
  const a = toCents(actual)
  if (b === 0n) return a > 0n ? 100 : 0
  if (a * 100n > b * 100n) return 100
  if (a * 100n >= b * 90n) return 90
  return 0
}
