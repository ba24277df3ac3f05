import { baseUrl } from '#tests/helpers/api'

/** A fetch answer's JSON body, untyped (tests inspect it freely). */
export async function jsonOf(res: Response): Promise<any> {
  return res.json()
}

/** A cookie jar over fetch: logs in through the web form like a browser (XSRF included). */
export class SessionClient {
  cookies = new Map<string, string>()
  lastSetCookies: string[] = []

  async fetch(path: string, init: RequestInit & { xsrf?: boolean; json?: boolean } = {}) {
    const headers = new Headers(init.headers)
    if (init.json !== false) headers.set('accept', 'application/json')
    if (this.cookies.size) {
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '))
    }
    if (init.xsrf !== false && this.cookies.has('XSRF-TOKEN')) {
      headers.set('x-xsrf-token', this.cookies.get('XSRF-TOKEN')!)
    }
    const res = await fetch(`${baseUrl()}${path}`, { ...init, headers, redirect: 'manual' })
    this.lastSetCookies = res.headers.getSetCookie()
    for (const line of this.lastSetCookies) {
      const [pair] = line.split(';')
      const i = pair.indexOf('=')
      const value = pair.slice(i + 1)
      if (/max-age=0|expires=Thu, 01 Jan 1970/i.test(line) || value === '') {
        this.cookies.delete(pair.slice(0, i))
      } else this.cookies.set(pair.slice(0, i), value)
    }
    return res
  }

  send(method: string, path: string, body?: object) {
    return this.fetch(path, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
    })
  }

  /** GET /login (session + XSRF cookie), then POST /login. */
  async login(email: string, password: string, otp?: string) {
    if (!this.cookies.has('XSRF-TOKEN')) await this.fetch('/login', { json: false })
    return this.send('POST', '/login', { email, password, ...(otp ? { otp } : {}) })
  }
}
