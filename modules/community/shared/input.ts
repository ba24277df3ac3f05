import { DateTime } from 'luxon'
import { ApiError } from '#exceptions/api_error'
import { formatCents, parseCents } from '#services/money'

/** An ISO 8601 timestamp (with offset or Z) → DateTime in UTC, else a 422 on `field`. */
export function parseTimestamp(value: unknown, field: string): DateTime {
  const dt = typeof value === 'string' ? DateTime.fromISO(value, { setZone: true }) : null
  if (!dt || !dt.isValid) throw ApiError.validation(field, `${field} must be an ISO 8601 timestamp`)
  return dt.toUTC()
}

export function optionalTimestamp(value: unknown, field: string): DateTime | null {
  if (value === undefined || value === null || value === '') return null
  return parseTimestamp(value, field)
}

export function parseDate(value: unknown, field: string): string {
  const dt = typeof value === 'string' ? DateTime.fromFormat(value, 'yyyy-MM-dd') : null
  if (!dt || !dt.isValid) throw ApiError.validation(field, `${field} must be a date (YYYY-MM-DD)`)
  return value as string
}

/**
 * Money input: a number or a decimal string with at most 2 decimals. Returns the
 * normalised string ("12.50") or null when absent/null.
 */
export function parseMoney(
  value: unknown,
  field: string,
  opts: { min?: number; exclusiveMin?: number; max?: number } = {}
): string | null {
  if (value === undefined || value === null) return null
  const cents = parseCents(value, { allowNegative: true, integerDigits: 12 })
  if (cents === null) {
    throw ApiError.validation(field, `${field} must be an amount with at most 2 decimals`)
  }
  // Bounds are whole amounts (limits of the columns and the SPEC), compared in cents.
  const bound = (n: number) => BigInt(Math.round(n * 100))
  if (opts.min !== undefined && cents < bound(opts.min))
    throw ApiError.validation(field, `${field} must be ≥ ${opts.min}`)
  if (opts.exclusiveMin !== undefined && cents <= bound(opts.exclusiveMin))
    throw ApiError.validation(field, `${field} must be > ${opts.exclusiveMin}`)
  if (opts.max !== undefined && cents > bound(opts.max))
    throw ApiError.validation(field, `${field} must be ≤ ${opts.max}`)
  return formatCents(cents)
}

/** Collects several field errors into one 422 (SPEC: one entry per bad field). */
export class FieldErrors {
  #entries: { code: string; message: string; field: string }[] = []

  add(field: string, message: string) {
    this.#entries.push({ code: 'E_VALIDATION', message, field })
  }

  try(fn: () => void) {
    try {
      fn()
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        for (const e of error.entries) this.add(e.field ?? '', e.message)
      } else throw error
    }
  }

  throwIfAny() {
    if (!this.#entries.length) return
    const [first, ...rest] = this.#entries
    throw new ApiError(422, first.code, first.message, first.field, rest)
  }
}
