import { DateTime } from 'luxon'
import { ApiError } from '#exceptions/api_error'
import { assertBuildingExists } from '#services/building_service'
import { currentTenant } from '#tenancy/tenant_context'
import type { Page } from '#services/pagination'

/*
| Read side, all aggregated in SQL in Europe/Brussels local time. Hours are real
| hours (`date_trunc('hour', ts, 'Europe/Brussels')`), so a DST day has 23 or 25 hourly
| buckets; days and months come from the daily rollup (never the raw rows).
*/
const ZONE = 'Europe/Brussels'
export type Granularity = 'raw' | 'hour' | 'day' | 'month'

export interface ReadingsFilter {
  buildingId: string
  deviceId?: string
  metric?: string
  from?: string
  to?: string
  granularity?: Granularity
  page?: number
  perPage?: number
}

/** Percent change as a decimal string with 2 decimals, or null without a base. */
export function percentChange(current: number | null, previous: number | null): string | null {
  if (current === null || previous === null || previous === 0) return null
  const pct = ((current - previous) / previous) * 100
  return (Math.round(pct * 100) / 100).toFixed(2)
}

function num(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v)
}

/** Validates the [from, to] dates (inclusive local days) and returns them. */
export function dateRange(from?: string, to?: string, defaultDays = 30) {
  const today = DateTime.now().setZone(ZONE).startOf('day')
  const f = from ? DateTime.fromISO(from, { zone: ZONE }) : today.minus({ days: defaultDays })
  const t = to ? DateTime.fromISO(to, { zone: ZONE }) : today
  if (!f.isValid) throw ApiError.validation('from', 'from must be a valid date (YYYY-MM-DD)')
  if (!t.isValid) throw ApiError.validation('to', 'to must be a valid date (YYYY-MM-DD)')
  if (t < f) throw ApiError.validation('to', 'to must not be before from')
  return { from: f.toISODate()!, to: t.toISODate()! }
}

/** The building's devices (including deleted ones: their readings stay in history). */
async function buildingDevices(buildingId: string, deviceId?: string): Promise<string[]> {
  await assertBuildingExists(buildingId)
  const { trx, organisationId } = currentTenant()
  const q = trx
    .from('iot_devices')
    .where('organisation_id', organisationId)
    .where('building_id', buildingId)
  if (deviceId) q.where('id', deviceId).whereNull('deleted_at')
  const rows = await q.select('id')
  if (deviceId && !rows.length) throw ApiError.notFound('Device not found')
  return rows.map((r: any) => r.id)
}

