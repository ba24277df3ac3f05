import { test } from '@japa/runner'
/* eslint-disable @unicorn/no-await-expression-member -- tests read answers inline */
import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import type { ApiClient } from '@japa/api-client'
import { signupOrg, STRONG_PASSWORD, uniq, type TestOrg } from '#tests/helpers/api'
import { addMember } from '#tests/functional/buildings/helpers'
import { totpAt } from '#services/two_factor_totp'
import { decryptSecret } from '#services/two_factor_crypto'
import { failureState } from '#services/two_factor_service'
import { jsonOf, SessionClient } from '#tests/functional/security/session_client'

/*
| SPEC §4 end to end over HTTP: enrolment, login enforcement, replay, backup codes,
| regeneration, disable, admin revocation, the Redis limiter, require2fa, audit.
*/

const now = () => Math.floor(Date.now() / 1000)
/** Codes of the previous, current and next step: three distinct codes usable in order. */
const codeAt = (secret: string, offsetSteps = 0) => totpAt(secret, now() + offsetSteps * 30)

/** Test fixture shortcut: forget the last used step so the current code is usable again. */
async function forgetLastStep(userId: string) {
  await db.connection('owner').from('users').where('id', userId).update({
    two_factor_last_step: null,
  })
}

async function auditActions(userId: string) {
  const rows = await db
    .connection('owner')
    .from('audit_logs')
    .where('subject_id', userId)
    .orderBy('created_at', 'asc')
    .select('action', 'organisation_id', 'metadata')
  return rows as { action: string; organisation_id: string | null; metadata: any }[]
}

async function tokenCount(userId: string) {
  const row = await db
    .connection('owner')
    .from('auth_access_tokens')
    .where('tokenable_id', userId)
    .count('* as n')
    .first()
  return Number(row?.n ?? 0)
}

/** Enrols the org's admin: returns the base32 secret and the 10 backup codes. */
async function enrol(client: ApiClient, token: string) {
  const enable = await client.post('/api/v1/auth/2fa/enable').bearerToken(token)
  enable.assertStatus(200)
  const secret: string = enable.body().secret
  const verify = await client
    .post('/api/v1/auth/2fa/verify')
    .bearerToken(token)
    .json({ code: await codeAt(secret, -1) })
  verify.assertStatus(200)
  return { secret, backupCodes: verify.body().backupCodes as string[] }
}

function login(client: ApiClient, org: { email: string }, otp?: string) {
  return client
    .post('/api/v1/auth/login')
    .json({ email: org.email, password: STRONG_PASSWORD, ...(otp !== undefined ? { otp } : {}) })
}

