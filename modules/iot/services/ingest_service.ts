import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { DateTime } from 'luxon'
import { from as copyFrom } from 'pg-copy-streams'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { currentTenant } from '#tenancy/tenant_context'
import { supportsCopyProtocol } from '#embedded/capabilities'
import { monthOfPartition } from './partition_sql.js'

/*
| Ingest: COPY into a transaction-local staging table, then ONE
| `INSERT … ON CONFLICT DO NOTHING RETURNING` into the partitioned `iot_readings`,
| whose returned rows (only the new ones) feed the daily rollup in the same statement.
| Re-ingesting the same readings therefore changes nothing (idempotent), and the
| rollup never counts a reading twice. Rows outside the existing partitions (older
| than the retention window or too far ahead) are skipped and counted.
*/
export interface ReadingInput {
  deviceId: string
  metric: string
  ts: Date
  value: number
  unit: string
}

export interface IngestResult {
  received: number
  inserted: number
  skipped: number
}

const METRIC = /^[a-z][a-z0-9_]{0,39}$/
const UNIT = /^[^\t\n\r\\]{1,16}$/
const ZONE = 'Europe/Brussels'

let boundsCache: { at: number; from: Date; to: Date } | undefined

/** [first partition start, last partition end) as instants; read from the catalog. */
export async function partitionBounds(trx: TransactionClientContract, fresh = false) {
  if (!fresh && boundsCache && Date.now() - boundsCache.at < 60_000) return boundsCache
  const res = await trx.rawQuery(
    `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'iot_readings'::regclass`
  )
  const months = (res.rows as Array<{ relname: string }>)
    .map((r) => monthOfPartition(r.relname))
    .filter((m): m is Date => m !== null)
    .sort((a, b) => a.getTime() - b.getTime())
  const first = months[0] ?? new Date()
  const last = months[months.length - 1] ?? new Date(0)
  const local = (m: Date, plus: number) =>
    DateTime.fromObject(
      { year: m.getUTCFullYear(), month: m.getUTCMonth() + 1, day: 1 },
      { zone: ZONE }
    )
      .plus({ months: plus })
      .toJSDate()
  boundsCache = { at: Date.now(), from: local(first, 0), to: local(last, 1) }
  return boundsCache
}

export function resetPartitionBoundsCache() {
  boundsCache = undefined
}

/** The pg client holding the tenant transaction (COPY needs the raw connection). */
async function rawConnection(trx: TransactionClientContract): Promise<any> {
  return (trx.getWriteClient() as any).client.acquireConnection()
}

function copyLine(r: ReadingInput) {
  return `${r.deviceId}\t${r.metric}\t${r.ts.toISOString()}\t${r.value}\t${r.unit}\n`
}

export function validReading(r: ReadingInput) {
  return (
    METRIC.test(r.metric) &&
    UNIT.test(r.unit) &&
    Number.isFinite(r.value) &&
    r.ts instanceof Date &&
    !Number.isNaN(r.ts.getTime())
  )
}

const ROLLUP_SQL = `roll AS (
       INSERT INTO iot_daily_rollups AS r (organisation_id, device_id, metric, day, total, samples, min_value, max_value, unit)
       SELECT ?::uuid, device_id, metric, (ts AT TIME ZONE 'Europe/Brussels')::date,
              sum(value), count(*), min(value), max(value), max(unit)
       FROM ins GROUP BY device_id, metric, (ts AT TIME ZONE 'Europe/Brussels')::date
       -- Rows locked in key order: concurrent ingests of the same devices wait, never deadlock.
       ORDER BY 2, 3, 4
       ON CONFLICT (organisation_id, device_id, metric, day) DO UPDATE SET
         total = r.total + excluded.total,
         samples = r.samples + excluded.samples,
         min_value = least(r.min_value, excluded.min_value),
         max_value = greatest(r.max_value, excluded.max_value)
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM ins)::int AS inserted,
            (SELECT count(*) FROM iot_staging WHERE ts < ? OR ts >= ?)::int AS skipped`

