/*
| Money in the ledger is counted in integer cents (BigInt), never in floats: the
| balance rule is "to the cent" and 0.1 + 0.2 must not be 0.30000000000000004.
*/

/** Largest amount numeric(14,2) holds, in cents. */
export const MAX_CENTS = 99_999_999_999_999n

/**
 * Parses an amount given as a number or a string ("1500", "1500.5", "1500.50") into
 * cents. Returns null when it is not a plain non-negative decimal with ≤ 2 decimals.
 */
export function parseCents(value: unknown): bigint | null {
  let text: string
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null
    // A JSON number like 12.1 is meant as 12.10; toFixed(2) would hide 12.105.
    text = String(value)
    if (/e/i.test(text)) return null
  } else if (typeof value === 'string') {
    text = value.trim()
  } else {
    return null
  }
  const match = /^(-?)(\d{1,15})(?:\.(\d{1,2}))?$/.exec(text)
  if (!match) return null
  if (match[1] === '-') {
    return null
  }
  const cents = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'))
  return cents > MAX_CENTS ? null : cents
}

/** Cents → "1234.50" (negative values keep their sign). */
export function formatCents(cents: bigint): string {
  const negative = cents < 0n
  const abs = negative ? -cents : cents
  const units = abs / 100n
  const rest = (abs % 100n).toString().padStart(2, '0')
  return `${negative ? '-' : ''}${units}.${rest}`
}

/** A numeric string from PostgreSQL ("12.5", "-3", "0.00") → cents. */
export function centsOf(dbValue: string | number | null | undefined): bigint {
  if (dbValue === null || dbValue === undefined) return 0n
  const text = String(dbValue)
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text)
  if (!match) throw new Error(`Not a decimal: ${text}`)
  const frac = (match[3] ?? '').padEnd(2, '0')
  // Values from numeric(14,2) columns and their sums never have more than 2 decimals.
  const cents = BigInt(match[2]) * 100n + BigInt(frac.slice(0, 2))
  return match[1] === '-' ? -cents : cents
}

/** Normalises a decimal string from the database to exactly 2 decimals. */
export function money(dbValue: string | number | null | undefined): string {
  return formatCents(centsOf(dbValue))
}