test.group('2FA: enrolment', () => {
  test('enable returns secret, otpauth URL and a PNG QR code; the secret is stored encrypted', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const res = await client.post('/api/v1/auth/2fa/enable').bearerToken(org.token)
    res.assertStatus(200)
    const { secret, otpauthUrl, qrCode } = res.body()
    assert.match(secret, /^[A-Z2-7]{32}$/) // 20 bytes in base32
    assert.match(otpauthUrl, /^otpauth:\/\/totp\/.+secret=/)
    assert.match(qrCode, /^data:image\/png;base64,/)
    const png = Buffer.from(qrCode.split(',')[1], 'base64')
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

    const row = await db.connection('owner').from('users').where('id', org.userId).first()
    assert.notInclude(row.two_factor_secret, secret)
    assert.equal(decryptSecret(row.two_factor_secret), secret)
    assert.isNull(row.two_factor_enabled_at)

    // Pending: not enabled yet, login still works without a code.
    const me = await client.get('/api/v1/me').bearerToken(org.token)
    assert.isFalse(me.body().twoFactorEnabled)
    ;(await login(client, org)).assertStatus(200)
  })

  test('verify activates with 10 single-use backup codes stored as SHA-256; /me says enabled', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const enable = await client.post('/api/v1/auth/2fa/enable').bearerToken(org.token)
    const secret = enable.body().secret

    const wrong = await client
      .post('/api/v1/auth/2fa/verify')
      .bearerToken(org.token)
      .json({ code: (Number(await codeAt(secret)) + 1).toString().padStart(6, '0').slice(-6) })
    wrong.assertStatus(422)
    assert.equal(wrong.body().errors[0].code, 'E_2FA_INVALID')
    assert.equal(wrong.body().errors[0].field, 'code')

    const bad = await client.post('/api/v1/auth/2fa/verify').bearerToken(org.token).json({})
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'code')

    const ok = await client
      .post('/api/v1/auth/2fa/verify')
      .bearerToken(org.token)
      .json({ code: await codeAt(secret) })
    ok.assertStatus(200)
    const codes: string[] = ok.body().backupCodes
    assert.lengthOf(codes, 10)
    assert.lengthOf(new Set(codes), 10)
    const rows = await db
      .connection('owner')
      .from('user_backup_codes')
      .where('user_id', org.userId)
      .select('code_hash')
    assert.lengthOf(rows, 10)
    const expected = codes.map((c) =>
      createHash('sha256').update(c.replace(/-/g, '')).digest('hex')
    )
    assert.sameMembers(
      rows.map((r: { code_hash: string }) => r.code_hash),
      expected
    )

    const me = await client.get('/api/v1/me').bearerToken(org.token)
    assert.isTrue(me.body().twoFactorEnabled)

    // Already on: enable again → 409; a later verify is a step-up check.
    const again = await client.post('/api/v1/auth/2fa/enable').bearerToken(org.token)
    again.assertStatus(409)
    assert.equal(again.body().errors[0].code, 'E_INVALID_STATE')
    const stepUp = await client
      .post('/api/v1/auth/2fa/verify')
      .bearerToken(org.token)
      .json({ code: await codeAt(secret, 1) })
    stepUp.assertStatus(200)
    assert.deepEqual(stepUp.body(), { verified: true })
  })

  test('verify without a pending enrolment → 409; endpoints need authentication', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const res = await client
      .post('/api/v1/auth/2fa/verify')
      .bearerToken(org.token)
      .json({ code: '123456' })
    res.assertStatus(409)
    assert.equal(res.body().errors[0].code, 'E_INVALID_STATE')
    for (const [method, path] of [
      ['post', '/api/v1/auth/2fa/enable'],
      ['post', '/api/v1/auth/2fa/verify'],
      ['post', '/api/v1/auth/2fa/disable'],
      ['get', '/api/v1/auth/2fa/backup-codes'],
      ['post', '/api/v1/auth/2fa/verify-backup'],
    ] as const) {
      const anon = await client[method](path)
      anon.assertStatus(401)
      assert.equal(anon.body().errors[0].code, 'E_UNAUTHORIZED')
    }
  })
})

