import { test } from '@japa/runner'
/* eslint-disable @unicorn/no-await-expression-member -- tests read answers inline */
import db from '@adonisjs/lucid/services/db'
import { baseUrl, signupOrg, STRONG_PASSWORD } from '#tests/helpers/api'
import { sampleExe, samplePdf } from '#tests/helpers/sample_files'
import { jsonOf, SessionClient } from '#tests/functional/security/session_client'
import { revokeAllUserTokens } from '#services/password_service'
import { errorShapeProblem } from '#tests/contracts/contract_helpers'

/*
| Hardening (issue 4): security headers on pages and API answers, CORS closed, session
| cookie flags, CSRF for session forms, body size limits, uploads typed by content, and
| revocation of every credential on password change.
*/

async function raw(path: string, init: RequestInit = {}) {
  return fetch(`${baseUrl()}${path}`, { redirect: 'manual', ...init })
}

function assertSecurityHeaders(assert: any, res: Response, label: string) {
  const csp = res.headers.get('content-security-policy') ?? ''
  assert.include(csp, "default-src 'self'", `${label}: CSP default-src`)
  assert.include(csp, "frame-ancestors 'none'", `${label}: frame-ancestors`)
  assert.include(csp, "object-src 'none'", `${label}: object-src`)
  assert.match(csp, /script-src 'self'( 'nonce-[^']+')?(;|$)/, `${label}: script-src`)
  assert.equal(res.headers.get('x-frame-options'), 'DENY', label)
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', label)
  assert.match(res.headers.get('strict-transport-security') ?? '', /max-age=\d{7,}/, label)
  assert.equal(res.headers.get('referrer-policy'), 'strict-origin-when-cross-origin', label)
  assert.equal(res.headers.get('cross-origin-opener-policy'), 'same-origin', label)
}

test.group('Hardening: headers, CORS, cookies, CSRF, limits', () => {
  test('pages, API answers and errors carry CSP, HSTS, frame-ancestors/X-Frame-Options, nosniff, referrer policy', async ({
    assert,
    client,
  }) => {
    const org = await signupOrg(client)
    assertSecurityHeaders(assert, await raw('/login'), 'GET /login')
    assertSecurityHeaders(assert, await raw('/'), 'GET /')
    assertSecurityHeaders(
      assert,
      await raw('/api/v1/me', { headers: { authorization: `Bearer ${org.token}` } }),
      'GET /api/v1/me (bearer)'
    )
    assertSecurityHeaders(assert, await raw('/api/v1/me'), 'GET /api/v1/me (401)')
    assertSecurityHeaders(assert, await raw('/api/v1/no-such-route'), '404')
  })

  test('CORS is closed: no Access-Control-Allow-Origin for a foreign origin, preflight included', async ({
    assert,
  }) => {
    const preflight = await raw('/api/v1/auth/login', {
      method: 'OPTIONS',
      headers: {
        'origin': 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    })
    assert.isNull(preflight.headers.get('access-control-allow-origin'))
    assert.isNull(preflight.headers.get('access-control-allow-credentials'))
    const simple = await raw('/api/v1/me', { headers: { origin: 'https://evil.example' } })
    assert.isNull(simple.headers.get('access-control-allow-origin'))
  })

  test('session cookie is httpOnly and SameSite=Lax; web forms need the CSRF token', async ({
    assert,
    client,
  }) => {
    const org = await signupOrg(client)
    const browser = new SessionClient()
    await browser.fetch('/login', { json: false })
    const session = browser.lastSetCookies.find((c) => c.startsWith('vme-session='))
    assert.exists(session)
    assert.match(session!, /HttpOnly/i)
    assert.match(session!, /SameSite=Lax/i)
    // Tests run over http://: Secure is set in production / over HTTPS (config/session.ts).

    const forged = await browser.fetch('/login', {
      method: 'POST',
      body: JSON.stringify({ email: org.email, password: STRONG_PASSWORD }),
      headers: { 'content-type': 'application/json' },
      xsrf: false,
    })
    assert.equal(forged.status, 403)
    const ok = await browser.login(org.email, STRONG_PASSWORD)
    assert.equal(ok.status, 200)
    // A cookie-authenticated API write without the token is refused too.
    const forgedApi = await browser.fetch('/api/v1/auth/2fa/enable', {
      method: 'POST',
      xsrf: false,
    })
    assert.equal(forgedApi.status, 403)
  })

  test('request bodies over the limit → 413 in the error shape, nothing parsed', async ({
    assert,
    client,
  }) => {
    const org = await signupOrg(client)
    const huge = JSON.stringify({ name: 'x'.repeat(1_200_000) })
    const res = await raw('/api/v1/buildings', {
      method: 'POST',
      headers: {
        'authorization': `Bearer ${org.token}`,
        'content-type': 'application/json',
        'accept': 'application/json',
      },
      body: huge,
    })
    assert.equal(res.status, 413)
    const body = await jsonOf(res)
    assert.isNull(
      errorShapeProblem({
        status: 413,
        body,
        text: JSON.stringify(body),
        contentType: res.headers.get('content-type') ?? '',
      })
    )
    const malformed = await raw('/api/v1/buildings', {
      method: 'POST',
      headers: {
        'authorization': `Bearer ${org.token}`,
        'content-type': 'application/json',
        'accept': 'application/json',
      },
      body: '{"name": "unterminated',
    })
    assert.equal(malformed.status, 400)
    assert.equal((await jsonOf(malformed)).errors[0].code, 'E_BAD_REQUEST')
  })

  test('uploads are typed by their bytes: an executable named .pdf is refused, a real PDF accepted', async ({
    assert,
    client,
  }) => {
    const org = await signupOrg(client)
    const upload = async (bytes: Buffer, name: string, type: string) => {
      const form = new FormData()
      form.append('file', new Blob([new Uint8Array(bytes)], { type }), name)
      return raw('/api/v1/documents', {
        method: 'POST',
        headers: { authorization: `Bearer ${org.token}`, accept: 'application/json' },
        body: form,
      })
    }
    const before = await db
      .connection('owner')
      .from('documents')
      .where('organisation_id', org.organisationId)
    const fake = await upload(sampleExe(), 'invoice.pdf', 'application/pdf')
    assert.equal(fake.status, 422)
    assert.equal((await jsonOf(fake)).errors[0].field, 'file')
    const after = await db
      .connection('owner')
      .from('documents')
      .where('organisation_id', org.organisationId)
    assert.equal(after.length, before.length)

    const real = await upload(samplePdf(), 'renamed.bin', 'application/octet-stream')
    assert.equal(real.status, 201)
    const doc = await jsonOf(real)
    assert.equal(doc.mimeType ?? doc.mime_type ?? 'application/pdf', 'application/pdf')
  })
})

test.group('Hardening: credential revocation on password change', () => {
  test('PUT /auth/password: checks, then revokes every token and every other session', async ({
    assert,
    client,
  }) => {
    const org = await signupOrg(client)
    const second = await client
      .post('/api/v1/auth/login')
      .json({ email: org.email, password: STRONG_PASSWORD })
    const otherToken = second.body().token
    const other = new SessionClient()
    assert.equal((await other.login(org.email, STRONG_PASSWORD)).status, 200)
    assert.equal((await other.fetch('/app/buildings', { json: false })).status, 200)
    const mine = new SessionClient()
    assert.equal((await mine.login(org.email, STRONG_PASSWORD)).status, 200)

    const wrong = await mine.send('PUT', '/api/v1/auth/password', {
      currentPassword: 'Not-my-password-1',
      newPassword: 'Another-Strong-Pass-77',
    })
    assert.equal(wrong.status, 422)
    assert.equal((await jsonOf(wrong)).errors[0].field, 'currentPassword')
    const weak = await mine.send('PUT', '/api/v1/auth/password', {
      currentPassword: STRONG_PASSWORD,
      newPassword: 'short',
    })
    assert.equal(weak.status, 422)
    assert.equal((await jsonOf(weak)).errors[0].field, 'newPassword')

    const ok = await mine.send('PUT', '/api/v1/auth/password', {
      currentPassword: STRONG_PASSWORD,
      newPassword: 'Another-Strong-Pass-77',
    })
    assert.equal(ok.status, 204)

    // Tokens: all gone.
    for (const token of [org.token, otherToken]) {
      const res = await client.get('/api/v1/me').bearerToken(token)
      res.assertStatus(401)
    }
    const tokens = await db
      .connection('owner')
      .from('auth_access_tokens')
      .where('tokenable_id', org.userId)
    assert.lengthOf(tokens, 0)
    // The other browser session is over (pages → login; API → 401)…
    const page = await other.fetch('/app/buildings', { json: false })
    assert.equal(page.status, 302)
    assert.equal(page.headers.get('location'), '/login')
    assert.equal((await other.fetch('/api/v1/me')).status, 401)
    // …while the session that changed the password continues.
    assert.equal((await mine.fetch('/app/buildings', { json: false })).status, 200)

    const oldLogin = await client
      .post('/api/v1/auth/login')
      .json({ email: org.email, password: STRONG_PASSWORD })
    oldLogin.assertStatus(401)
    const newLogin = await client
      .post('/api/v1/auth/login')
      .json({ email: org.email, password: 'Another-Strong-Pass-77' })
    newLogin.assertStatus(200)

    const audit = await db
      .connection('owner')
      .from('audit_logs')
      .where('subject_id', org.userId)
      .where('action', 'auth.password_changed')
    assert.lengthOf(audit, 1)
    assert.equal(audit[0].metadata.tokensRevoked, 2)
  })

  test('revokeAllUserTokens (used by the GDPR erase) kills tokens and sessions', async ({
    assert,
    client,
  }) => {
    const org = await signupOrg(client)
    const browser = new SessionClient()
    assert.equal((await browser.login(org.email, STRONG_PASSWORD)).status, 200)
    const n = await revokeAllUserTokens(org.userId)
    assert.equal(n, 1)
    ;(await client.get('/api/v1/me').bearerToken(org.token)).assertStatus(401)
    assert.equal((await browser.fetch('/api/v1/buildings')).status, 401)
  })
})
