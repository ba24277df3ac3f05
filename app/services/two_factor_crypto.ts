import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import env from '#start/env'

/*
| TOTP secrets at rest (SPEC §4): AES-256-GCM, key from TWO_FACTOR_KEY (32 bytes as
| base64 or hex), a random 12-byte IV per secret. Stored as base64(iv ‖ tag ‖ data) in
| users.two_factor_secret. The key is checked at boot (start/routes/two_factor.ts):
| in production a missing or malformed key stops the process with a clear message.
*/

export class TwoFactorKeyError extends Error {}

/** Parses a 32-byte key written as hex (64 chars) or base64 (44 chars with padding). */
export function parseTwoFactorKey(raw: string | undefined | null): Buffer {
  const value = (raw ?? '').trim()
  if (!value) {
    throw new TwoFactorKeyError(
      'TWO_FACTOR_KEY is missing: set it to 32 random bytes in base64 or hex (openssl rand -base64 32)'
    )
  }
  let key: Buffer | null = null
  if (/^[0-9a-fA-F]{64}$/.test(value)) key = Buffer.from(value, 'hex')
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) key = Buffer.from(value, 'base64')
  if (!key || key.length !== 32) {
    throw new TwoFactorKeyError(
      `TWO_FACTOR_KEY must be exactly 32 bytes (base64 or hex); got ${key?.length ?? 0} bytes`
    )
  }
  return key
}

let cached: Buffer | null = null

/**
 * The key. Outside production a missing key falls back to one derived from APP_KEY
 * (so a fresh checkout works), with a warning; a malformed key is refused everywhere.
 */
export function twoFactorKey(): Buffer {
  if (cached) return cached
  const raw = env.get('TWO_FACTOR_KEY')
  if ((raw ?? '').trim() || app.inProduction) {
    cached = parseTwoFactorKey(raw)
  } else {
    console.warn('TWO_FACTOR_KEY is not set: using a key derived from APP_KEY (development only)')
    cached = createHash('sha256')
      .update(`two-factor:${env.get('APP_KEY').release()}`)
      .digest()
  }
  return cached
}

/** Boot check; throws a TwoFactorKeyError with a clear message. */
export function assertTwoFactorKey() {
  twoFactorKey()
}

const IV_BYTES = 12
const TAG_BYTES = 16

export function encryptSecret(plain: string, key = twoFactorKey()): string {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64')
}

export function decryptSecret(stored: string, key = twoFactorKey()): string {
  const buf = Buffer.from(stored, 'base64')
  const iv = buf.subarray(0, IV_BYTES)
  const tag = buf.subarray(IV_BYTES, IV_BYTES + TAG_BYTES)
  const decipher = createDecipheriv('aes-256-gcm', key, iv)
  decipher.setAuthTag(tag)
  return Buffer.concat([
    decipher.update(buf.subarray(IV_BYTES + TAG_BYTES)),
    decipher.final(),
  ]).toString('utf8')
}
