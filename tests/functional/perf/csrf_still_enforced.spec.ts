import { test } from '@japa/runner'
import { baseUrl, signupOrg } from '#tests/helpers/api'
import { STRONG_PASSWORD } from '#tests/helpers/api'
import { buildingBody } from '../buildings/helpers.js'

/*
| Bearer API requests skip the session and shield's CSRF token (app/middleware/
| bearer_api_fast_path.ts). Cookie-authenticated requests must still go through both:
| web form posts and /api calls made with the session cookie need the XSRF token.
*/
class Browser {
  cookies = new Map<string, string>()

  async fetch(path: string, init: RequestInit & { xsrf?: boolean } = {}) {
    const headers = new Headers(init.headers)
    headers.set('accept', 'application/json')
    if (this.cookies.size) {
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '))
    }
    if (init.xsrf && this.cookies.has('XSRF-TOKEN')) {
      headers.set('x-xsrf-token', this.cookies.get('XSRF-TOKEN')!)
    }
    const res = await fetch(`${baseUrl()}${path}`, { ...init, headers, redirect: 'manual' })
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const i = pair.indexOf('=')
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1))
    }
    return res
  }

  post(path: string, body: object, xsrf: boolean) {
    return this.fetch(path, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
      xsrf,
    })
  }
}

test.group('Perf parity: CSRF still enforced for cookie sessions', () => {
  test('web login form and cookie-authenticated /api writes need the XSRF token', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const browser = new Browser()
    const page = await browser.fetch('/login')
    assert.isBelow(page.status, 400)
    assert.isTrue(browser.cookies.has('XSRF-TOKEN'))
    assert.isTrue(browser.cookies.has('vme-session'))

    const credentials = { email: org.email, password: STRONG_PASSWORD }
    const forged = await browser.post('/login', credentials, false)
    assert.isAtLeast(forged.status, 400)
    assert.isBelow(forged.status, 500)

    const login = await browser.post('/login', credentials, true)
    assert.isBelow(login.status, 400)

    const me = await browser.fetch('/api/v1/me')
    assert.equal(me.status, 200)

    const noToken = await browser.post('/api/v1/buildings', buildingBody(), false)
    assert.isAtLeast(noToken.status, 400)
    assert.isBelow(noToken.status, 500)
    assert.notEqual(noToken.status, 422)

    const withToken = await browser.post('/api/v1/buildings', buildingBody(), true)
    assert.equal(withToken.status, 201)
  })

  test('a bearer call carrying a session cookie still takes the full path', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const browser = new Browser()
    await browser.fetch('/login')
    const res = await browser.fetch('/api/v1/me', {
      headers: { authorization: `Bearer ${org.token}` },
    })
    assert.equal(res.status, 200)
    // The session and shield ran (the XSRF cookie is refreshed), as before.
    assert.isTrue(res.headers.getSetCookie().some((c) => c.startsWith('XSRF-TOKEN=')))
  })
})