export async function readings(filter: ReadingsFilter): Promise<Page<Record<string, unknown>>> {
  const devices = await buildingDevices(filter.buildingId, filter.deviceId)
  const { from, to } = dateRange(filter.from, filter.to)
  const granularity = filter.granularity ?? 'day'
  const metric = filter.metric ?? 'energy_wh'
  const page = filter.page ?? 1
  const perPage = filter.perPage ?? (granularity === 'raw' || granularity === 'hour' ? 100 : 400)
  const { trx, organisationId } = currentTenant()
  const fromTs = `(?::date)::timestamp AT TIME ZONE '${ZONE}'`
  const toTs = `((?::date) + 1)::timestamp AT TIME ZONE '${ZONE}'`
  let sql: string
  let params: any[]
  if (granularity === 'raw') {
    sql = `SELECT device_id, metric, ts AS start, value AS sum, value AS avg, value AS min, value AS max, 1 AS count, unit
           FROM iot_readings WHERE organisation_id = ? AND device_id = ANY(?::uuid[]) AND metric = ?
           AND ts >= ${fromTs} AND ts < ${toTs}`
    params = [organisationId, devices, metric, from, to]
  } else if (granularity === 'hour') {
    sql = `SELECT device_id, metric, date_trunc('hour', ts, '${ZONE}') AS start, sum(value) AS sum, avg(value) AS avg,
             min(value) AS min, max(value) AS max, count(*) AS count, max(unit) AS unit
           FROM iot_readings WHERE organisation_id = ? AND device_id = ANY(?::uuid[]) AND metric = ?
           AND ts >= ${fromTs} AND ts < ${toTs}
           GROUP BY device_id, metric, 3`
    params = [organisationId, devices, metric, from, to]
  } else {
    const bucket = granularity === 'day' ? 'day' : `date_trunc('month', day)::date`
    sql = `SELECT device_id, metric, ((${bucket})::timestamp AT TIME ZONE '${ZONE}') AS start,
             sum(total) AS sum, sum(total) / sum(samples) AS avg, min(min_value) AS min, max(max_value) AS max,
             sum(samples) AS count, max(unit) AS unit
           FROM iot_daily_rollups WHERE organisation_id = ? AND device_id = ANY(?::uuid[]) AND metric = ?
           AND day >= ?::date AND day <= ?::date
           GROUP BY device_id, metric, 3`
    params = [organisationId, devices, metric, from, to]
  }
  const res = await trx.rawQuery(
    `SELECT *, count(*) OVER () AS total_rows FROM (${sql}) q ORDER BY start, device_id LIMIT ? OFFSET ?`,
    [...params, perPage, (page - 1) * perPage]
  )
  const total = Number(res.rows[0]?.total_rows ?? 0)
  return {
    data: res.rows.map((r: any) => {
      const start = DateTime.fromJSDate(new Date(r.start)).setZone(ZONE)
      return {
        deviceId: r.device_id,
        metric: r.metric,
        start: start.toUTC().toISO(),
        local: granularity === 'raw' || granularity === 'hour' ? start.toISO() : start.toISODate(),
        sum: num(r.sum),
        avg: num(r.avg),
        min: num(r.min),
        max: num(r.max),
        count: Number(r.count),
        unit: r.unit,
      }
    }),
    meta: { total, perPage, currentPage: page, lastPage: Math.max(1, Math.ceil(total / perPage)) },
  }
}

export async function latestForBuilding(buildingId: string) {
  const devices = await buildingDevices(buildingId)
  const { latestReadings } = await import('./device_service.js')
  return { data: await latestReadings(devices) }
}

/**
 * Statistics per month (or year) over the building's (or one device's) daily totals:
 * total, average per day, min and max day, and month-over-month / year-over-year change
 * of the total as decimal percentage strings.
 */
export async function statistics(filter: {
  buildingId: string
  deviceId?: string
  metric?: string
  period?: 'month' | 'year'
  from?: string
  to?: string
  page?: number
  perPage?: number
}): Promise<Page<Record<string, unknown>>> {
  const devices = await buildingDevices(filter.buildingId, filter.deviceId)
  const period = filter.period ?? 'month'
  const { from, to } = dateRange(filter.from, filter.to, 365)
  const metric = filter.metric ?? 'energy_wh'
  const page = filter.page ?? 1
  const perPage = filter.perPage ?? 24
  const { trx, organisationId } = currentTenant()
  const step = period === 'month' ? '1 month' : '1 year'
  const res = await trx.rawQuery(
    `WITH days AS (
       SELECT day, sum(total) AS total, max(unit) AS unit FROM iot_daily_rollups
       WHERE organisation_id = ? AND device_id = ANY(?::uuid[]) AND metric = ?
         AND day >= (date_trunc('${period}', ?::date) - interval '1 year')::date AND day <= ?::date
       GROUP BY day
     ), periods AS (
       SELECT date_trunc('${period}', day)::date AS period, sum(total) AS total, avg(total) AS avg,
              min(total) AS min, max(total) AS max, count(*) AS days, max(unit) AS unit
       FROM days GROUP BY 1
     ), series AS (
       SELECT g::date AS period FROM generate_series(date_trunc('${period}', ?::date) - interval '1 year',
         date_trunc('${period}', ?::date), interval '${step}') g
     ), joined AS (
       SELECT s.period, p.total, p.avg, p.min, p.max, p.days, p.unit,
              lag(p.total, 1) OVER (ORDER BY s.period) AS prev,
              lag(p.total, ${period === 'month' ? 12 : 1}) OVER (ORDER BY s.period) AS prev_year
       FROM series s LEFT JOIN periods p ON p.period = s.period
     )
     SELECT period::text AS period, total, avg, min, max, days, unit, prev, prev_year, count(*) OVER () AS total_rows
     FROM joined WHERE period >= date_trunc('${period}', ?::date)::date
     ORDER BY period LIMIT ? OFFSET ?`,
    [organisationId, devices, metric, from, to, from, to, from, perPage, (page - 1) * perPage]
  )
  const total = Number(res.rows[0]?.total_rows ?? 0)
  return {
    data: res.rows.map((r: any) => ({
      period: period === 'month' ? String(r.period).slice(0, 7) : String(r.period).slice(0, 4),
      metric,
      unit: r.unit ?? null,
      total: num(r.total),
      average: r.avg === null ? null : Math.round(Number(r.avg) * 100) / 100,
      min: num(r.min),
      max: num(r.max),
      days: Number(r.days ?? 0),
      momChange: period === 'month' ? percentChange(num(r.total), num(r.prev)) : null,
      yoyChange: percentChange(num(r.total), num(r.prev_year)),
    })),
    meta: { total, perPage, currentPage: page, lastPage: Math.max(1, Math.ceil(total / perPage)) },
  }
}