/**
 * The ingest statement: staged rows → iot_readings (only new ones returned) → rollup.
 * Bindings (slow): org, from, to, org, from, to; (fast): org, then org, from, to twice, org, from, to.
 */
function ingestSql(fast: boolean) {
  const columns = 'INSERT INTO iot_readings (organisation_id, device_id, metric, ts, value, unit)'
  const returning = 'RETURNING device_id, metric, ts, value, unit'
  if (!fast) {
    return `WITH ins AS (
       ${columns}
       SELECT ?::uuid, device_id, metric, ts, value, unit FROM iot_staging
       WHERE ts >= ? AND ts < ?
       ON CONFLICT DO NOTHING ${returning}
     ), ${ROLLUP_SQL}`
  }
  return `WITH last AS MATERIALIZED (
       SELECT k.device_id, k.metric,
              (SELECT max(r.ts) FROM iot_readings r
                WHERE r.organisation_id = ?::uuid AND r.device_id = k.device_id AND r.metric = k.metric) AS last_ts
       FROM (SELECT DISTINCT device_id, metric FROM iot_staging) k
     ), staged AS (
       SELECT s.device_id, s.metric, s.ts, s.value, s.unit, (l.last_ts IS NULL OR s.ts > l.last_ts) AS fresh
       FROM iot_staging s JOIN last l ON l.device_id = s.device_id AND l.metric = s.metric
     ), ins_new AS (
       ${columns}
       SELECT ?::uuid, device_id, metric, ts, value, unit FROM staged
       WHERE fresh AND ts >= ? AND ts < ? ${returning}
     ), ins_old AS (
       ${columns}
       SELECT ?::uuid, device_id, metric, ts, value, unit FROM staged
       WHERE NOT fresh AND ts >= ? AND ts < ?
       ON CONFLICT DO NOTHING ${returning}
     ), ins AS (SELECT * FROM ins_new UNION ALL SELECT * FROM ins_old), ${ROLLUP_SQL}`
}

/** The metric the anomaly rule reads (daily energy totals). */
export const ANOMALY_METRIC = 'energy_wh'

/**
 * Keeps `prev7_total` / `prev7_days` of the anomaly metric's rollup right for every day
 * whose 7-day window the staged readings touched (their day and the 7 following ones).
 * Per-device advisory locks (taken in order) serialise concurrent ingests of the same
 * device, and the UPDATE runs after them with a fresh READ COMMITTED snapshot, so it sees
 * every committed day: the last writer always computes from complete data.
 */
async function refreshPrev7(trx: TransactionClientContract, organisationId: string) {
  await trx.rawQuery(
    `SELECT pg_advisory_xact_lock(hashtextextended('iot_prev7:' || device_id::text, 0))
     FROM (SELECT DISTINCT device_id FROM iot_staging WHERE metric = ? ORDER BY device_id) d`,
    [ANOMALY_METRIC]
  )
  await trx.rawQuery(
    `WITH touched AS (
       SELECT DISTINCT device_id, (ts AT TIME ZONE 'Europe/Brussels')::date AS day
       FROM iot_staging WHERE metric = ?
     ), affected AS (
       SELECT DISTINCT t.device_id, t.day + k AS day FROM touched t, generate_series(0, 7) k
     ), calc AS MATERIALIZED (
       -- One index range probe per affected day (LATERAL), computed once.
       SELECT a.device_id, a.day, w.s, w.n FROM affected a
       CROSS JOIN LATERAL (
         SELECT sum(p.total) AS s, count(*) AS n FROM iot_daily_rollups p
         WHERE p.organisation_id = ?::uuid AND p.device_id = a.device_id
           AND p.metric = ? AND p.day BETWEEN a.day - 7 AND a.day - 1
       ) w
     )
     UPDATE iot_daily_rollups r SET prev7_total = c.s, prev7_days = c.n
     FROM calc c
     WHERE r.organisation_id = ?::uuid AND r.device_id = c.device_id AND r.metric = ? AND r.day = c.day`,
    [ANOMALY_METRIC, organisationId, ANOMALY_METRIC, organisationId, ANOMALY_METRIC]
  )
}

