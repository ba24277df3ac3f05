import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { call, createBuilding, createOwner, createUnit, signupOrg } from '../buildings/helpers.js'

test.group('Concurrency: totals hold under parallel writes', () => {
  test('20 concurrent unit creations never push Σ quotas over totalQuota', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const building = await createBuilding(client, org, { totalQuota: 1000 })
    // 20 × 60 = 1200 > 1000: exactly 16 fit.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(client, org, 'post', `/buildings/${building.id}/units`, {
          number: `C${i}`,
          type: 'apartment',
          quota: 60,
        })
      )
    )
    const statuses = results.map((r) => r.status())
    assert.deepEqual([...new Set(statuses)].sort(), [201, 422], statuses.join(','))
    assert.equal(statuses.filter((s) => s === 201).length, 16)
    for (const r of results.filter((x) => x.status() === 422)) {
      assert.equal(r.body().errors[0].field, 'quota')
    }
    const stored = await db
      .connection('owner')
      .rawQuery(
        `select coalesce(sum(quota), 0)::int as total, count(*)::int as n from units where building_id = ?`,
        [building.id]
      )
    assert.isAtMost(stored.rows[0].total, 1000)
    assert.equal(stored.rows[0].total, 960)
    assert.equal(stored.rows[0].n, 16)
  })

  test('concurrent unit creations with mixed quotas: the stored Σ never exceeds the total', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const building = await createBuilding(client, org, { totalQuota: 500 })
    const quotas = Array.from({ length: 20 }, (_, i) => 10 + ((i * 37) % 70))
    const results = await Promise.all(
      quotas.map((quota, i) =>
        call(client, org, 'post', `/buildings/${building.id}/units`, {
          number: `M${i}`,
          type: 'cellar',
          quota,
        })
      )
    )
    assert.isTrue(results.every((r) => [201, 422].includes(r.status())))
    const accepted = results
      .filter((r) => r.status() === 201)
      .reduce((acc, r) => acc + r.body().quota, 0)
    const stored = await db
      .connection('owner')
      .rawQuery(`select coalesce(sum(quota), 0)::int as total from units where building_id = ?`, [
        building.id,
      ])
    assert.equal(stored.rows[0].total, accepted)
    assert.isAtMost(stored.rows[0].total, 500)
    assert.isAbove(results.filter((r) => r.status() === 422).length, 0)
  })

  test('concurrent ownership links never push a unit over 100 %', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const building = await createBuilding(client, org)
    const unit = await createUnit(client, org, building.id)
    const owners = []
    for (let i = 0; i < 8; i++) owners.push(await createOwner(client, org))
    const results = await Promise.all(
      owners.map((o) =>
        call(client, org, 'post', `/units/${unit.id}/owners`, { ownerId: o.id, percentage: 30 })
      )
    )
    const statuses = results.map((r) => r.status())
    assert.equal(statuses.filter((s) => s === 201).length, 3, statuses.join(','))
    assert.equal(statuses.filter((s) => s === 422).length, 5)
    const stored = await db
      .connection('owner')
      .rawQuery(`select sum(percentage)::text as total from unit_owners where unit_id = ?`, [
        unit.id,
      ])
    assert.equal(stored.rows[0].total, '90.00')
  })
})
