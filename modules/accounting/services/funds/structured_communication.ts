import { randomInt } from 'node:crypto'

/*
| Belgian structured communication (OGM/VCS): 10 digits + 2 check digits = the 10
| digits mod 97 (97 when the remainder is 0), printed +++123/4567/89012+++.
*/

export function checkDigits(base: string): string {
  if (!/^\d{10}$/.test(base))
    throw new Error('The base of a structured communication has 10 digits')
  const rest = Number(BigInt(base) % 97n)
  return String(rest === 0 ? 97 : rest).padStart(2, '0')
}

export function makeStructuredCommunication(base: string): string {
  return base + checkDigits(base)
}

/** 12 digits (any +, /, spaces ignored) with a valid check. */
export function isValidStructuredCommunication(value: string): boolean {
  const digits = value.replace(/[+/\s]/g, '')
  if (!/^\d{12}$/.test(digits)) return false
  return checkDigits(digits.slice(0, 10)) === digits.slice(10)
}

/** "123456789002" → "+++123/4567/89002+++" */
export function formatStructuredCommunication(digits: string): string {
  return `+++${digits.slice(0, 3)}/${digits.slice(3, 7)}/${digits.slice(7, 12)}+++`
}

/** A fresh random communication (10 random digits, first one non-zero for readability). */
export function randomStructuredCommunication(): string {
  const base = String(randomInt(1, 10)) + String(randomInt(0, 1_000_000_000)).padStart(9, '0')
  return makeStructuredCommunication(base)
}