test.group('2FA: login enforcement', () => {
  test('no otp → 401 E_2FA_REQUIRED without a token; wrong → E_2FA_INVALID; right → token; replay refused', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const { secret } = await enrol(client, org.token)
    const tokensBefore = await tokenCount(org.userId)

    const missing = await login(client, org)
    missing.assertStatus(401)
    assert.equal(missing.body().errors[0].code, 'E_2FA_REQUIRED')
    assert.notProperty(missing.body(), 'token')
    const wrong = await login(client, org, '000000')
    wrong.assertStatus(401)
    assert.equal(wrong.body().errors[0].code, 'E_2FA_INVALID')
    assert.equal(await tokenCount(org.userId), tokensBefore)

    // Wrong password with a right code: the password answer, no hint about 2FA.
    const badPassword = await client
      .post('/api/v1/auth/login')
      .json({ email: org.email, password: 'Wrong-password-123', otp: await codeAt(secret) })
    badPassword.assertStatus(401)
    assert.equal(badPassword.body().errors[0].code, 'E_INVALID_CREDENTIALS')

    const code = await codeAt(secret)
    const ok = await login(client, org, code)
    ok.assertStatus(200)
    assert.match(ok.body().token, /^vme_/)
    assert.equal(await tokenCount(org.userId), tokensBefore + 1)

    // The same code again (same window) is a replay; so is the previous step's code.
    const replay = await login(client, org, code)
    replay.assertStatus(401)
    assert.equal(replay.body().errors[0].code, 'E_2FA_INVALID')
    ;(await login(client, org, await codeAt(secret, -1))).assertStatus(401)
    // The next step's code (clock drift +30 s) is still accepted.
    ;(await login(client, org, await codeAt(secret, 1))).assertStatus(200)

    const actions = (await auditActions(org.userId)).map((a) => a.action)
    assert.includeMembers(actions, ['auth.2fa_enable', 'auth.2fa_verify', 'auth.2fa_failed'])
    const logins = (await auditActions(org.userId)).filter((a) => a.action === 'auth.login')
    assert.equal(logins.at(-1)!.metadata.secondFactor, 'totp')
  })

  test('a backup code logs in once (case and dash insensitive), then is dead', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const { backupCodes } = await enrol(client, org.token)
    const first = await login(client, org, backupCodes[0].toUpperCase())
    first.assertStatus(200)
    const again = await login(client, org, backupCodes[0].replace('-', ''))
    again.assertStatus(401)
    assert.equal(again.body().errors[0].code, 'E_2FA_INVALID')
    const used = (await auditActions(org.userId)).filter((a) => a.action === 'auth.2fa_backup_used')
    assert.lengthOf(used, 1)
    assert.equal(used[0].metadata.remaining, 9)
  })

  test('web login shows the second step: same codes, session only after the code', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const { secret } = await enrol(client, org.token)
    const browser = new SessionClient()
    const missing = await browser.login(org.email, STRONG_PASSWORD)
    assert.equal(missing.status, 401)
    assert.equal((await jsonOf(missing)).errors[0].code, 'E_2FA_REQUIRED')
    const me1 = await browser.fetch('/api/v1/me')
    assert.equal(me1.status, 401)

    const ok = await browser.login(org.email, STRONG_PASSWORD, await codeAt(secret))
    assert.equal(ok.status, 200)
    assert.equal((await jsonOf(ok)).redirect, '/app')
    const me2 = await browser.fetch('/api/v1/me')
    assert.equal(me2.status, 200)
    assert.isTrue((await jsonOf(me2)).twoFactorEnabled)
  })

  test('5 failed codes per 15 min per user → 429 with Retry-After, kept in Redis', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const { secret } = await enrol(client, org.token)
    for (let i = 0; i < 5; i++) {
      const r = await login(client, org, `00000${i}`)
      r.assertStatus(401)
    }
    const blocked = await login(client, org, await codeAt(secret))
    blocked.assertStatus(429)
    assert.equal(blocked.body().errors[0].code, 'E_TOO_MANY_REQUESTS')
    const retryAfter = Number(blocked.header('retry-after'))
    assert.isAbove(retryAfter, 800)
    assert.isAtMost(retryAfter, 900)
    // The same user is blocked on the authenticated endpoints too.
    const stepUp = await client
      .post('/api/v1/auth/2fa/verify')
      .bearerToken(org.token)
      .json({ code: await codeAt(secret) })
    stepUp.assertStatus(429)

    // With the Redis store (every multi-process deployment) the counter lives in Redis,
    // shared by every web process and surviving a restart: a key for this user exists
    // there with a TTL. Single-node mode keeps it in memory. Either way a fresh read
    // sees it exhausted.
    if (process.env.LIMITER_STORE !== 'memory') {
      const keys = await redis.keys(`*2fa:${org.userId}*`)
      assert.isAbove(keys.length, 0)
      assert.isAbove(await redis.ttl(keys[0]), 0)
    }
    const state = await failureState(org.userId)
    assert.equal(state?.remaining, 0)
    const actions = (await auditActions(org.userId)).map((a) => a.action)
    assert.include(actions, 'auth.2fa_throttled')
  })
})

