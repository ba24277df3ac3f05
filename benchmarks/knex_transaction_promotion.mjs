/*
| Which allocations of a bare knex transaction outlive the young generation (promoted to
| the old one, so collected only by a major GC)? A reproduction outside the app, for the
| RSS and tail-latency work of issue 3 (benchmarks/NOTES.md, 2026-12-01 fourth session).
|
| Runs BEGIN; set_config; select 1; COMMIT through `knex.transaction()` two at a time at
| ~870 pairs/s for BENCH_SECONDS (10) against BENCH_DATABASE_URL (vme_bench), with V8's
| sampling heap profiler keeping only objects NOT collected by a scavenge, then prints
| the top allocation sites. Compare with `node --trace-gc-nvp` (its `promoted=` field):
|   npx node --max-semi-space-size=4 benchmarks/knex_transaction_promotion.mjs
|   npx node --max-semi-space-size=4 benchmarks/knex_transaction_promotion.mjs plain
| (`plain`: the same statements without a transaction, for contrast).
*/
import knexFactory from 'knex'
import { Session } from 'node:inspector/promises'

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vme_bench'
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const plain = process.argv[2] === 'plain'
const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 2, max: 10 } })
const tenant = '00000000-0000-0000-0000-000000000000'

async function one() {
  if (plain) {
    await knex.raw(`select set_config('app.tenant_id', ?, false)`, [tenant])
    await knex.raw('select 1 as x')
    return
  }
  const trx = await knex.transaction()
  await trx.raw(`select set_config('app.tenant_id', ?, true)`, [tenant])
  await trx.raw('select 1 as x')
  await trx.commit()
}

const session = new Session()
session.connect()
await session.post('HeapProfiler.enable')
await session.post('HeapProfiler.startSampling', {
  samplingInterval: 4096,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: false,
})
let done = 0
const t0 = performance.now()
while (performance.now() - t0 < seconds * 1000) {
  const start = performance.now()
  await Promise.all([one(), one()])
  done += 2
  const wait = 2.3 - (performance.now() - start)
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
}
const { profile } = await session.post('HeapProfiler.stopSampling')
await knex.destroy()

const sizes = new Map()
for (const s of profile.samples) sizes.set(s.nodeId, (sizes.get(s.nodeId) ?? 0) + s.size)
const bySite = new Map()
let total = 0
function walk(node, caller) {
  const f = node.callFrame
  const site = `${f.functionName || '(anonymous)'} ${f.url.replace(/.*node_modules\//, '')}:${f.lineNumber} < ${caller}`
  const self = sizes.get(node.id) ?? 0
  if (self) {
    total += self
    bySite.set(site, (bySite.get(site) ?? 0) + self)
  }
  for (const child of node.children)
    walk(child, `${f.functionName || '(anonymous)'}:${f.lineNumber}`)
}
walk(profile.head, '')
const mb = (n) => (n / 2 ** 20).toFixed(2)
console.log(
  `${plain ? 'plain statements' : 'transactions'}: ${done} in ${seconds} s; ` +
    `sampled survivors of scavenges ${mb(total)} MB (${((total / done) | 0).toLocaleString('en')} B each)`
)
for (const [site, size] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, 15))
  console.log(`${mb(size).padStart(7)} MB  ${site}`)
