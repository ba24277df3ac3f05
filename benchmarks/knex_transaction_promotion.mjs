/*
| Which allocations of a bare knex transaction outlive the young generation (promoted to
| the old one, so collected only by a major GC)? A reproduction outside the app, for the
| RSS and tail-latency work of issue 3 (benchmarks/NOTES.md).
|
| Runs BEGIN; set_config; select 1; COMMIT through `knex.transaction()` two at a time at
| ~870 pairs/s for BENCH_SECONDS (10) against BENCH_DATABASE_URL (vme_bench), with V8's
| sampling heap profiler keeping only objects NOT collected by a scavenge (BENCH_PROFILE=0
| turns it off), then prints the top allocation sites. Compare with `node --trace-gc-nvp`
| (its `promoted=` field; tests/functional/perf/transaction_promotion.spec.ts does):
|   npx node --max-semi-space-size=4 benchmarks/knex_transaction_promotion.mjs
|   npx node --max-semi-space-size=4 benchmarks/knex_transaction_promotion.mjs plain
| (`plain`: the same statements without a transaction, for contrast).
*/
import knexFactory from 'knex'
import { sampleSurvivors } from './promotion_probe.mjs'

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vme_bench'
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const profile = process.env.BENCH_PROFILE !== '0'
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

const stop = profile ? await sampleSurvivors() : null
let done = 0
const t0 = performance.now()
while (performance.now() - t0 < seconds * 1000) {
  const start = performance.now()
  await Promise.all([one(), one()])
  done += 2
  const wait = 2.3 - (performance.now() - start)
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
}
await knex.destroy()
console.log(`${plain ? 'plain statements' : 'transactions'}: ${done} in ${seconds} s`)
if (stop) {
  const { total, lines } = await stop()
  const each = ((total / done) | 0).toLocaleString('en')
  console.log(`sampled survivors of scavenges ${(total / 2 ** 20).toFixed(2)} MB (${each} B each)`)
  for (const line of lines.slice(0, 15)) console.log(line)
}