test.group('2FA: backup codes, disable, revoke', () => {
  test('verify-backup consumes one code → remaining; reuse and TOTP codes refused', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const notOn = await client
      .post('/api/v1/auth/2fa/verify-backup')
      .bearerToken(org.token)
      .json({ code: 'abcde-fghjk' })
    notOn.assertStatus(409)
    const { secret, backupCodes } = await enrol(client, org.token)
    const ok = await client
      .post('/api/v1/auth/2fa/verify-backup')
      .bearerToken(org.token)
      .json({ code: backupCodes[3] })
    ok.assertStatus(200)
    assert.deepEqual(ok.body(), { remaining: 9 })
    const reuse = await client
      .post('/api/v1/auth/2fa/verify-backup')
      .bearerToken(org.token)
      .json({ code: backupCodes[3] })
    reuse.assertStatus(422)
    assert.equal(reuse.body().errors[0].code, 'E_2FA_INVALID')
    const totp = await client
      .post('/api/v1/auth/2fa/verify-backup')
      .bearerToken(org.token)
      .json({ code: await codeAt(secret) })
    totp.assertStatus(422)
  })

  test('GET backup-codes regenerates with a fresh TOTP in X-OTP; old codes die', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const { secret, backupCodes } = await enrol(client, org.token)
    const noHeader = await client.get('/api/v1/auth/2fa/backup-codes').bearerToken(org.token)
    noHeader.assertStatus(422)
    assert.equal(noHeader.body().errors[0].field, 'X-OTP')
    const wrong = await client
      .get('/api/v1/auth/2fa/backup-codes')
      .bearerToken(org.token)
      .header('X-OTP', '000000')
    wrong.assertStatus(422)
    assert.equal(wrong.body().errors[0].code, 'E_2FA_INVALID')
    const ok = await client
      .get('/api/v1/auth/2fa/backup-codes')
      .bearerToken(org.token)
      .header('X-OTP', await codeAt(secret))
    ok.assertStatus(200)
    assert.equal(ok.header('cache-control'), 'no-store')
    const fresh: string[] = ok.body().backupCodes
    assert.lengthOf(fresh, 10)
    assert.notIncludeMembers(fresh, backupCodes)
    ;(await login(client, org, backupCodes[0])).assertStatus(401)
    ;(await login(client, org, fresh[0])).assertStatus(200)
    const actions = (await auditActions(org.userId)).map((a) => a.action)
    assert.include(actions, 'auth.2fa_backup_codes_regenerated')
  })

  test('disable with a code or the password; wrong ones refused; login without code again', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const { secret } = await enrol(client, org.token)
    const none = await client.post('/api/v1/auth/2fa/disable').bearerToken(org.token).json({})
    none.assertStatus(422)
    const badPassword = await client
      .post('/api/v1/auth/2fa/disable')
      .bearerToken(org.token)
      .json({ password: 'Not-the-password-1' })
    badPassword.assertStatus(422)
    assert.equal(badPassword.body().errors[0].field, 'password')
    const badCode = await client
      .post('/api/v1/auth/2fa/disable')
      .bearerToken(org.token)
      .json({ code: '000000' })
    badCode.assertStatus(422)

    const ok = await client
      .post('/api/v1/auth/2fa/disable')
      .bearerToken(org.token)
      .json({ code: await codeAt(secret) })
    ok.assertStatus(200)
    assert.deepEqual(ok.body(), { twoFactorEnabled: false })
    const row = await db.connection('owner').from('users').where('id', org.userId).first()
    assert.isNull(row.two_factor_secret)
    assert.isNull(row.two_factor_enabled_at)
    const codes = await db
      .connection('owner')
      .from('user_backup_codes')
      .where('user_id', org.userId)
    assert.lengthOf(codes, 0)
    ;(await login(client, org)).assertStatus(200)
    assert.isFalse((await client.get('/api/v1/me').bearerToken(org.token)).body().twoFactorEnabled)

    // Password variant.
    await enrol(client, org.token)
    const byPassword = await client
      .post('/api/v1/auth/2fa/disable')
      .bearerToken(org.token)
      .json({ password: STRONG_PASSWORD })
    byPassword.assertStatus(200)
    const actions = (await auditActions(org.userId)).filter((a) => a.action === 'auth.2fa_disable')
    assert.deepEqual(
      actions.map((a) => a.metadata.method),
      ['totp', 'password']
    )
  })

  test('admin revokes a member 2FA (audited); syndic 403, unknown/malformed/other org 404, none 409', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const member = await addMember(org, 'accountant')
    const syndic = await addMember(org, 'syndic')
    const memberEmail = (await client.get('/api/v1/me').bearerToken(member.token)).body().user.email
    const { secret } = await enrol(client, member.token)
    const membership = await db
      .connection('owner')
      .from('memberships')
      .where('user_id', member.userId)
      .first()

    const asSyndic = await client
      .delete(`/api/v1/organisation/members/${membership.id}/2fa`)
      .bearerToken(syndic.token)
    asSyndic.assertStatus(403)
    const unknown = await client
      .delete(`/api/v1/organisation/members/00000000-0000-4000-8000-000000000000/2fa`)
      .bearerToken(org.token)
    unknown.assertStatus(404)
    const malformed = await client
      .delete(`/api/v1/organisation/members/not-a-uuid/2fa`)
      .bearerToken(org.token)
    malformed.assertStatus(404)
    const other = await signupOrg(client)
    const crossOrg = await client
      .delete(`/api/v1/organisation/members/${membership.id}/2fa`)
      .bearerToken(other.token)
    crossOrg.assertStatus(404)
    assert.isTrue(
      (await client.get('/api/v1/me').bearerToken(member.token)).body().twoFactorEnabled
    )

    const ok = await client
      .delete(`/api/v1/organisation/members/${membership.id}/2fa`)
      .bearerToken(org.token)
    ok.assertStatus(204)
    assert.isFalse(
      (await client.get('/api/v1/me').bearerToken(member.token)).body().twoFactorEnabled
    )
    ;(await login(client, { email: memberEmail })).assertStatus(200)
    void secret

    const again = await client
      .delete(`/api/v1/organisation/members/${membership.id}/2fa`)
      .bearerToken(org.token)
    again.assertStatus(409)

    const revoked = (await auditActions(member.userId)).find((a) => a.action === 'auth.2fa_revoked')
    assert.exists(revoked)
    assert.equal(revoked!.organisation_id, org.organisationId)
  })
})