/** Ingests readings inside the current tenant transaction. */
export async function ingestReadings(
  rows: Iterable<ReadingInput> | AsyncIterable<ReadingInput>
): Promise<IngestResult> {
  const { trx, organisationId } = currentTenant()
  const conn = await rawConnection(trx)
  await trx.rawQuery(
    `CREATE TEMP TABLE IF NOT EXISTS iot_staging (device_id uuid, metric text COLLATE "C", ts timestamptz, value float8, unit text) ON COMMIT DROP`
  )
  await trx.rawQuery('TRUNCATE iot_staging')

  let received = 0
  let anomalyMetric = false
  /** Validated readings in batches of 5,000. */
  async function* batches() {
    let batch: ReadingInput[] = []
    for await (const r of rows as AsyncIterable<ReadingInput>) {
      if (!validReading(r)) throw new Error(`invalid reading for metric "${r.metric}"`)
      batch.push(r)
      received++
      if (r.metric === ANOMALY_METRIC) anomalyMetric = true
      if (batch.length === 5000) {
        yield batch
        batch = []
      }
    }
    if (batch.length) yield batch
  }
  if (supportsCopyProtocol()) {
    async function* lines() {
      for await (const batch of batches()) yield batch.map(copyLine).join('')
    }
    const copy = conn.query(
      copyFrom('COPY iot_staging (device_id, metric, ts, value, unit) FROM STDIN')
    )
    await pipeline(Readable.from(lines()), copy)
  } else {
    // The embedded database has no COPY protocol: one array-bound INSERT per batch.
    for await (const batch of batches()) {
      await trx.rawQuery(
        `INSERT INTO iot_staging (device_id, metric, ts, value, unit)
         SELECT * FROM unnest(?::uuid[], ?::text[], ?::timestamptz[], ?::float8[], ?::text[])`,
        [
          batch.map((r) => r.deviceId),
          batch.map((r) => r.metric),
          batch.map((r) => r.ts.toISOString()),
          batch.map((r) => r.value),
          batch.map((r) => r.unit),
        ]
      )
    }
  }
  if (received === 0) return { received: 0, inserted: 0, skipped: 0 }

  const { from, to } = await partitionBounds(trx)
  // Fast path: readings after the last stored one of their series cannot conflict with
  // stored rows, so they take a plain INSERT (about twice as fast as the speculative
  // insertion of ON CONFLICT); older ones go through ON CONFLICT DO NOTHING. A duplicate
  // inside the batch or a concurrent ingest of the same new rows raises 23505: the
  // savepoint is rolled back and the whole batch goes through ON CONFLICT.
  const bindings = [organisationId, from, to]
  await trx.rawQuery('SAVEPOINT iot_ingest')
  let res
  try {
    res = await trx.rawQuery(ingestSql(true), [
      organisationId,
      ...bindings,
      ...bindings,
      organisationId,
      from,
      to,
    ])
    await trx.rawQuery('RELEASE SAVEPOINT iot_ingest')
  } catch (error) {
    if ((error as { code?: string }).code !== '23505') throw error
    await trx.rawQuery('ROLLBACK TO SAVEPOINT iot_ingest')
    res = await trx.rawQuery(ingestSql(false), [...bindings, organisationId, from, to])
  }
  if (anomalyMetric) await refreshPrev7(trx, organisationId)
  await trx.rawQuery('TRUNCATE iot_staging')
  return { received, inserted: res.rows[0].inserted, skipped: res.rows[0].skipped }
}
