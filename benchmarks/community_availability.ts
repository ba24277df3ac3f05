/*
| SPEC community target: availability of a resource over 90 days with 10,000 existing
| bookings in the building, p99 < 10 ms.
| Seeds 10 resources (open 08:00–22:00, Sunday 08:00–13:00) × 1,000 bookings (1 h every
| 2 h, from 10 days ago), then measures
| (1) the service path: withTenant + resourceAvailability() (transaction, set_config,
|     one statement: the resource and its busy periods through the partial index under
|     RLS; free periods inside the opening hours), in-process;
| (2) the HTTP path: GET /api/v1/resources/:id/availability?from&to with a bearer token
|     against the compiled build (NODE_ENV=production; auth, tenant, module, permission
|     middleware), one request at a time from a separate client process (constant_rate.mjs).
| Run: npx node ace build (or BENCH_BUILD_DIR=<a private build>), then
|      flock /tmp/vme-bench.lock npx node --import=@poppinss/ts-exec benchmarks/community_availability.ts
*/
/* eslint-disable @unicorn/no-await-expression-member -- a benchmark script reads results inline */
import {
  bootCommunity,
  fmtStats,
  load,
  measureHttp,
  seedCommunity,
  startServer,
  stats,
  time,
  writeSection,
} from './community_common.js'

const N = Number(process.env.BENCH_N ?? 1000)
// A meeting room's usual hours (Brussels time): free periods are cut to them every day.
const OPENING_HOURS = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [
    d,
    [{ from: '08:00', to: d === 'sun' ? '13:00' : '22:00' }],
  ])
)
const app = await bootCommunity('community_avail')
const db = (await import('@adonisjs/lucid/services/db')).default
const { withTenant } = await import('#tenancy/tenant_context')
const { resourceAvailability } = await import('#modules/community/bookings/availability_service')
const { DateTime } = await import('luxon')

const seed = await seedCommunity(db, 200)
const owner = db.connection('owner')
const resources = (
  await owner.rawQuery(
    `insert into community_resources (organisation_id, building_id, name, type, ical_token, max_booking_hours, advance_booking_days, opening_hours)
     select ?, ?, 'Salle ' || g, 'room', md5(random()::text) || md5(random()::text), 12, 90, ?::jsonb from generate_series(1, 10) g returning id`,
    [seed.org, seed.buildingId, JSON.stringify(OPENING_HOURS)]
  )
).rows.map((r: any) => r.id as string)
await owner.rawQuery(
  `insert into community_bookings (organisation_id, resource_id, building_id, owner_id, starts_at, ends_at, status)
   select ?, r.id, ?, (?::uuid[])[1 + (g % 200)],
          date_trunc('hour', now()) - interval '10 days' + g * interval '2 hours',
          date_trunc('hour', now()) - interval '10 days' + g * interval '2 hours' + interval '1 hour',
          (array['confirmed','confirmed','confirmed','pending','checked_out','cancelled'])[1 + (g % 6)]
     from unnest(?::uuid[]) r(id), generate_series(0, 999) g`,
  [seed.org, seed.buildingId, seed.ownerIds, resources]
)
await owner.rawQuery('vacuum analyze')
const [{ n: total }] = (
  await owner.rawQuery(`select count(*)::int n from community_bookings where organisation_id = ?`, [
    seed.org,
  ])
).rows
const target = resources[0]
const from = DateTime.utc().startOf('hour')
const to = from.plus({ days: 90 })

const loadBefore = load()
// (1) service path
let sample: any
for (let i = 0; i < 50; i++)
  sample = await withTenant(seed.org, () => resourceAvailability(target, from, to))
const service: number[] = []
for (let i = 0; i < N; i++)
  service.push(await time(() => withTenant(seed.org, () => resourceAvailability(target, from, to))))
const s1 = stats(service)

// (1b) database side only: EXPLAIN ANALYZE planning + execution of the same statement,
// as the app role under RLS (the owner would bypass the policies and plan differently).
const dbSide: number[] = []
for (let i = 0; i < 200; i++) {
  const plan = await withTenant(seed.org, (trx) =>
    trx.rawQuery(
      `EXPLAIN (ANALYZE, FORMAT JSON) SELECT starts_at, ends_at, status FROM community_bookings
        WHERE organisation_id = ? AND resource_id = ? AND status IN ('pending', 'confirmed', 'checked_in')
          AND ends_at > ?::timestamptz AND starts_at < ?::timestamptz`,
      [seed.org, target, from.toISO()!, to.toISO()!]
    )
  )
  const top = plan.rows[0]['QUERY PLAN'][0]
  dbSide.push(top['Planning Time'] + top['Execution Time'])
}
const s0 = stats(dbSide)

// (2) HTTP path
const server = await startServer()
const loadMid = load()
const url = `${server.base}/api/v1/resources/${target}/availability?from=${encodeURIComponent(from.toISO()!)}&to=${encodeURIComponent(to.toISO()!)}`
const headers = { 'authorization': `Bearer ${seed.token}`, 'x-organisation': seed.org }
const check = await fetch(url, { headers })
if (check.status !== 200) throw new Error(`HTTP ${check.status}: ${await check.text()}`)
const body = (await check.json()) as any
const { main: s2, floor: f2 } = await measureHttp(
  () => url,
  `${server.base}/api/v1/resources/${target}`,
  headers,
  N
)
server.stop()

const lines = [
  `bookings in the building: ${total} (10 resources × 1,000), range 90 days`,
  `busy periods returned: ${JSON.parse(sample).busy.length} (HTTP: ${body.busy.length}), free periods: ${JSON.parse(sample).free.length}`,
  `machine: 2 cores shared with other sessions; load average (1/5/15 min) ${loadBefore} before the service run, ${loadMid} before the HTTP run, ${load()} at the end`,
  `database only (EXPLAIN ANALYZE planning + execution, app role under RLS): ${fmtStats(s0)}`,
  `service path (withTenant + resourceAvailability): ${fmtStats(s1)}`,
  `HTTP path, compiled build (GET /resources/:id/availability): ${fmtStats(s2)}`,
  `HTTP floor, same server, same client (GET /resources/:id, one row): ${fmtStats(f2)}`,
  `target p99 < 10 ms: service ${s1.p99 < 10 ? 'PASS' : 'FAIL'}, HTTP ${s2.p99 < 10 ? 'PASS' : 'FAIL'}`,
]
console.log(lines.join('\n'))
writeSection(
  'Availability over 90 days (10,000 bookings in the building)',
  lines.map((l) => `- ${l}`).join('\n')
)
await app.terminate()
process.exit(0)
