/*
| Money in integer cents (BigInt): parsing, formatting, half-up rounding. No float
| ever touches an amount (SPEC §2: decimal strings, half-up to the cent).
*/

/** "1500", "1500.5", "1500.50", 1500.5 → 150050n. More than 2 decimals round half-up. */
export function toCents(value: string | number | bigint | null | undefined): bigint {
  if (value === null || value === undefined || value === '') return 0n
  if (typeof value === 'bigint') return value * 100n
  const text = typeof value === 'number' ? numberToPlain(value) : value.trim()
  const match = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(text)
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    throw new Error(`Not a decimal amount: ${String(value)}`)
  }
  const negative = match[1] === '-'
  const whole = BigInt(match[2] || '0')
  const fraction = match[3] ?? ''
  let cents = whole * 100n + BigInt((fraction + '00').slice(0, 2))
  // Half-up on the third decimal (away from zero for negatives).
  if (fraction.length > 2 && Number(fraction[2]) >= 5) cents += 1n
  return negative ? -cents : cents
}

function numberToPlain(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Not a finite amount: ${value}`)
  // toFixed(6) avoids exponent notation; the half-up step above looks at the 3rd decimal.
  return value.toFixed(6)
}

/** 150050n → "1500.50" */
export function fromCents(cents: bigint): string {
  const negative = cents < 0n
  const abs = negative ? -cents : cents
  const whole = abs / 100n
  const fraction = (abs % 100n).toString().padStart(2, '0')
  return `${negative ? '-' : ''}${whole}.${fraction}`
}

/** Normalises any accepted amount to the 2-decimal string the API returns. */
export function money(value: string | number | null | undefined): string {
  return fromCents(toCents(value ?? 0))
}

/** Round-half-up of numerator / denominator (denominator > 0), in BigInt. */
export function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new Error('denominator must be positive')
  const negative = numerator < 0n
  const abs = negative ? -numerator : numerator
  const q = (abs * 2n + denominator) / (2n * denominator)
  return negative ? -q : q
}

/** A decimal string with up to `scale` decimals → integer scaled by 10^scale. */
export function toScaled(value: string | number, scale: number): bigint {
  const text = typeof value === 'number' ? value.toFixed(scale) : value.trim()
  const match = /^(\d*)(?:\.(\d*))?$/.exec(text)
  if (!match) throw new Error(`Not a non-negative decimal: ${String(value)}`)
  const fraction = (match[2] ?? '').padEnd(scale, '0').slice(0, scale)
  return BigInt(match[1] || '0') * 10n ** BigInt(scale) + BigInt(fraction || '0')
}

export function sumCents(values: Iterable<bigint>): bigint {
  let total = 0n
  for (const v of values) total += v
  return total
}
