import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { withTenant } from '#tenancy/tenant_context'
import { appRoleName } from '#start/database_urls'
import { createBuilding, signupOrg } from '../buildings/helpers.js'

/*
| Zero-setup isolation. In embedded mode (PGlite) every connection shares one superuser
| session; the role switch (app/embedded/role_switch.ts) and the multiplexer's transaction
| serialisation must still give each tenant transaction its own role and app.tenant_id.
| The same assertions hold on PostgreSQL, so this runs in both modes.
*/
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function observe(trx: any) {
  const res = await trx.rawQuery(
    `select current_setting('app.tenant_id', true) as tenant, current_user as role`
  )
  return res.rows[0] as { tenant: string | null; role: string }
}

test.group('Embedded mode: tenant transactions and roles', () => {
  test('two concurrent tenant transactions never see each other’s app.tenant_id', async ({
    client,
    assert,
  }) => {
    const a = await signupOrg(client)
    const b = await signupOrg(client)
    await createBuilding(client, a)
    await createBuilding(client, b)
    const seen: Record<string, Array<{ tenant: string | null; role: string }>> = { a: [], b: [] }
    const run = (key: 'a' | 'b', orgId: string) =>
      withTenant(orgId, async (trx) => {
        for (let i = 0; i < 5; i++) {
          seen[key].push(await observe(trx))
          // Yield so the other transaction's statements are queued in between.
          await sleep(5)
        }
        const rows = await trx.from('buildings').select('organisation_id')
        return rows.map((r: any) => r.organisation_id)
      })
    const outside = async () => {
      const out = []
      for (let i = 0; i < 5; i++) {
        const res = await db.connection('app').rawQuery(`select count(*)::int as n from buildings`)
        out.push(res.rows[0].n)
        await sleep(5)
      }
      return out
    }
    const [aOrgs, bOrgs, bare] = await Promise.all([
      run('a', a.organisationId),
      run('b', b.organisationId),
      outside(),
    ])
    assert.isTrue(seen.a.every((s) => s.tenant === a.organisationId && s.role === appRoleName()))
    assert.isTrue(seen.b.every((s) => s.tenant === b.organisationId && s.role === appRoleName()))
    assert.deepEqual([...new Set(aOrgs)], [a.organisationId])
    assert.deepEqual([...new Set(bOrgs)], [b.organisationId])
    assert.deepEqual(bare, [0, 0, 0, 0, 0])
  })

  test('20 interleaved tenant transactions each keep their own tenant id', async ({
    client,
    assert,
  }) => {
    const orgs = [await signupOrg(client), await signupOrg(client)]
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const org = orgs[i % 2]
        return withTenant(org.organisationId, async (trx) => {
          const first = await observe(trx)
          await sleep(i % 3)
          const second = await observe(trx)
          return { expected: org.organisationId, first, second }
        })
      })
    )
    for (const r of results) {
      assert.equal(r.first.tenant, r.expected)
      assert.equal(r.second.tenant, r.expected)
    }
  })

  test('owner work runs as the owner and does not leak its role to the app connection', async ({
    assert,
  }) => {
    const [ownerRole, appRole] = await Promise.all([
      db.connection('owner').rawQuery('select current_user as role'),
      db.connection('app').rawQuery('select current_user as role'),
    ])
    assert.notEqual(ownerRole.rows[0].role, appRoleName())
    assert.equal(appRole.rows[0].role, appRoleName())
    const after = await db
      .connection('app')
      .rawQuery(`select rolbypassrls, rolsuper from pg_roles where rolname = current_user`)
    assert.isFalse(after.rows[0].rolbypassrls)
    assert.isFalse(after.rows[0].rolsuper)
    // A setting made outside a transaction on the app connection is gone for the next statement.
    await db
      .connection('app')
      .rawQuery(`select set_config('app.tenant_id', gen_random_uuid()::text, true)`)
    const next = await db
      .connection('app')
      .rawQuery(`select current_setting('app.tenant_id', true) as t`)
    assert.oneOf(next.rows[0].t, [null, ''])
  })
})
