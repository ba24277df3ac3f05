import { test } from '@japa/runner'
import { embeddedDatabase } from '#embedded/capabilities'
import { prepared } from '#services/prepared_statements'
import { trxQuery, withTenant } from '#tenancy/tenant_context'
import { createBuilding, signupOrg } from '../buildings/helpers.js'

/*
| Hot statements are prepared once per pooled connection (app/services/prepared_statements.ts).
| A prepared statement keeps its plan across transactions and tenants: it must still see
| the rows of the tenant set in the transaction that runs it, generic plan included.
*/
const BUILDINGS = prepared('select b.id from buildings b order by b.id')

test.group('Tenancy: prepared statements', () => {
  test('a prepared statement follows app.tenant_id, past the generic plan switch', async ({
    client,
    assert,
  }) => {
    const a = await signupOrg(client)
    const b = await signupOrg(client)
    const inA = await createBuilding(client, a)
    const inB = await createBuilding(client, b)
    const ids = (rows: { id: string }[]) => rows.map((row) => row.id)
    await withTenant(a.organisationId, async (trx) => {
      // PostgreSQL plans the first five executions with the values, then may keep a
      // generic plan: run past that, switching tenants within the same session.
      for (let i = 0; i < 8; i++) {
        const tenant = i % 2 ? b : a
        await trx.rawQuery(`select set_config('app.tenant_id', ?, true)`, [tenant.organisationId])
        const { rows } = await trxQuery<{ id: string }>(trx, BUILDINGS, [])
        assert.deepEqual(ids(rows), [i % 2 ? inB.id : inA.id], `execution ${i + 1}`)
      }
    })
  })

  test('the statement is prepared under its name on the connection', async ({ assert }) => {
    await withTenant('00000000-0000-0000-0000-000000000000', async (trx) => {
      await trxQuery(trx, BUILDINGS, [])
      const { rows } = await trx.rawQuery(
        'select name from pg_prepared_statements where name = ?',
        [BUILDINGS.name]
      )
      assert.lengthOf(rows, 1)
    })
  }).skip(embeddedDatabase(), 'the embedded database keeps statements unnamed (one session)')
})
