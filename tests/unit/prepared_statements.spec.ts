import { test } from '@japa/runner'
import { knexBindings, prepared } from '#services/prepared_statements'

test.group('prepared statements', () => {
  test('one name per text; explicit columns only', ({ assert }) => {
    const a = prepared('select u.id, count(*) as n, x * 1000 as ms from users u where u.id = $1')
    assert.equal(a.name, prepared(a.text).name)
    assert.notEqual(a.name, prepared(`${a.text} `).name)
    assert.match(a.name, /^vme_[0-9a-f]{24}$/)
    for (const text of ['select * from users', 'select u.* from users u', 'SELECT\n  *  FROM t'])
      assert.throws(() => prepared(text), /explicit columns/)
  })

  test('knex bindings follow the $n placeholders, repeated or out of order', ({ assert }) => {
    const [sql, bindings] = knexBindings(prepared('select $2::int + $1::int, $2::int'), [1, 2])
    assert.equal(sql, 'select ?::int + ?::int, ?::int')
    assert.deepEqual(bindings, [2, 1, 2])
  })
})
