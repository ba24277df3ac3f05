import { DateTime } from 'luxon'

/*
| One typed client for the metering providers (SPEC §9, the Enedis Data Connect shape).
| Ores is the same client with its own base URL. Tokens live with the caller (a
| `TokenSession`): the client refreshes them 60 s before expiry and on a 401 (then
| retries once), honours 429 Retry-After with a bounded backoff, and splits ranges into
| the provider's windows. Tokens are never logged: errors carry the provider's
| `error` code only.
*/
export type MeteringProvider = 'enedis' | 'ores'

export interface TokenSet {
  accessToken: string
  refreshToken: string
  expiresAt: Date
  usagePointId?: string
}

export interface TokenSession {
  tokens: TokenSet
  /** Persists refreshed tokens (encrypted by the caller). */
  save(tokens: TokenSet): Promise<void>
}

export interface MeterPoint {
  /** Start of the measured interval (UTC). */
  ts: Date
  value: number
}

export interface ClientOptions {
  baseUrl: string
  clientId: string
  clientSecret: string
  /** Max waits on 429 before giving up (default 5). */
  maxRateLimitRetries?: number
  /** Upper bound of one wait in ms (default 60 s). */
  maxWaitMs?: number
  sleep?: (ms: number) => Promise<void>
}

export class ProviderError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string
  ) {
    super(`metering provider answered ${status} (${reason})`)
  }
}

export const LOAD_CURVE_WINDOW_DAYS = 7
export const DAILY_WINDOW_DAYS = 365
const ZONE = 'Europe/Brussels'

/** Splits [start, end) (ISO dates, end exclusive) into windows of at most `days` days. */
export function splitWindows(start: string, end: string, days: number): Array<[string, string]> {
  const out: Array<[string, string]> = []
  let cursor = DateTime.fromISO(start, { zone: 'utc' })
  const last = DateTime.fromISO(end, { zone: 'utc' })
  while (cursor < last) {
    const next = DateTime.min(cursor.plus({ days }), last)
    out.push([cursor.toISODate()!, next.toISODate()!])
    cursor = next
  }
  return out
}

/**
 * Load-curve points: `date` is the END of a 30-min interval in Brussels local time; we
 * store the interval start in UTC. On the autumn DST change the local hour 02:xx
 * happens twice; each point takes the first instant after the previous point.
 */
