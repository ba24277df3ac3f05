import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import env from '#start/env'

/*
| AES-256-GCM for the provider tokens at rest. The key is derived from APP_KEY with
| HKDF-SHA256 and a purpose label, so it differs from every other key the app derives.
| Format: `v1.<iv b64url>.<tag b64url>.<ciphertext b64url>`.
*/
let cachedKey: Buffer | undefined

function key(): Buffer {
  if (!cachedKey) {
    const appKey = env.get('APP_KEY').release()
    cachedKey = Buffer.from(hkdfSync('sha256', appKey, 'vme-iot', 'iot.provider_tokens.v1', 32))
  }
  return cachedKey
}

export function encryptToken(plain: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key(), iv)
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  const tag = cipher.getAuthTag()
  return [
    'v1',
    iv.toString('base64url'),
    tag.toString('base64url'),
    data.toString('base64url'),
  ].join('.')
}

export function decryptToken(sealed: string): string {
  const [version, iv, tag, data] = sealed.split('.')
  if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('Unknown token format')
  const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([
    decipher.update(Buffer.from(data, 'base64url')),
    decipher.final(),
  ]).toString('utf8')
}
