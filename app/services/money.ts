/*
| Money for the whole app (SPEC §2): amounts are decimal strings with 2 decimals
| ("1500.00"), counted in integer cents (BigInt) in between. No float ever holds an
| amount: parsing, rounding (half-up to the cent) and splitting are string/BigInt work.
|
| Three ways in, on purpose:
| - `parseCents`  strict input check (API payloads, Stripe): ≤ 2 decimals or null;
| - `toCents`     lenient amount, more than 2 decimals rounded half-up (throws on garbage);
| - `centsOf`     a numeric read back from PostgreSQL (exact, never more than 2 decimals).
*/

/** Largest amount numeric(14,2) holds, in cents. */
export const MAX_CENTS = 99_999_999_999_999n

export class InvalidAmountError extends Error {
  constructor(value: unknown, what = 'a decimal amount') {
    super(`Not ${what}: ${String(value)}`)
  }
}

export interface ParseCentsOptions {
  /** Accept a leading "-" (default false: amounts entered by users are ≥ 0). */
  allowNegative?: boolean
  /** At most this many digits before the decimal point (default 15, i.e. numeric(14,2)+). */
  integerDigits?: number
  /** Largest accepted absolute value in cents (default MAX_CENTS). */
  maxCents?: bigint
}

/**
 * Strict parse of an amount given as a number or a string ("1500", "1500.5", "1500.50")
 * into cents. Returns null when it is not a plain decimal with at most 2 decimals (so
 * "0.005", "1e3", "abc" and, unless allowed, "-5" are all refused rather than rounded).
 */
export function parseCents(value: unknown, options: ParseCentsOptions = {}): bigint | null {
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
  const digits = options.integerDigits ?? 15
  const match = new RegExp(`^(-?)(\\d{1,${digits}})(?:\\.(\\d{1,2}))?$`).exec(text)
  if (!match) return null
  if (match[1] === '-' && !options.allowNegative) return null
  const cents = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'))
  if (cents > (options.maxCents ?? MAX_CENTS)) return null
  return match[1] === '-' ? -cents : cents
}

/**
 * Lenient amount → cents: "1500", "1500.5", "+3", ".5", 1500.5, 15n (whole euros). More
 * than 2 decimals round half-up on the third decimal, away from zero for negatives
 * ("1.005" → 101n, "-0.005" → -1n). null, undefined and "" are 0. Throws
 * InvalidAmountError on anything else.
 */
export function toCents(value: string | number | bigint | null | undefined): bigint {
  if (value === null || value === undefined || value === '') return 0n
  if (typeof value === 'bigint') return value * 100n
  const text = typeof value === 'number' ? numberToPlain(value) : value.trim()
  const match = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(text)
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) throw new InvalidAmountError(value)
  const fraction = match[3] ?? ''
  let cents = BigInt(match[2] || '0') * 100n + BigInt((fraction + '00').slice(0, 2))
  if (fraction.length > 2 && fraction.charCodeAt(2) >= 53 /* '5' */) cents += 1n
  return match[1] === '-' ? -cents : cents
}

function numberToPlain(value: number): string {
  if (!Number.isFinite(value)) throw new InvalidAmountError(value, 'a finite amount')
  // toFixed(6) avoids exponent notation below 1e21; the half-up step looks at the 3rd decimal.
  return value.toFixed(6)
}

/**
 * Like `toCents` for a plain decimal ("12", "-12.345", 12.5), but null instead of an
 * error, and null for null/undefined/"" (an absent amount stays absent).
 */
export function toCentsOrNull(value: unknown): bigint | null {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'string' && !/^-?\d+(?:\.\d+)?$/.test(value.trim())) return null
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint') {
    return null
  }
  try {
    return toCents(value)
  } catch {
    return null
  }
}

/**
 * A numeric read from PostgreSQL ("12.5", "-3", "0.00", or a sum of them) → cents.
 * numeric(14,2) columns and their sums never have more than 2 decimals; extra digits
 * (an average, say) are cut, not rounded. null/undefined are 0; garbage throws.
 */
export function centsOf(dbValue: string | number | bigint | null | undefined): bigint {
  if (dbValue === null || dbValue === undefined) return 0n
  const text = String(dbValue)
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text)
  if (!match) throw new InvalidAmountError(text, 'a decimal')
  const cents = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0').slice(0, 2))
  return match[1] === '-' ? -cents : cents
}