export function parseLoadCurve(
  points: Array<{ value: string; date: string; interval_length?: string }>
): MeterPoint[] {
  const out: MeterPoint[] = []
  let previous = -Infinity
  for (const p of points) {
    const minutes = Number(/^PT(\d+)M$/.exec(p.interval_length ?? 'PT30M')?.[1] ?? 30)
    const local = DateTime.fromFormat(p.date, 'yyyy-MM-dd HH:mm:ss', { zone: ZONE })
    if (!local.isValid) continue
    // Both instants that render as this local time (two on the autumn change): take
    // the first one after the previous point.
    const candidates = [-3_600_000, 0, 3_600_000]
      .map((d) => local.toMillis() + d)
      .filter(
        (ms) => DateTime.fromMillis(ms, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm:ss') === p.date
      )
      .sort((a, b) => a - b)
    const end = candidates.find((ms) => ms > previous) ?? candidates[candidates.length - 1]
    previous = end
    out.push({ ts: new Date(end - minutes * 60_000), value: Number(p.value) })
  }
  return out.filter((p) => Number.isFinite(p.value))
}

/** Daily totals: `date` is a local day; stored at that day's local midnight. */
export function parseDaily(points: Array<{ value: string; date: string }>): MeterPoint[] {
  return points
    .map((p) => ({
      ts: DateTime.fromISO(p.date, { zone: ZONE }).startOf('day').toJSDate(),
      value: Number(p.value),
    }))
    .filter((p) => Number.isFinite(p.value) && !Number.isNaN(p.ts.getTime()))
}

export class MeteringClient {
  readonly #opts: Required<ClientOptions>

  constructor(opts: ClientOptions) {
    this.#opts = {
      maxRateLimitRetries: 5,
      maxWaitMs: 60_000,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      ...(Object.fromEntries(
        Object.entries(opts).filter(([, v]) => v !== undefined)
      ) as ClientOptions),
      baseUrl: opts.baseUrl.replace(/\/+$/, ''),
    }
  }

  /** Authorization-code exchange (configure). Bad code → ProviderError(400, 'invalid_grant'). */
  exchangeCode(code: string, redirectUri: string): Promise<TokenSet> {
    return this.#token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri })
  }

  refresh(refreshToken: string): Promise<TokenSet> {
    return this.#token({ grant_type: 'refresh_token', refresh_token: refreshToken })
  }

  /** 30-minute average power (W) over [start, end), in 7-day windows. */
  async loadCurve(session: TokenSession, pointId: string, start: string, end: string) {
    const out: MeterPoint[] = []
    for (const [s, e] of splitWindows(start, end, LOAD_CURVE_WINDOW_DAYS)) {
      const body = await this.#get(session, '/metering_data_clc/v5/consumption_load_curve', {
        usage_point_id: pointId,
        start: s,
        end: e,
      })
      out.push(...parseLoadCurve(body?.meter_reading?.interval_reading ?? []))
    }
    return out
  }

  /** Daily energy (Wh) over [start, end), in 365-day windows. */
  async daily(session: TokenSession, pointId: string, start: string, end: string) {
    const out: MeterPoint[] = []
    for (const [s, e] of splitWindows(start, end, DAILY_WINDOW_DAYS)) {
      const body = await this.#get(session, '/metering_data_dc/v5/daily_consumption', {
        usage_point_id: pointId,
        start: s,
        end: e,
      })
      out.push(...parseDaily(body?.meter_reading?.interval_reading ?? []))
    }
    return out
  }

  async #token(params: Record<string, string>): Promise<TokenSet> {
    const body = new URLSearchParams({
      ...params,
      client_id: this.#opts.clientId,
      client_secret: this.#opts.clientSecret,
    })
    const res = await this.#withRateLimit(() =>
      fetch(`${this.#opts.baseUrl}/oauth2/v3/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'accept': 'application/json',
        },
        body,
      })
    )
    const json: any = await res.json().catch(() => ({}))
    if (!res.ok) throw new ProviderError(res.status, String(json?.error ?? 'provider_error'))
    if (typeof json.access_token !== 'string' || typeof json.refresh_token !== 'string') {
      throw new ProviderError(502, 'malformed_token_response')
    }
    return {
      accessToken: json.access_token,
      refreshToken: json.refresh_token,
      expiresAt: new Date(Date.now() + Number(json.expires_in ?? 3600) * 1000),
      usagePointId: json.usage_point_id ? String(json.usage_point_id) : undefined,
    }
  }

  async #refreshSession(session: TokenSession) {
    const fresh = await this.refresh(session.tokens.refreshToken)
    session.tokens = fresh
    await session.save(fresh)
  }

  async #get(session: TokenSession, path: string, query: Record<string, string>): Promise<any> {
    if (session.tokens.expiresAt.getTime() - 60_000 <= Date.now())
      await this.#refreshSession(session)
    const url = `${this.#opts.baseUrl}${path}?${new URLSearchParams(query)}`
    const call = () =>
      this.#withRateLimit(() =>
        fetch(url, {
          headers: {
            authorization: `Bearer ${session.tokens.accessToken}`,
            accept: 'application/json',
          },
        })
      )
    let res = await call()
    if (res.status === 401) {
      await res.body?.cancel()
      await this.#refreshSession(session)
      res = await call()
    }
    if (!res.ok) {
      const json: any = await res.json().catch(() => ({}))
      throw new ProviderError(res.status, String(json?.error ?? 'provider_error'))
    }
    return res.json()
  }

  /** Retries on 429: waits Retry-After seconds (or 1 s, 2 s, 4 s…), bounded. */
  async #withRateLimit(request: () => Promise<Response>): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const res = await request()
      if (res.status !== 429 || attempt >= this.#opts.maxRateLimitRetries) return res
      await res.body?.cancel()
      const header = Number(res.headers.get('retry-after'))
      const wait = Number.isFinite(header) && header >= 0 ? header * 1000 : 1000 * 2 ** attempt
      await this.#opts.sleep(Math.min(wait, this.#opts.maxWaitMs))
    }
  }
}
