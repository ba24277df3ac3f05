import { divRoundHalfUp } from './money.js'

/*
| The split rule (SPEC §6): owner amount = total × unit quota ÷ building total quota ×
| owner's percentage ÷ 100, to the cent, parts summing exactly to the (rounded) total by
| the largest-remainder method. Everything in BigInt: a share is numerator ÷ denominator
| with one common denominator, so remainders compare exactly.
|
| Ties (equal remainders) are broken in a stable order: the parts are given in the
| document order (lot number, then owner), and among equal remainders the extra cent
| goes to the LAST ones: 10.00 over three equal lots → 3.33 / 3.33 / 3.34, the usual
| "the last lot absorbs the rounding" practice of Belgian syndics.
*/

export interface SplitShare {
  /** Weight numerator; the part is total × weight ÷ denominator. */
  weight: bigint
}

/**
 * Distributes `totalCents` over `weights` (each part = total × w ÷ denominator) so that
 * parts are floors or floors + 1 cent and sum to round-half-up(total × Σw ÷ denominator),
 * which is the total itself when the weights cover the whole (Σw = denominator).
 */
export function splitCents(totalCents: bigint, weights: bigint[], denominator: bigint): bigint[] {
  if (denominator <= 0n) throw new Error('denominator must be positive')
  if (totalCents < 0n) throw new Error('total must not be negative')
  const numerators = weights.map((w) => {
    if (w < 0n) throw new Error('weights must not be negative')
    return totalCents * w
  })
  const parts = numerators.map((n) => n / denominator)
  const remainders = numerators.map((n) => n % denominator)
  const exactSum = numerators.reduce((a, b) => a + b, 0n)
  const target = divRoundHalfUp(exactSum, denominator)
  let extra = target - parts.reduce((a, b) => a + b, 0n)
  const order = parts
    .map((_, index) => index)
    .sort((a, b) => {
      if (remainders[a] !== remainders[b]) return remainders[a] > remainders[b] ? -1 : 1
      return b - a // equal remainders: the later part first (stable, documented above)
    })
  for (const index of order) {
    if (extra <= 0n) break
    if (remainders[index] === 0n && weights[index] === 0n) continue
    parts[index] += 1n
    extra -= 1n
  }
  return parts
}

export interface QuotaHolder {
  /** Unit quota (thousandths or whatever the building uses). */
  quota: number
  /** Owner's percentage of the unit as a decimal string, 2 decimals ("33.34"). */
  percentage: string
}

/** Percentage string → hundredths of a percent (BigInt): "33.34" → 3334n. */
export function percentHundredths(percentage: string | number): bigint {
  const text = typeof percentage === 'number' ? percentage.toFixed(2) : percentage.trim()
  const match = /^(\d+)(?:\.(\d{0,2})\d*)?$/.exec(text)
  if (!match) throw new Error(`Not a percentage: ${String(percentage)}`)
  return BigInt(match[1]) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'))
}

/** Splits an amount in cents by quota × percentage over a building of `totalQuota`. */
export function splitByQuota(
  totalCents: bigint,
  holders: QuotaHolder[],
  totalQuota: number
): bigint[] {
  const weights = holders.map((h) => BigInt(h.quota) * percentHundredths(h.percentage))
  return splitCents(totalCents, weights, BigInt(totalQuota) * 10000n)
}
