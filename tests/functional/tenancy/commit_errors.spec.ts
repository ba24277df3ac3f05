import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { randomUUID } from 'node:crypto'
import { withTenant } from '#tenancy/tenant_context'

/*
| A constraint checked at COMMIT (deferred trigger or deferrable unique) that fails
| must make the tenant transaction fail loudly, never look committed.
*/
test.group('Tenant transactions: errors raised at commit', (group) => {
  const appRole = process.env.APP_DB_USER ?? 'vme_app_test'
  group.setup(async () => {
    const owner = db.connection('owner')
    await owner.rawQuery('drop table if exists test_deferred_unique')
    await owner.rawQuery(
      'create table test_deferred_unique (v int unique deferrable initially deferred)'
    )
    await owner.rawQuery(`grant select, insert on test_deferred_unique to "${appRole}"`)
    return async () => {
      await owner.rawQuery('drop table if exists test_deferred_unique')
    }
  })

  test('a deferred violation rejects withTenant and leaves no row', async ({ assert }) => {
    const orgId = randomUUID()
    await assert.rejects(() =>
      withTenant(orgId, async (trx) => {
        await trx.rawQuery('insert into test_deferred_unique (v) values (1), (1)')
        return 'looks fine'
      })
    )
    const rows = await db.connection('owner').from('test_deferred_unique').count('* as n')
    assert.equal(Number(rows[0].n), 0)
  })
})
