import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import knexFactory from 'knex'
import { embeddedDatabase } from '#embedded/capabilities'
import { scavengePromotedBytes } from '../../../benchmarks/promotion_probe.mjs'

/*
| A finished knex transaction must die young. V8 pretenures a function literal assigned to
| a property (`obj.x = () => …`), and knex assigned ~10 per transaction (pg one per query):
| each old closure kept its young context, so the whole transaction survived every
| scavenge until the next full GC (~2.6–3.5 KB per transaction promoted). The patches in
| scripts/patches/ (knex_transaction_closures, pg_query_callback) define them in object
| literals or locals; this runs benchmarks/knex_transaction_promotion.mjs under
| `--trace-gc-nvp` and sums what the scavenges promoted once knex and pg are loaded.
*/
const script = fileURLToPath(
  new URL('../../../benchmarks/knex_transaction_promotion.mjs', import.meta.url)
)
// knex and pg are loaded by then: what boot promotes is not counted.
const bootMs = 800

test.group('Perf: knex transaction promotion', () => {
  test('a finished transaction is not promoted to the old generation', async ({ assert }) => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--max-semi-space-size=1', '--trace-gc-nvp', script],
      {
        env: {
          ...process.env,
          BENCH_DATABASE_URL: process.env.DATABASE_URL,
          BENCH_SECONDS: '3',
          BENCH_PROFILE: '0',
        },
        maxBuffer: 64 * 1024 * 1024,
      }
    )
    const transactions = Number(/transactions: (\d+)/.exec(stdout)?.[1])
    assert.isAbove(transactions, 500)
    const scavenges = stdout.split('\n').filter((line) => line.includes(' gc=s ')).length
    assert.isAbove(scavenges, 20, 'the run must span many scavenges to mean anything')
    // Unpatched: ~2,600 B per transaction; patched: ~100 B (timers, sockets).
    assert.isBelow(scavengePromotedBytes(stdout, bootMs) / transactions, 1000)
  })
    .skip(embeddedDatabase(), 'embedded PostgreSQL runs one session at a time')
    .timeout(30_000)
})

test.group('knex transactions, patched', () => {
  test('commit, rollback, savepoints and completion behave as knex documents', async ({
    assert,
  }) => {
    const knex = knexFactory({
      client: 'pg',
      connection: process.env.DATABASE_URL,
      pool: { min: 0, max: 2 },
    })
    const table = `knex_patch_probe_${process.pid}`
    const values = async () => (await knex(table).orderBy('v').pluck('v')) as string[]
    await knex.schema.createTable(table, (t) => t.text('v'))
    try {
      const trx = await knex.transaction()
      await trx(table).insert({ v: 'a' })
      const inner = await trx.transaction()
      await inner(table).insert({ v: 'b' })
      await inner.rollback()
      await trx.savepoint(async (kept) => {
        await kept(table).insert({ v: 'c' })
      })
      assert.isFalse(trx.isCompleted())
      await trx.commit()
      assert.isTrue(trx.isCompleted())
      await assert.rejects(
        () => trx(table).insert({ v: 'late' }),
        /Transaction query already complete/
      )
      assert.deepEqual(await values(), ['a', 'c'])

      const dropped = await knex.transaction()
      await dropped(table).insert({ v: 'x' })
      await dropped.rollback()
      assert.deepEqual(await values(), ['a', 'c'])

      const result = await knex.transaction(async (t) => {
        await t(table).insert({ v: 'd' })
        return 'done'
      })
      assert.equal(result, 'done')
      await assert.rejects(
        () =>
          knex.transaction(async (t) => {
            await t(table).insert({ v: 'e' })
            throw new Error('boom')
          }),
        /boom/
      )
      assert.deepEqual(await values(), ['a', 'c', 'd'])
      assert.throws(() => trx.withUserParams({}), /Cannot set user params on a transaction/)
    } finally {
      await knex.schema.dropTableIfExists(table)
      await knex.destroy()
    }
  }).skip(embeddedDatabase(), 'embedded PostgreSQL runs one session at a time')
})
