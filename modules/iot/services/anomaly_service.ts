import db from '@adonisjs/lucid/services/db'
import { currentTenant } from '#tenancy/tenant_context'
import { notify } from '#services/notification_service'

/*
| Anomaly rule (SPEC §9): a day whose total is STRICTLY greater than 120 % of the
| average of the 7 previous calendar days; a day without 7 previous days of data is
| never flagged. Integer-exact comparison: total > 1.2 × (Σ7 / 7) ⇔ 35 × total > 6 × Σ7.
| The SQL (window function over the daily rollups) and this function implement the
| same rule; the unit tests pin both.
*/
import { ANOMALY_METRIC } from './ingest_service.js'

export { ANOMALY_METRIC }

export function isAnomaly(total: number, previous: number[]) {
  if (previous.length < 7) return false
  const sum = previous.slice(-7).reduce((a, b) => a + b, 0)
  return 35 * total > 6 * sum
}

/** Days flagged by the rule (window over the rollups, RANGE of 7 calendar days). */
export function anomalyWindowSql(extra = '') {
  // ROWS frame of the 7 previous rows + lag(day, 7): the 7 rows are the 7 previous
  // calendar days exactly when the 7th row back is day − 7 (days are unique per
  // device). Cheaper than a RANGE frame with an interval offset; the metric is fixed by
  // the WHERE, so the partition is the device alone.
  return `
    SELECT device_id, metric, day, total, prev_sum / 7 AS baseline FROM (
      SELECT device_id, metric, day, total,
             sum(total) OVER w AS prev_sum, lag(day, 7) OVER w AS day7
      FROM iot_daily_rollups
      WHERE organisation_id = ? AND metric = ? ${extra}
      WINDOW w AS (PARTITION BY device_id ORDER BY day ROWS BETWEEN 7 PRECEDING AND 1 PRECEDING)
    ) d
    WHERE day7 = day - 7 AND 35 * total > 6 * prev_sum`
}

/**
 * The same rule on the 7-day sums the ingest keeps in the rollup (`prev7_total`,
 * `prev7_days`): a filter over the rows, what the scans run. `anomalyWindowSql` stays
 * the reference definition; the unit tests check both agree.
 */
export function anomalyFilterSql(extra = '') {
  return `
    SELECT device_id, metric, day, total, prev7_total / 7 AS baseline
    FROM iot_daily_rollups
    WHERE organisation_id = ? AND metric = ? ${extra}
      AND prev7_days = 7 AND 35 * total > 6 * prev7_total`
}

/**
 * Stores the anomalies of the current organisation (optionally for some devices / from
 * a day) and notifies, for each NEW one, the syndics and the owners of the device's
 * unit. Idempotent: the unique (device, metric, day) makes a second scan insert and
 * notify nothing.
 */
export async function scanAnomalies(opts: { deviceIds?: string[]; fromDay?: string } = {}) {
  const { trx, organisationId } = currentTenant()
  const params: any[] = [organisationId, ANOMALY_METRIC]
  let extra = ''
  if (opts.deviceIds) {
    extra += ' AND device_id = ANY(?::uuid[])'
    params.push(opts.deviceIds)
  }
  if (opts.fromDay) {
    extra += ` AND day >= ?::date`
    params.push(opts.fromDay)
  }
  const res = await trx.rawQuery(
    `WITH found AS (${anomalyFilterSql(extra)})
     INSERT INTO iot_anomalies (organisation_id, device_id, metric, day, value, baseline)
     SELECT ?::uuid, device_id, metric, day, total, baseline FROM found
     ${opts.fromDay ? 'WHERE day >= ?::date' : ''}
     ON CONFLICT (organisation_id, device_id, metric, day) DO NOTHING
     RETURNING id, device_id, metric, day::text AS day, value, baseline`,
    [...params, organisationId, ...(opts.fromDay ? [opts.fromDay] : [])]
  )
  const created = res.rows as Array<{
    id: string
    device_id: string
    day: Date | string
    value: number
    baseline: number
  }>
  if (created.length) await notifyAnomalies(created)
  return { created: created.length }
}

async function notifyAnomalies(
  rows: Array<{
    id: string
    device_id: string
    day: Date | string
    value: number
    baseline: number
  }>
) {
  const { trx, organisationId } = currentTenant()
  const syndics = await db
    .from('memberships')
    .useTransaction(trx)
    .where('organisation_id', organisationId)
    .whereIn('role', ['syndic', 'admin'])
    .select('user_id')
  const deviceIds = [...new Set(rows.map((r) => r.device_id))]
  const devices = await trx
    .from('iot_devices')
    .where('organisation_id', organisationId)
    .whereIn('id', deviceIds)
    .select('id', 'name', 'unit_id', 'building_id')
  const ownersByUnit = new Map<string, string[]>()
  const unitIds = devices.map((d: any) => d.unit_id).filter(Boolean)
  if (unitIds.length) {
    const owners = await trx.rawQuery(
      `SELECT uo.unit_id, o.user_id FROM unit_owners uo JOIN owners o ON o.id = uo.owner_id AND o.organisation_id = uo.organisation_id
       WHERE uo.organisation_id = ? AND uo.unit_id = ANY(?::uuid[]) AND o.user_id IS NOT NULL
         AND (uo.end_date IS NULL OR (uo.end_date > current_date AND uo.end_date > uo.start_date))`,
      [organisationId, unitIds]
    )
    for (const o of owners.rows)
      ownersByUnit.set(o.unit_id, [...(ownersByUnit.get(o.unit_id) ?? []), o.user_id])
  }
  const byId = new Map(devices.map((d: any) => [d.id, d]))
  for (const row of rows) {
    const device: any = byId.get(row.device_id)
    const day =
      row.day instanceof Date ? row.day.toISOString().slice(0, 10) : String(row.day).slice(0, 10)
    // Percent of the baseline, rounded half-up (the title shows it without decimals).
    const pct = Math.round((row.value / row.baseline) * 100)
    await notify({
      userIds: [
        ...syndics.map((s: any) => s.user_id),
        ...(device?.unit_id ? (ownersByUnit.get(device.unit_id) ?? []) : []),
      ],
      type: 'iot.anomaly_detected',
      // Rendered in each recipient's language (messages: ./notification_messages.ts).
      title: { key: 'iot.anomaly_detected.title', params: { day, pct } },
      body: {
        key: 'iot.anomaly_detected.body',
        params: {
          device: device?.name ?? { key: 'iot.anomaly_detected.meter' },
          value: Math.round(row.value),
          baseline: Math.round(row.baseline),
        },
      },
      url: device ? `/app/iot/buildings/${device.building_id}` : null,
      data: { anomalyId: row.id, deviceId: row.device_id, day },
    })
  }
  await trx
    .from('iot_anomalies')
    .where('organisation_id', organisationId)
    .whereIn(
      'id',
      rows.map((r) => r.id)
    )
    .update({ notified_at: new Date() })
}
