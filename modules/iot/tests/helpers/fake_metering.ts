/*
| A local fake of the metering provider contract (SPEC §9, Enedis Data Connect shape):
| OAuth2 token endpoint (authorization_code + refresh_token), load curve (≤ 7 days per
| call, 30-min points, local time, `date` = interval end) and daily consumption
| (≤ 365 days per call). Tokens expire (`tokenTtlSeconds`), an expired or unknown
| access token → 401, `rateLimitNext(n, retryAfter)` answers 429 to the next n data calls.
| Used by the functional tests and the demo through the real client code.
*/
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { DateTime } from 'luxon'

const ZONE = 'Europe/Brussels'

export interface FakeMetering {
  url: string
  clientId: string
  clientSecret: string
  /** A one-time authorization code for a usage point. */
  issueCode(pointId: string): string
  /** Daily Wh for a point and local date (default: a weekly pattern around 9 kWh). */
  setDaily(pointId: string, fn: (date: string) => number): void
  /** Expires every access token now (the next data call gets a 401). */
  expireTokens(): void
  rateLimitNext(n: number, retryAfterSeconds?: number): void
  tokenTtlSeconds: number
  calls: Array<{ path: string; query: Record<string, string>; status: number }>
  stats: { tokenGrants: number; refreshes: number; unauthorized: number; rateLimited: number }
  close(): Promise<void>
}

export function defaultDaily(pointId: string, date: string) {
  const d = DateTime.fromISO(date)
  const seed = Number(pointId.slice(-3)) % 7
  const winter = Math.cos(((d.ordinal - 15) / 365) * 2 * Math.PI) // 1 in January, -1 in July
  const weekend = d.weekday >= 6 ? 1.15 : 1
  return Math.round((9000 + 3500 * winter + seed * 120) * weekend)
}

