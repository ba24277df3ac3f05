import { test } from '@japa/runner'
import { baseUrl, signupOrg } from '#tests/helpers/api'
import { http } from '#config/app'

/*
| Bearer API calls replay shield's headers instead of running shield per request
| (app/middleware/bearer_api_fast_path.ts) and skip the Inertia instance and the Edge
| renderer. Their answers must carry exactly the headers of the full path (a call
| that also sends a session cookie), with a fresh CSP nonce each time.
*/
const VARYING = new Set(['date', 'set-cookie', 'x-request-id', 'keep-alive', 'connection'])

async function headersOf(path: string, headers: Record<string, string>) {
  const res = await fetch(`${baseUrl()}${path}`, {
    headers: { accept: 'application/json', ...headers },
  })
  const body = await res.text()
  const all: Record<string, string> = {}
  res.headers.forEach((value, name) => {
    if (!VARYING.has(name)) all[name] = value
  })
  const nonce = /'nonce-([^']+)'/.exec(all['content-security-policy'] ?? '')?.[1]
  if (nonce) all['content-security-policy'] = all['content-security-policy'].replace(nonce, 'N')
  return { status: res.status, headers: all, body, nonce }
}

test.group('Perf parity: bearer API answers keep the full path headers', () => {
  test('same status, body and headers as the full path; fresh nonce per answer', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const bearer = { authorization: `Bearer ${org.token}` }
    // Any session cookie sends the request through session + full shield.
    const full = { ...bearer, cookie: 'vme-session=not-a-session' }
    for (const path of ['/api/v1/me', '/api/v1/buildings', '/api/v1/no-such-route']) {
      const fast = await headersOf(path, bearer)
      const slow = await headersOf(path, full)
      assert.equal(fast.status, slow.status, path)
      assert.equal(fast.body, slow.body, path)
      assert.deepEqual(fast.headers, slow.headers, path)
    }
    const a = await headersOf('/api/v1/me', bearer)
    const b = await headersOf('/api/v1/me', bearer)
    assert.match(a.headers['content-security-policy'], /script-src 'self' 'nonce-N'/)
    assert.isString(a.nonce)
    assert.notEqual(a.nonce, b.nonce)
    assert.equal(a.headers['x-frame-options'], 'DENY')
  })

  test('an unauthenticated /api call is a 401 with the same headers', async ({ assert }) => {
    const fast = await headersOf('/api/v1/me', { authorization: 'Bearer vme_nope.nope' })
    const slow = await headersOf('/api/v1/me', {
      authorization: 'Bearer vme_nope.nope',
      cookie: 'vme-session=not-a-session',
    })
    assert.equal(fast.status, 401)
    assert.equal(fast.body, slow.body)
    assert.deepEqual(fast.headers, slow.headers)
  })

  test('response JSON: native JSON.stringify, safe fallback for BigInt and cycles', ({
    assert,
  }) => {
    const serialize = http.serializeJSON!
    const value = { a: 'é\u2028"\ud800', b: [1, undefined, null, -0, Number.NaN], c: new Date(0) }
    assert.equal(serialize(value), JSON.stringify(value))
    assert.equal(serialize({ n: 12n }), '{"n":"12"}')
    const cyclic: Record<string, unknown> = { x: 1 }
    cyclic.self = cyclic
    assert.equal(serialize(cyclic), '{"x":1}')
  })
})