test.group('2FA: organisation setting require2fa', () => {
  test('admins/syndics/accountants without 2FA get 403 E_2FA_ENROLMENT_REQUIRED except 2FA, /me, logout', async ({
    client,
    assert,
  }) => {
    const org: TestOrg = await signupOrg(client)
    const owner = await addMember(org, 'board_member')
    const syndic = await addMember(org, 'syndic')

    const invalid = await client
      .put('/api/v1/organisation')
      .bearerToken(org.token)
      .json({ require2fa: 'yes' })
    invalid.assertStatus(422)
    assert.equal(invalid.body().errors[0].field, 'require2fa')

    const set = await client
      .put('/api/v1/organisation')
      .bearerToken(org.token)
      .json({ require2fa: true })
    set.assertStatus(200)
    assert.isTrue(set.body().require2fa)

    for (const token of [org.token, syndic.token]) {
      const blocked = await client.get('/api/v1/buildings').bearerToken(token)
      blocked.assertStatus(403)
      assert.equal(blocked.body().errors[0].code, 'E_2FA_ENROLMENT_REQUIRED')
      ;(await client.get('/api/v1/me').bearerToken(token)).assertStatus(200)
    }
    // A board member is not concerned.
    ;(await client.get('/api/v1/buildings').bearerToken(owner.token)).assertStatus(200)

    // Pages of an unenrolled syndic redirect to the enrolment page (session login).
    const syndicEmail = (await client.get('/api/v1/me').bearerToken(syndic.token)).body().user.email
    const browser = new SessionClient()
    const loginRes = await browser.login(syndicEmail, STRONG_PASSWORD)
    assert.equal(loginRes.status, 200)
    const page = await browser.fetch('/app/buildings', { json: false })
    assert.equal(page.status, 302)
    assert.equal(page.headers.get('location'), '/app/security')
    const security = await browser.fetch('/app/security', { json: false })
    assert.equal(security.status, 200)

    // Enrolment through the allowed endpoints, then everything works again.
    await enrol(client, org.token)
    ;(await client.get('/api/v1/buildings').bearerToken(org.token)).assertStatus(200)
    const logout = await client.post('/api/v1/auth/logout').bearerToken(syndic.token)
    logout.assertStatus(204)

    const shown = await client.get('/api/v1/organisation').bearerToken(org.token)
    assert.isTrue(shown.body().require2fa)
    const off = await client
      .put('/api/v1/organisation')
      .bearerToken(org.token)
      .json({ require2fa: false })
    off.assertStatus(200)
    assert.isFalse(off.body().require2fa)
    const audits = await db
      .connection('owner')
      .from('audit_logs')
      .where('organisation_id', org.organisationId)
      .where('action', 'organisation.updated')
    assert.isAtLeast(audits.length, 2)
    void uniq
    void forgetLastStep
  })
})