export async function startFakeMetering(opts: { port?: number } = {}): Promise<FakeMetering> {
  const codes = new Map<string, string>()
  const access = new Map<string, { pointId: string; expiresAt: number }>()
  const refresh = new Map<string, string>()
  const daily = new Map<string, (date: string) => number>()
  let rateLimit = { n: 0, retryAfter: 1 }

  const fake: FakeMetering = {
    url: '',
    clientId: 'vme-test-client',
    clientSecret: 'vme-test-secret',
    tokenTtlSeconds: 3600,
    calls: [],
    stats: { tokenGrants: 0, refreshes: 0, unauthorized: 0, rateLimited: 0 },
    issueCode(pointId) {
      const code = randomBytes(8).toString('hex')
      codes.set(code, pointId)
      return code
    },
    setDaily(pointId, fn) {
      daily.set(pointId, fn)
    },
    expireTokens() {
      for (const t of access.values()) t.expiresAt = 0
    },
    rateLimitNext(n, retryAfterSeconds = 1) {
      rateLimit = { n, retryAfter: retryAfterSeconds }
    },
    close: async () => {},
  }

  const dailyValue = (pointId: string, date: string) =>
    (daily.get(pointId) ?? ((d: string) => defaultDaily(pointId, d)))(date)

  function send(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {}
  ) {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }

  function grant(pointId: string) {
    const accessToken = randomBytes(16).toString('hex')
    const refreshToken = randomBytes(16).toString('hex')
    access.set(accessToken, { pointId, expiresAt: Date.now() + fake.tokenTtlSeconds * 1000 })
    refresh.set(refreshToken, pointId)
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      token_type: 'Bearer',
      expires_in: fake.tokenTtlSeconds,
      usage_point_id: pointId,
    }
  }

  async function readForm(req: IncomingMessage) {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')))
  }

  function range(query: Record<string, string>, maxDays: number) {
    const start = DateTime.fromISO(query.start ?? '', { zone: ZONE })
    const end = DateTime.fromISO(query.end ?? '', { zone: ZONE })
    if (!start.isValid || !end.isValid || end <= start) return { error: 'invalid_range' as const }
    if (end.diff(start, 'days').days > maxDays) return { error: 'range_too_long' as const }
    return { start, end }
  }

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake')
    const query = Object.fromEntries(url.searchParams)
    const record = (status: number) => fake.calls.push({ path: url.pathname, query, status })
    try {
      if (req.method === 'POST' && url.pathname === '/oauth2/v3/token') {
        const form = await readForm(req)
        if (form.client_id !== fake.clientId || form.client_secret !== fake.clientSecret) {
          record(401)
          return send(res, 401, { error: 'invalid_client' })
        }
        if (form.grant_type === 'authorization_code') {
          const pointId = codes.get(form.code ?? '')
          if (!pointId || !form.redirect_uri) {
            record(400)
            return send(res, 400, {
              error: 'invalid_grant',
              error_description: 'unknown or used code',
            })
          }
          codes.delete(form.code!)
          fake.stats.tokenGrants++
          record(200)
          return send(res, 200, grant(pointId))
        }
        if (form.grant_type === 'refresh_token') {
          const pointId = refresh.get(form.refresh_token ?? '')
          if (!pointId) {
            record(400)
            return send(res, 400, { error: 'invalid_grant' })
          }
          refresh.delete(form.refresh_token!)
          fake.stats.refreshes++
          record(200)
          return send(res, 200, grant(pointId))
        }
        record(400)
        return send(res, 400, { error: 'unsupported_grant_type' })
      }

      const isCurve = url.pathname === '/metering_data_clc/v5/consumption_load_curve'
      const isDaily = url.pathname === '/metering_data_dc/v5/daily_consumption'
      if (req.method !== 'GET' || (!isCurve && !isDaily)) {
        record(404)
        return send(res, 404, { error: 'not_found' })
      }
      if (rateLimit.n > 0) {
        rateLimit.n--
        fake.stats.rateLimited++
        record(429)
        return send(
          res,
          429,
          { error: 'too_many_requests' },
          { 'retry-after': String(rateLimit.retryAfter) }
        )
      }
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
      const session = token ? access.get(token) : undefined
      if (!session || session.expiresAt <= Date.now()) {
        fake.stats.unauthorized++
        record(401)
        return send(res, 401, { error: 'invalid_token' })
      }
      if (query.usage_point_id !== session.pointId) {
        record(403)
        return send(res, 403, { error: 'forbidden_usage_point' })
      }
      const r = range(query, isCurve ? 7 : 365)
      if ('error' in r) {
        record(400)
        return send(res, 400, { error: r.error })
      }
      const points: Array<Record<string, string>> = []
      if (isDaily) {
        for (let d = r.start; d < r.end; d = d.plus({ days: 1 })) {
          if (d > DateTime.now().setZone(ZONE).startOf('day').minus({ days: 1 })) break
          points.push({
            value: String(dailyValue(session.pointId, d.toISODate()!)),
            date: d.toISODate()!,
          })
        }
      } else {
        // Walk real instants so DST days get 46 or 50 points.
        const endInstant = DateTime.min(r.end, DateTime.now().setZone(ZONE).startOf('day'))
        for (let t = r.start.plus({ minutes: 30 }); t <= endInstant; t = t.plus({ minutes: 30 })) {
          const day = t.minus({ minutes: 30 }).toISODate()!
          const hour = t.hour + t.minute / 60
          const shape =
            0.6 + 0.8 * Math.exp(-((hour - 19) ** 2) / 8) + 0.3 * Math.exp(-((hour - 8) ** 2) / 4)
          const w = Math.round((dailyValue(session.pointId, day) / 24) * shape)
          points.push({
            value: String(w),
            date: t.toFormat('yyyy-MM-dd HH:mm:ss'),
            interval_length: 'PT30M',
          })
        }
      }
      record(200)
      return send(res, 200, {
        meter_reading: {
          usage_point_id: session.pointId,
          start: query.start,
          end: query.end,
          reading_type: isDaily
            ? { unit: 'Wh', measurement_kind: 'energy', aggregate: 'sum' }
            : { unit: 'W', measurement_kind: 'power', aggregate: 'average' },
          interval_reading: points,
        },
      })
    } catch (error) {
      send(res, 500, { error: 'fake_failure', message: String(error) })
    }
  })

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve))
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return fake
}