/** Cents → "1234.50" (negative values keep their sign: -5n → "-0.05"). */
export function formatCents(cents: bigint): string {
  const negative = cents < 0n
  const abs = negative ? -cents : cents
  const fraction = (abs % 100n).toString().padStart(2, '0')
  return `${negative ? '-' : ''}${abs / 100n}.${fraction}`
}

/** Alias of `formatCents` (the accounting code reads better as toCents/fromCents). */
export const fromCents = formatCents

/** Any accepted amount (see `toCents`) as the 2-decimal string the API returns. */
export function money(value: string | number | bigint | null | undefined): string {
  return formatCents(toCents(value ?? 0))
}

/** A numeric from the database (see `centsOf`) as a 2-decimal string. */
export function moneyOf(dbValue: string | number | bigint | null | undefined): string {
  return formatCents(centsOf(dbValue))
}

/** Like `money`, but null stays null and garbage gives null (optional amounts). */
export function moneyOrNull(value: unknown): string | null {
  const cents = toCentsOrNull(value)
  return cents === null ? null : formatCents(cents)
}

export function addCents(...values: bigint[]): bigint {
  return sumCents(values)
}

export function subtractCents(a: bigint, b: bigint): bigint {
  return a - b
}

export function sumCents(values: Iterable<bigint>): bigint {
  let total = 0n
  for (const value of values) total += value
  return total
}

/** -1, 0 or 1 (a comparator for `sort`). */
export function compareCents(a: bigint, b: bigint): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Round-half-up (away from zero) of numerator ÷ denominator (denominator > 0). */
export function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new Error('denominator must be positive')
  const negative = numerator < 0n
  const abs = negative ? -numerator : numerator
  const quotient = (abs * 2n + denominator) / (2n * denominator)
  return negative ? -quotient : quotient
}

/**
 * A non-negative decimal with up to `scale` decimals → integer scaled by 10^scale
 * ("4.5", 4 → 45000n); further decimals are cut. Rates and quantities, not amounts.
 */
export function toScaled(value: string | number, scale: number): bigint {
  // A number is read as its shortest decimal form (4.125 → "4.125"), never rounded through toFixed.
  const text = typeof value === 'number' ? String(value) : value.trim()
  const match = /^(\d*)(?:\.(\d*))?$/.exec(text)
  if (!match) throw new InvalidAmountError(value, 'a non-negative decimal')
  const fraction = (match[2] ?? '').padEnd(scale, '0').slice(0, scale)
  return BigInt(match[1] || '0') * 10n ** BigInt(scale) + BigInt(fraction || '0')
}

/**
 * Distributes `totalCents` over `weights` (each part = total × w ÷ denominator) by the
 * largest-remainder method (SPEC §2): parts are floors or floors + 1 cent and sum to
 * round-half-up(total × Σw ÷ denominator), the total itself when Σw = denominator.
 * Equal remainders: the extra cent goes to the LATER parts (10.00 over three equal lots
 * → 3.33 / 3.33 / 3.34, "the last lot absorbs the rounding").
 */
export function allocateCents(
  totalCents: bigint,
  weights: bigint[],
  denominator: bigint
): bigint[] {
  if (denominator <= 0n) throw new Error('denominator must be positive')
  if (totalCents < 0n) throw new Error('total must not be negative')
  const numerators = weights.map((w) => {
    if (w < 0n) throw new Error('weights must not be negative')
    return totalCents * w
  })
  const parts = numerators.map((n) => n / denominator)
  const remainders = numerators.map((n) => n % denominator)
  const target = divRoundHalfUp(sumCents(numerators), denominator)
  let extra = target - sumCents(parts)
  const order = parts
    .map((_, index) => index)
    .sort((a, b) => {
      if (remainders[a] !== remainders[b]) return remainders[a] > remainders[b] ? -1 : 1
      return b - a
    })
  for (const index of order) {
    if (extra <= 0n) break
    if (remainders[index] === 0n && weights[index] === 0n) continue
    parts[index] += 1n
    extra -= 1n
  }
  return parts
}
