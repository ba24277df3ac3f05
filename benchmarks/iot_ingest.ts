/*
| IoT ingest (issue #11): ≥ 50,000 readings/s sustained over 5 M readings, through the
| real path: COPY into the staging table + one INSERT … ON CONFLICT DO NOTHING into the
| partitioned iot_readings + the daily rollup, 100k readings per tenant transaction.
|   npx node --import=@poppinss/ts-exec benchmarks/iot_ingest.ts
| env: BENCH_READINGS (5000000), BENCH_BATCH (100000), BENCH_DEVICES (200)
*/
import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { cpus, loadavg } from 'node:os'
import { readFileSync } from 'node:fs'
import { bootIot, benchOrganisation } from './iot_common.js'

const TOTAL = Number(process.env.BENCH_READINGS ?? 5_000_000)
const BATCH = Number(process.env.BENCH_BATCH ?? 100_000)
const DEVICES = Number(process.env.BENCH_DEVICES ?? 200)
/** Parallel ingest streams (like several worker processes); each owns a slice of the batches. */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 2)

const app = await bootIot('iot_ingest')
await app.start(async () => {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const { withTenant } = await import('#tenancy/tenant_context')
  const { ingestReadings } = await import('../modules/iot/services/ingest_service.js')
  const { org } = await benchOrganisation(db)
  const devices = Array.from({ length: DEVICES }, () => randomUUID())
  const perDevice = Math.ceil(TOTAL / DEVICES)
  // 30-minute power readings ending yesterday, per device.
  const end =
    Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) -
    86400_000
  const start = end - perDevice * 1800_000
  function* batch(offset: number, count: number) {
    for (let i = offset; i < offset + count; i++) {
      const d = i % DEVICES
      const k = Math.floor(i / DEVICES)
      yield {
        deviceId: devices[d],
        metric: 'power_w',
        ts: new Date(start + k * 1800_000),
        value: 300 + ((i * 7919) % 2000),
        unit: 'W',
      }
    }
  }
  let inserted = 0
  // CPU actually consumed by this node process and the PostgreSQL backends of this
  // database: the cost of the ingest, independent of how busy the shared machine is.
  const backends = async (): Promise<number[]> => {
    const res = await db
      .connection('owner')
      .rawQuery('select pid from pg_stat_activity where datname = current_database()')
    return res.rows.map((r: { pid: number }) => r.pid as number)
  }
  const cpuOf = (pid: number) => {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
      return (Number(f[11]) + Number(f[12])) * 10
    } catch {
      return 0
    }
  }
  // Warm the pool so the stream connections exist before the first sample.
  await Promise.all(
    Array.from({ length: CONCURRENCY }, () => withTenant(org, (trx) => trx.rawQuery('select 1')))
  )
  const pids = await backends()
  const pgBefore = pids.reduce((a, p) => a + cpuOf(p), 0)
  const nodeBefore = process.cpuUsage()
  const t0 = performance.now()
  const lap: number[] = []
  const offsets: number[] = []
  for (let off = 0; off < TOTAL; off += BATCH) offsets.push(off)
  async function stream() {
    for (let off = offsets.shift(); off !== undefined; off = offsets.shift()) {
      const t = performance.now()
      const n = Math.min(BATCH, TOTAL - off)
      const r = await withTenant(org, () => ingestReadings(batch(off, n)))
      inserted += r.inserted
      lap.push((n / (performance.now() - t)) * 1000)
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, () => stream()))
  const secs = (performance.now() - t0) / 1000
  const nodeCpu = process.cpuUsage(nodeBefore)
  const after = await backends()
  const newPids = after.filter((p) => !pids.includes(p))
  const pgCpuMs =
    pids.reduce((a, p) => a + cpuOf(p), 0) - pgBefore + newPids.reduce((a, p) => a + cpuOf(p), 0)
  const cpuSecs = pgCpuMs / 1000 + (nodeCpu.user + nodeCpu.system) / 1e6
  const again = performance.now()
  const dup = await withTenant(org, () => ingestReadings(batch(0, BATCH)))
  const dupSecs = (performance.now() - again) / 1000
  const rollups = await db
    .connection('owner')
    .rawQuery('select count(*)::int n, sum(samples)::bigint s from iot_daily_rollups')
  lap.sort((a, b) => a - b)
  console.log(
    `iot ingest: ${TOTAL.toLocaleString('en')} readings (${DEVICES} devices, batches of ${BATCH.toLocaleString('en')}, ${CONCURRENCY} parallel streams) in ${secs.toFixed(1)} s`
  )
  console.log(
    `  sustained rate        ${Math.round(TOTAL / secs).toLocaleString('en')} readings/s (per stream: slowest batch ${Math.round(lap[0]).toLocaleString('en')}/s, median ${Math.round(lap[Math.floor(lap.length / 2)]).toLocaleString('en')}/s)`
  )
  console.log(
    `  CPU consumed          ${cpuSecs.toFixed(1)} s (PostgreSQL ${(pgCpuMs / 1000).toFixed(1)} s + node ${((nodeCpu.user + nodeCpu.system) / 1e6).toFixed(1)} s) → ${Math.round(TOTAL / cpuSecs).toLocaleString('en')} readings per CPU-second, ${Math.round((2 * TOTAL) / cpuSecs).toLocaleString('en')}/s on 2 dedicated cores`
  )
  console.log(
    `  inserted              ${inserted.toLocaleString('en')} (rollup rows ${rollups.rows[0].n}, samples ${rollups.rows[0].s})`
  )
  console.log(
    `  re-ingest ${BATCH.toLocaleString('en')} dups  ${dup.inserted} inserted in ${dupSecs.toFixed(2)} s`
  )
  console.log(
    `  load average: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} on ${cpus().length} cores (shared machine)`
  )
})
await app.terminate()
