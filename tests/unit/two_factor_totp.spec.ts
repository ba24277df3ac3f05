import { test } from '@japa/runner'
import { generate, stringToBytes } from 'otplib'
import { ScureBase32Plugin } from 'otplib'
import {
  matchTotp,
  newTotpSecret,
  otpauthUrl,
  totpAt,
  TOTP_SETTINGS,
} from '#services/two_factor_totp'
import {
  decryptSecret,
  encryptSecret,
  parseTwoFactorKey,
  TwoFactorKeyError,
} from '#services/two_factor_crypto'
import { hashBackupCode } from '#services/two_factor_service'

/** RFC 6238 appendix B, SHA-1 column: time (s) → 8-digit TOTP for "12345678901234567890". */
const RFC6238_SHA1: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
]
const RFC_SECRET = stringToBytes('12345678901234567890')

test.group('TOTP (RFC 6238)', () => {
  test('appendix B SHA-1 vectors with 8 digits ({0})')
    .with(RFC6238_SHA1)
    .run(async ({ assert }, [epoch, expected]) => {
      const code = await generate({
        secret: RFC_SECRET,
        epoch,
        algorithm: 'sha1',
        digits: 8,
        period: 30,
      })
      assert.equal(code, expected)
    })

  test('our 6-digit configuration is the last 6 digits of the vectors', async ({ assert }) => {
    // A 6-digit HOTP is the 8-digit value mod 10^6 (RFC 4226 §5.3).
    const secret = new ScureBase32Plugin().encode(RFC_SECRET)
    for (const [epoch, expected] of RFC6238_SHA1) {
      assert.equal(await totpAt(secret, epoch), expected.slice(2))
    }
    assert.deepEqual(TOTP_SETTINGS, { algorithm: 'sha1', digits: 6, period: 30 })
  })

  test('±1 step accepted (±30 s), ±2 steps refused', async ({ assert }) => {
    const secret = newTotpSecret()
    const now = 1_800_000_015 // 15 s into a step
    const step = Math.floor(now / 30)
    const codeAt = (offsetSteps: number) => totpAt(secret, now + offsetSteps * 30)
    assert.equal(await matchTotp(secret, await codeAt(0), { epochSeconds: now }), step)
    assert.equal(await matchTotp(secret, await codeAt(-1), { epochSeconds: now }), step - 1)
    assert.equal(await matchTotp(secret, await codeAt(1), { epochSeconds: now }), step + 1)
    assert.isNull(await matchTotp(secret, await codeAt(-2), { epochSeconds: now }))
    assert.isNull(await matchTotp(secret, await codeAt(2), { epochSeconds: now }))
  })

  test('replay: a step at or before the last accepted one is refused', async ({ assert }) => {
    const secret = newTotpSecret()
    const now = 1_800_000_015
    const step = Math.floor(now / 30)
    const code = await totpAt(secret, now)
    assert.isNull(await matchTotp(secret, code, { epochSeconds: now, afterTimeStep: step }))
    const previous = await totpAt(secret, now - 30)
    assert.isNull(await matchTotp(secret, previous, { epochSeconds: now, afterTimeStep: step }))
    const next = await totpAt(secret, now + 30)
    assert.equal(
      await matchTotp(secret, next, { epochSeconds: now, afterTimeStep: step }),
      step + 1
    )
  })

  test('malformed codes are refused without throwing', async ({ assert }) => {
    const secret = newTotpSecret()
    for (const bad of ['', '12345', '1234567', 'abcdef', '12 345', "' OR 1=1"]) {
      assert.isNull(await matchTotp(secret, bad))
    }
  })

  test('secret is 20 random bytes in base32; otpauth URL carries the settings', ({ assert }) => {
    const secret = newTotpSecret()
    assert.equal(new ScureBase32Plugin().decode(secret).length, 20)
    assert.notEqual(secret, newTotpSecret())
    const url = otpauthUrl(secret, 'alice@example.test')
    assert.match(url, /^otpauth:\/\/totp\//)
    assert.include(url, `secret=${secret}`)
    assert.include(url, 'issuer=VME')
    // otplib leaves the defaults (SHA1, 6 digits, 30 s) out of the URI, as apps assume them.
    assert.notMatch(url, /digits=(?!6)|period=(?!30)|algorithm=(?!SHA1)/i)
  })
})

test.group('2FA secrets at rest (AES-256-GCM)', () => {
  test('round trip, random IV, tamper detected', ({ assert }) => {
    const key = parseTwoFactorKey(Buffer.alloc(32, 7).toString('base64'))
    const a = encryptSecret('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', key)
    const b = encryptSecret('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', key)
    assert.notEqual(a, b)
    assert.notInclude(a, 'JBSWY3DP')
    assert.equal(decryptSecret(a, key), 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')
    assert.equal(Buffer.from(a, 'base64').length, 12 + 16 + 32)
    const tampered = Buffer.from(a, 'base64')
    tampered[tampered.length - 1] ^= 1
    assert.throws(() => decryptSecret(tampered.toString('base64'), key))
    const otherKey = parseTwoFactorKey('ab'.repeat(32))
    assert.throws(() => decryptSecret(a, otherKey))
  })

  test('key: 32 bytes base64 or hex; missing or wrong length refused clearly', ({ assert }) => {
    assert.equal(parseTwoFactorKey('00'.repeat(32)).length, 32)
    assert.equal(parseTwoFactorKey(Buffer.alloc(32, 1).toString('base64')).length, 32)
    assert.throws(() => parseTwoFactorKey(undefined), /TWO_FACTOR_KEY is missing/)
    assert.throws(() => parseTwoFactorKey(''), TwoFactorKeyError)
    assert.throws(() => parseTwoFactorKey('00'.repeat(16)), /exactly 32 bytes/)
    assert.throws(
      () => parseTwoFactorKey(Buffer.alloc(24).toString('base64')),
      /exactly 32 bytes.*got 24 bytes/
    )
    assert.throws(() => parseTwoFactorKey('not a key!'), /exactly 32 bytes/)
  })

  test('backup codes hash to SHA-256 hex, insensitive to case and dashes', ({ assert }) => {
    assert.match(hashBackupCode('abcde-fghjk'), /^[0-9a-f]{64}$/)
    assert.equal(hashBackupCode('ABCDE-FGHJK'), hashBackupCode('abcdefghjk'))
  })
})
