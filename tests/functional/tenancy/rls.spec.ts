import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { withTenant } from '#tenancy/tenant_context'
import Building from '#models/building'
import {
  createBuilding,
  createOwner,
  createUnit,
  linkOwner,
  ownerRow,
  signupOrg,
} from '../buildings/helpers.js'
import type { ApiClient } from '@japa/api-client'

/** Two organisations, each with a building, a unit, an owner and an ownership. */
async function twoTenants(client: ApiClient) {
  const seed = async () => {
    const org = await signupOrg(client)
    const building = await createBuilding(client, org)
    const unit = await createUnit(client, org, building.id)
    const owner = await createOwner(client, org)
    const link = await linkOwner(client, org, unit.id, owner.id)
    return { org, building, unit, owner, link }
  }
  return { a: await seed(), b: await seed() }
}

function pgCode(error: unknown) {
  return (error as { code?: string }).code
}

test.group('Tenancy: row-level security in the database', () => {
  test('the app role without tenant context sees 0 rows; withTenant(orgB) sees only org B', async ({
    client,
    assert,
  }) => {
    const { a, b } = await twoTenants(client)
    const app = db.connection('app')
    const owner = db.connection('owner')
    for (const [table, id] of [
      ['buildings', b.building.id],
      ['units', b.unit.id],
      ['owners', b.owner.id],
      ['unit_owners', b.link.id],
    ] as const) {
      // The rows exist (read as the schema owner)…
      assert.isNotNull(await ownerRow(table, id), table)
      const total = await owner.rawQuery(`select count(*)::int as n from ${table}`)
      assert.isAtLeast(total.rows[0].n, 2, table)
      // …but the app role outside any tenant transaction sees none of them.
      const seen = await app.rawQuery(`select count(*)::int as n from ${table}`)
      assert.equal(seen.rows[0].n, 0, `${table} visible without tenant context`)
      const direct = await app.rawQuery(`select * from ${table} where id = ?`, [id])
      assert.lengthOf(direct.rows, 0, table)

      const orgs = await withTenant(b.org.organisationId, (trx) =>
        trx.rawQuery(`select distinct organisation_id from ${table}`)
      )
      assert.deepEqual(
        orgs.rows.map((r: any) => r.organisation_id),
        [b.org.organisationId],
        table
      )
      const aRow = await withTenant(b.org.organisationId, (trx) =>
        trx.rawQuery(`select id from ${table} where id = ?`, [
          table === 'buildings'
            ? a.building.id
            : table === 'units'
              ? a.unit.id
              : table === 'owners'
                ? a.owner.id
                : a.link.id,
        ])
      )
      assert.lengthOf(aRow.rows, 0, `${table}: org A row visible to org B`)
    }
    // A transaction-local setting does not leak to the next user of the pooled connection.
    const after = await app.rawQuery(`select count(*)::int as n from buildings`)
    assert.equal(after.rows[0].n, 0)
  })

  test('the app role is neither superuser nor BYPASSRLS', async ({ assert }) => {
    const res = await db
      .connection('app')
      .rawQuery(
        'select current_user as name, rolbypassrls, rolsuper from pg_roles where rolname = current_user'
      )
    assert.lengthOf(res.rows, 1)
    assert.notEqual(res.rows[0].name, 'postgres')
    assert.isFalse(res.rows[0].rolbypassrls)
    assert.isFalse(res.rows[0].rolsuper)
    const owns = await db
      .connection('app')
      .rawQuery(
        `select count(*)::int as n from pg_tables where schemaname = 'public' and tableowner = current_user`
      )
    assert.equal(owns.rows[0].n, 0)
  })

  test('inside withTenant(A), writing a row for org B is refused (RLS WITH CHECK)', async ({
    client,
    assert,
  }) => {
    const { a, b } = await twoTenants(client)
    const insert = withTenant(a.org.organisationId, (trx) =>
      trx.table('buildings').insert({
        organisation_id: b.org.organisationId,
        name: 'Smuggled',
        street: 'x',
        postal_code: '1000',
        city: 'Bruxelles',
      })
    )
    const error = await insert.then(
      () => null,
      (e) => e
    )
    assert.isNotNull(error, 'insert for another organisation succeeded')
    assert.equal(pgCode(error), '42501')
    assert.match(String(error.message), /row-level security/)

    // Moving an own row to the other organisation is refused too.
    const move = await withTenant(a.org.organisationId, (trx) =>
      trx
        .from('buildings')
        .where('id', a.building.id)
        .update({ organisation_id: b.org.organisationId })
    ).then(
      () => null,
      (e) => e
    )
    assert.equal(pgCode(move), '42501')

    // Updating/deleting org B's rows from org A's context touches nothing.
    const touched = await withTenant(a.org.organisationId, async (trx) => {
      const u = await trx.from('buildings').where('id', b.building.id).update({ name: 'Hijacked' })
      const d = await trx.from('unit_owners').where('id', b.link.id).delete()
      return [u, d]
    })
    assert.deepEqual(touched.map(Number), [0, 0])
    const bRow = await ownerRow('buildings', b.building.id)
    assert.notEqual(bRow.name, 'Hijacked')
    assert.isNotNull(await ownerRow('unit_owners', b.link.id))

    // The ORM refuses to run a tenant model outside a tenant context.
    await assert.rejects(() => Building.query().first())
    const smuggled = await db
      .connection('owner')
      .rawQuery(`select count(*)::int as n from buildings where name = 'Smuggled'`)
    assert.equal(smuggled.rows[0].n, 0)
  })

  test('audit_logs is append-only for the app role: UPDATE and DELETE are denied', async ({
    client,
    assert,
  }) => {
    const { a } = await twoTenants(client)
    const orgId = a.org.organisationId
    const count = async () => {
      const res = await db
        .connection('owner')
        .rawQuery(`select count(*)::int as n from audit_logs where organisation_id = ?`, [orgId])
      return res.rows[0].n as number
    }
    const before = await count()
    assert.isAbove(before, 0)

    const update = await withTenant(orgId, (trx) =>
      trx.from('audit_logs').where('organisation_id', orgId).update({ action: 'tampered' })
    ).then(
      () => null,
      (e) => e
    )
    assert.equal(pgCode(update), '42501')
    assert.match(String(update.message), /permission denied/)

    const del = await withTenant(orgId, (trx) =>
      trx.from('audit_logs').where('organisation_id', orgId).delete()
    ).then(
      () => null,
      (e) => e
    )
    assert.equal(pgCode(del), '42501')
    assert.match(String(del.message), /permission denied/)

    const truncate = await db
      .connection('app')
      .rawQuery('truncate audit_logs')
      .then(
        () => null,
        (e) => e
      )
    assert.equal(pgCode(truncate), '42501')

    // INSERT and SELECT remain allowed inside the tenant.
    const seen = await withTenant(orgId, async (trx) => {
      await trx.table('audit_logs').insert({ organisation_id: orgId, action: 'test.append' })
      return trx.from('audit_logs').where('action', 'test.append').count('* as n')
    })
    assert.equal(Number(seen[0].n), 1)
    assert.equal(await count(), before + 1)
    const tampered = await db
      .connection('owner')
      .rawQuery(`select count(*)::int as n from audit_logs where action = 'tampered'`)
    assert.equal(tampered.rows[0].n, 0)
  })
})