export async function listAnomalies(filter: {
  buildingId: string
  deviceId?: string
  from?: string
  to?: string
  page?: number
  perPage?: number
}) {
  const devices = await buildingDevices(filter.buildingId, filter.deviceId)
  const { trx, organisationId } = currentTenant()
  const page = filter.page ?? 1
  const perPage = filter.perPage ?? 20
  const q = trx
    .from('iot_anomalies as a')
    .join('iot_devices as d', (j) =>
      j.on('d.id', 'a.device_id').andOn('d.organisation_id', 'a.organisation_id')
    )
    .where('a.organisation_id', organisationId)
    .whereIn('a.device_id', devices)
  if (filter.from) q.where('a.day', '>=', filter.from)
  if (filter.to) q.where('a.day', '<=', filter.to)
  const rows = await q
    .select(
      'a.id',
      'a.device_id',
      'd.name as device_name',
      'd.unit_id',
      'a.metric',
      trx.raw('a.day::text as day'),
      'a.value',
      'a.baseline',
      'a.notified_at',
      trx.raw('count(*) over () as total_rows')
    )
    .orderBy('a.day', 'desc')
    .orderBy('a.id')
    .limit(perPage)
    .offset((page - 1) * perPage)
  const total = Number(rows[0]?.total_rows ?? 0)
  return {
    data: rows.map((r: any) => ({
      id: r.id,
      deviceId: r.device_id,
      deviceName: r.device_name,
      unitId: r.unit_id,
      metric: r.metric,
      day: r.day,
      value: Number(r.value),
      baseline: Math.round(Number(r.baseline) * 100) / 100,
      ratio: (Math.round((Number(r.value) / Number(r.baseline)) * 10000) / 100).toFixed(2),
      notifiedAt: r.notified_at ? new Date(r.notified_at).toISOString() : null,
    })),
    meta: { total, perPage, currentPage: page, lastPage: Math.max(1, Math.ceil(total / perPage)) },
  }
}

export async function listRejected(buildingId: string, page = 1, perPage = 20) {
  const devices = await buildingDevices(buildingId)
  const { trx, organisationId } = currentTenant()
  const rows = await trx
    .from('iot_rejected_messages')
    .where('organisation_id', organisationId)
    .whereIn('device_id', devices)
    .select(
      'id',
      'device_id',
      'topic',
      'payload',
      'reason',
      'received_at',
      trx.raw('count(*) over () as total_rows')
    )
    .orderBy('received_at', 'desc')
    .limit(perPage)
    .offset((page - 1) * perPage)
  const total = Number(rows[0]?.total_rows ?? 0)
  return {
    data: rows.map((r: any) => ({
      id: r.id,
      deviceId: r.device_id,
      topic: r.topic,
      payload: r.payload,
      reason: r.reason,
      receivedAt: new Date(r.received_at).toISOString(),
    })),
    meta: { total, perPage, currentPage: page, lastPage: Math.max(1, Math.ceil(total / perPage)) },
  }
}
