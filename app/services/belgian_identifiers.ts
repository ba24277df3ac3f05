/*
| Belgian identifiers: enterprise number (BCE/KBO) and IBAN. Pure functions, used by
| the validators (normalise + check) and by anything else that needs them.
*/

/** mod 97 of a (possibly very long) digit string, without BigInt. */
function mod97(digits: string): number {
  let rest = 0
  for (let i = 0; i < digits.length; i += 7) {
    rest = Number(String(rest) + digits.slice(i, i + 7)) % 97
  }
  return rest
}

/**
 * Normalises a BCE enterprise number to its official notation `0123.456.789`, or
 * returns null when it is not one. Accepts `0123.456.789`, `0123456789`, with an
 * optional `BE` prefix and spaces. The check: 97 − (first 8 digits mod 97) = last 2.
 */
export function normaliseEnterpriseNumber(input: string): string | null {
  let value = input.trim().toUpperCase().replace(/\s+/g, '')
  if (value.startsWith('BE')) value = value.slice(2)
  if (!/^\d{10}$/.test(value) && !/^\d{4}\.\d{3}\.\d{3}$/.test(value)) return null
  const digits = value.replace(/\./g, '')
  // Enterprise numbers start with 0 or 1 (establishment units start with 2–8).
  if (!/^[01]/.test(digits)) return null
  const body = Number(digits.slice(0, 8))
  const check = Number(digits.slice(8))
  if (97 - (body % 97) !== check) return null
  return `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`
}

export function isValidEnterpriseNumber(input: string): boolean {
  return normaliseEnterpriseNumber(input) !== null
}

/** IBAN lengths of SEPA countries (an unknown country is checked on the generic shape only). */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24,
  AT: 20,
  BE: 16,
  BG: 22,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  EE: 20,
  ES: 24,
  FI: 18,
  FR: 27,
  GB: 22,
  GI: 23,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IS: 26,
  IT: 27,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MT: 31,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  RO: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  VA: 22,
}

/** Normalises an IBAN (no spaces, uppercase) or returns null when the checksum fails. */
export function normaliseIban(input: string): string | null {
  const iban = input.replace(/[\s-]+/g, '').toUpperCase()
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return null
  const expected = IBAN_LENGTHS[iban.slice(0, 2)]
  if (expected !== undefined && iban.length !== expected) return null
  // ISO 13616: move the first four characters to the end, letters → 10..35, mod 97 = 1.
  const rearranged = iban.slice(4) + iban.slice(0, 4)
  const digits = rearranged.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55))
  return mod97(digits) === 1 ? iban : null
}

export function isValidIban(input: string): boolean {
  return normaliseIban(input) !== null
}
