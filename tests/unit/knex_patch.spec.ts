import { test } from '@japa/runner'
import { createRequire } from 'node:module'
import { readdirSync, readFileSync } from 'node:fs'
import knexFactory from 'knex'

/*
| scripts/patches/knex_shared_prototype.mjs (applied on install): knex instances take their
| query methods from one shared prototype. These pin that the patch is applied and that a
| knex instance behaves as before (SQL, events, withUserParams, QueryBuilder.extend).
*/
const require = createRequire(import.meta.url)
const QueryInterface: string[] = require('knex/lib/query/method-constants')

function pgKnex() {
  return knexFactory({ client: 'pg' })
}

test.group('knex shared prototype patch', () => {
  test('query methods are inherited, not rebuilt per instance', ({ assert }) => {
    const a = pgKnex()
    const b = pgKnex()
    assert.isTrue(QueryInterface.length > 100)
    for (const method of QueryInterface) {
      assert.isFalse(Object.hasOwn(a, method), method)
      assert.equal(typeof (a as any)[method], 'function', method)
      assert.strictEqual((a as any)[method], (b as any)[method], method)
    }
    assert.isBelow(Object.keys(a).length, 10)
    assert.strictEqual(Object.getPrototypeOf(a), Object.getPrototypeOf(b))
    assert.instanceOf(a, Function)
  })

  test('builds the same SQL and keeps each instance its own client and events', ({ assert }) => {
    const a = pgKnex()
    const b = pgKnex()
    assert.equal(
      a('units').where('building_id', 1).orderBy('number').limit(20).toString(),
      'select * from "units" where "building_id" = 1 order by "number" asc limit 20'
    )
    assert.equal(a.select('x').from('t').toString(), 'select "x" from "t"')
    assert.equal(a.raw('select ?::int', [1]).toString(), 'select 1::int')
    assert.equal(typeof a.schema.createTable, 'function')
    assert.equal(a.fn.now().toString(), 'CURRENT_TIMESTAMP')
    assert.notStrictEqual(a.client, b.client)

    const seen: string[] = []
    a.on('query', (q: { sql: string }) => seen.push(`a:${q.sql}`))
    b.on('query', (q: { sql: string }) => seen.push(`b:${q.sql}`))
    a.client.emit('query', { sql: 'one' })
    b.client.emit('query', { sql: 'two' })
    assert.deepEqual(seen, ['a:one', 'b:two'])
  })

  test('withUserParams clones; QueryBuilder.extend reaches new and existing instances', ({
    assert,
  }) => {
    const a = pgKnex()
    const clone = a.withUserParams({ tenant: 'x' })
    assert.deepEqual(clone.userParams, { tenant: 'x' })
    assert.deepEqual(a.userParams, {})
    assert.equal(clone('t').select('y').toString(), 'select "y" from "t"')

    const name = `vmeTestMethod${Date.now()}`
    knexFactory.QueryBuilder.extend(name as any, function (this: any) {
      return this.where('patched', true)
    })
    const b = pgKnex()
    for (const instance of [b, a])
      assert.equal(
        (instance as any)[name]().from('t').toString(),
        'select * from "t" where "patched" = true'
      )
  })
})

test.group('dependency patches', () => {
  test('every patch in scripts/patches is applied to the installed package', async ({ assert }) => {
    const dir = new URL('../../scripts/patches/', import.meta.url)
    const names = readdirSync(dir).filter((name) => name.endsWith('.mjs'))
    assert.includeMembers(names, [
      'knex_shared_prototype.mjs',
      'knex_transaction_closures.mjs',
      'pg_query_callback.mjs',
    ])
    for (const name of names) {
      const { default: patch } = await import(new URL(name, dir).href)
      const installed = readFileSync(require.resolve(`${patch.package}/${patch.file}`), 'utf8')
      assert.include(installed, patch.after, name)
      assert.notInclude(installed, patch.before, name)
    }
  })
})
