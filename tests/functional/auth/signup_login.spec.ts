import { test } from '@japa/runner'
import { baseUrl, signupOrg, STRONG_PASSWORD, uniq } from '#tests/helpers/api'

test.group('Auth: signup, login, me, logout', () => {
  test('signup creates organisation, admin and a 14-day trial with every module on', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const me = await client.get('/api/v1/me').bearerToken(org.token)
    me.assertStatus(200)
    assert.equal(me.body().memberships[0].role, 'admin')
    assert.equal(me.body().memberships[0].organisation.status, 'trialing')
    const trialEnds = new Date(me.body().memberships[0].organisation.trialEndsAt).getTime()
    assert.closeTo((trialEnds - Date.now()) / 86400000, 14, 0.01)

    const modules = await client.get('/api/v1/organisation/modules').bearerToken(org.token)
    modules.assertStatus(200)
    assert.isTrue(modules.body().data.every((m: { enabled: boolean }) => m.enabled))
  })

  test('signup rejects a short or common password and a duplicate e-mail', async ({
    client,
    assert,
  }) => {
    const short = await client.post('/api/v1/signup').json({
      organisation: { name: 'X Org' },
      user: { email: `${uniq()}@example.test`, password: 'short', fullName: 'Bob' },
    })
    short.assertStatus(422)
    assert.equal(short.body().errors[0].field, 'user.password')

    const common = await client.post('/api/v1/signup').json({
      organisation: { name: 'X Org' },
      user: { email: `${uniq()}@example.test`, password: 'password1234', fullName: 'Bob' },
    })
    common.assertStatus(422)

    const org = await signupOrg(client)
    const dup = await client.post('/api/v1/signup').json({
      organisation: { name: 'Other' },
      user: { email: org.email.toUpperCase(), password: STRONG_PASSWORD, fullName: 'Bob' },
    })
    dup.assertStatus(409)
    assert.equal(dup.body().errors[0].code, 'E_CONFLICT')
  })

  test('login answers the same 401 for unknown e-mail and wrong password', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const wrong = await client
      .post('/api/v1/auth/login')
      .json({ email: org.email, password: 'Wrong-password-123' })
    const unknown = await client
      .post('/api/v1/auth/login')
      .json({ email: `${uniq()}@example.test`, password: 'Wrong-password-123' })
    wrong.assertStatus(401)
    unknown.assertStatus(401)
    assert.deepEqual(wrong.body(), unknown.body())

    const ok = await client
      .post('/api/v1/auth/login')
      .json({ email: org.email, password: STRONG_PASSWORD })
    ok.assertStatus(200)
    assert.match(ok.body().token, /^vme_/)
  })

  test('5 failed logins per e-mail+IP then 429 with Retry-After', async ({ client, assert }) => {
    const org = await signupOrg(client)
    for (let i = 0; i < 5; i++) {
      const r = await client
        .post('/api/v1/auth/login')
        .json({ email: org.email, password: 'Wrong-password-123' })
      r.assertStatus(401)
    }
    const blocked = await client
      .post('/api/v1/auth/login')
      .json({ email: org.email, password: STRONG_PASSWORD })
    blocked.assertStatus(429)
    assert.equal(blocked.body().errors[0].code, 'E_TOO_MANY_REQUESTS')
    assert.isAbove(Number(blocked.header('retry-after')), 0)
  })

  test('logout revokes the token', async ({ client }) => {
    const org = await signupOrg(client)
    const out = await client.post('/api/v1/auth/logout').bearerToken(org.token)
    out.assertStatus(204)
    const me = await client.get('/api/v1/me').bearerToken(org.token)
    me.assertStatus(401)
    me.assertBody({ errors: [{ code: 'E_UNAUTHORIZED', message: 'Authentication required' }] })
  })

  test('malformed JSON is a 400 E_BAD_REQUEST', async ({ assert }) => {
    const res = await fetch(`${baseUrl()}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept': 'application/json' },
      body: '{"email": ',
    })
    assert.equal(res.status, 400)
    assert.equal(((await res.json()) as any).errors[0].code, 'E_BAD_REQUEST')
  })
})
