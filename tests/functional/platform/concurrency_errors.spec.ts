import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import HttpExceptionHandler from '#exceptions/handler'
import { embeddedDatabase } from '#embedded/capabilities'

/*
| A deadlock, a serialization failure or a lock timeout is neither the client's fault nor
| a bug to hide behind a 500: the transaction rolled back, so the same request can be sent
| again. The errors here come from a real PostgreSQL, through Lucid as the app sees them.
| (Embedded mode runs one session at a time: no two transactions can wait on each other.)
*/
const owner = () => db.connection('owner')

async function realDeadlock(): Promise<any> {
  await owner().rawQuery('CREATE TABLE test_deadlock (id int primary key, n int)')
  await owner().rawQuery('INSERT INTO test_deadlock VALUES (1, 0), (2, 0)')
  const a = await owner().transaction()
  const b = await owner().transaction()
  try {
    await a.rawQuery('UPDATE test_deadlock SET n = n + 1 WHERE id = 1')
    await b.rawQuery('UPDATE test_deadlock SET n = n + 1 WHERE id = 2')
    // Each now waits for the other's row: PostgreSQL aborts one of them.
    const results = await Promise.allSettled([
      a.rawQuery('UPDATE test_deadlock SET n = n + 1 WHERE id = 2'),
      b.rawQuery('UPDATE test_deadlock SET n = n + 1 WHERE id = 1'),
    ])
    return (results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined)
      ?.reason
  } finally {
    await Promise.all([a.rollback().catch(() => {}), b.rollback().catch(() => {})])
    await owner().rawQuery('DROP TABLE test_deadlock')
  }
}

async function realLockTimeout(): Promise<any> {
  await owner().rawQuery('CREATE TABLE test_lock_timeout (id int)')
  const a = await owner().transaction()
  const b = await owner().transaction()
  try {
    await a.rawQuery('LOCK TABLE test_lock_timeout IN ACCESS EXCLUSIVE MODE')
    await b.rawQuery(`SET LOCAL lock_timeout = '50ms'`)
    return await b.rawQuery('SELECT * FROM test_lock_timeout').then(
      () => null,
      (error) => error
    )
  } finally {
    await Promise.all([a.rollback().catch(() => {}), b.rollback().catch(() => {})])
    await owner().rawQuery('DROP TABLE test_lock_timeout')
  }
}

test.group('Error contract: concurrency failures', () => {
  test('a deadlock and a lock timeout answer 409 E_CONFLICT with Retry-After, not 500', async ({
    assert,
  }) => {
    const handler = new HttpExceptionHandler()
    const deadlock = await realDeadlock()
    assert.equal(deadlock?.code, '40P01')
    const lockTimeout = await realLockTimeout()
    assert.equal(lockTimeout?.code, '55P03')
    const serialization = Object.assign(new Error('could not serialize access'), { code: '40001' })
    for (const error of [deadlock, lockTimeout, serialization]) {
      const mapped = handler.map(error)
      assert.equal(mapped.status, 409)
      assert.equal(mapped.entries[0].code, 'E_CONFLICT')
      assert.equal(mapped.headers?.['Retry-After'], '1')
    }
  })
    .timeout(30_000)
    .skip(embeddedDatabase(), 'embedded PostgreSQL runs one session at a time')
})
