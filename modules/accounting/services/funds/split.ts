import { allocateCents, centsOf } from '#services/money'

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

/** The core largest-remainder allocation, under the name the funds code uses. */
export { allocateCents as splitCents }

export interface QuotaHolder {
  /** Unit quota (thousandths or whatever the building uses). */
  quota: number
  /** Owner's percentage of the unit as a decimal string, 2 decimals ("33.34"). */
  percentage: string
}

/**
 * Percentage → hundredths of a percent (BigInt): "33.34" → 3334n. Ownership percentages
 * are numeric(5,2) read from PostgreSQL, the same scale as cents: read them exactly.
 */
export function percentHundredths(percentage: string): bigint {
  return centsOf(percentage)
}

/** Splits an amount in cents by quota × percentage over a building of `totalQuota`. */
export function splitByQuota(
  totalCents: bigint,
  holders: QuotaHolder[],
  totalQuota: number
): bigint[] {
  const weights = holders.map((h) => BigInt(h.quota) * percentHundredths(h.percentage))
  return allocateCents(totalCents, weights, BigInt(totalQuota) * 10000n)
}
