import { test } from '@japa/runner'
import {
  addMember,
  auditFor,
  call,
  createBuilding,
  createOwner,
  createUnit,
  linkOwner,
  ownerRow,
  signupOrg,
  bodyOf,
  expectStatus,
  lastAuditAction,
} from './helpers.js'

test.group('Units', () => {
  test('POST /buildings/:id/units creates a unit with building id, ownersCount and decimal area', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org)
    const res = await call(client, org, 'post', `/buildings/${b.id}/units`, {
      number: ' A1 ',
      type: 'apartment',
      floor: '1',
      area: '84.5',
      quota: 125,
    })
    res.assertStatus(201)
    const u = res.body()
    assert.equal(u.number, 'A1')
    assert.equal(u.type, 'apartment')
    assert.equal(u.floor, '1')
    assert.equal(u.area, '84.50')
    assert.equal(u.quota, 125)
    assert.equal(u.building, b.id)
    assert.equal(u.ownersCount, 0)
    assert.equal(await lastAuditAction(u.id), 'unit.created')

    const numeric = await call(client, org, 'post', `/buildings/${b.id}/units`, {
      number: 'P1',
      type: 'parking',
      area: 12.25,
      quota: 5,
    })
    numeric.assertStatus(201)
    assert.equal(numeric.body().area, '12.25')
    assert.isNull(numeric.body().floor)

    const building = await call(client, org, 'get', `/buildings/${b.id}`)
    assert.equal(building.body().unitsCount, 2)
    assert.equal(building.body().allocatedQuota, 130)
  })

  test('bad input is a 422 on the field', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org)
    const base = { number: 'X1', type: 'apartment', quota: 10 }
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ number: '' }, 'number'],
      [{ type: 'castle' }, 'type'],
      [{ quota: 0 }, 'quota'],
      [{ quota: 10001 }, 'quota'],
      [{ quota: 1.5 }, 'quota'],
      [{ quota: 'abc' }, 'quota'],
      [{ area: -1 }, 'area'],
      [{ area: '12.345' }, 'area'],
      [{ area: 'big' }, 'area'],
      [{ floor: '12345678901' }, 'floor'],
    ]
    for (const [override, field] of cases) {
      const res = await call(client, org, 'post', `/buildings/${b.id}/units`, {
        ...base,
        ...override,
      })
      assert.equal(res.status(), 422, `${JSON.stringify(override)} → ${res.text()}`)
      assert.equal(res.body().errors[0].field, field, JSON.stringify(override))
    }
    const noType = { number: base.number, quota: base.quota }
    const missing = await call(client, org, 'post', `/buildings/${b.id}/units`, noType)
    missing.assertStatus(422)
    assert.equal(missing.body().errors[0].field, 'type')
    const list = await call(client, org, 'get', `/buildings/${b.id}/units`)
    assert.equal(list.body().meta.total, 0)
  })

  test('number is unique per building: 409 on number; the same number in another building is fine', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const b1 = await createBuilding(client, org)
    const b2 = await createBuilding(client, org)
    await createUnit(client, org, b1.id, { number: '101' })
    const dup = await call(client, org, 'post', `/buildings/${b1.id}/units`, {
      number: '101',
      type: 'cellar',
      quota: 1,
    })
    dup.assertStatus(409)
    assert.equal(dup.body().errors[0].code, 'E_CONFLICT')
    assert.equal(dup.body().errors[0].field, 'number')
    await createUnit(client, org, b2.id, { number: '101' })

    const other = await createUnit(client, org, b1.id, { number: '102' })
    const rename = await call(client, org, 'put', `/units/${other.id}`, { number: '101' })
    rename.assertStatus(409)
    assert.equal(rename.body().errors[0].field, 'number')
  })

  test('Σ quotas ≤ totalQuota: 422 on quota telling how much is left', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org, { totalQuota: 1000 })
    await createUnit(client, org, b.id, { quota: 700 })
    const u2 = await createUnit(client, org, b.id, { quota: 250 })
    const over = await call(client, org, 'post', `/buildings/${b.id}/units`, {
      number: 'Z',
      type: 'storage',
      quota: 51,
    })
    over.assertStatus(422)
    assert.equal(over.body().errors[0].field, 'quota')
    assert.include(over.body().errors[0].message, 'Only 50 ')
    await createUnit(client, org, b.id, { quota: 50 })

    // Updating a unit's quota counts every other unit, not itself.
    const grow = await call(client, org, 'put', `/units/${u2.id}`, { quota: 251 })
    grow.assertStatus(422)
    assert.equal(grow.body().errors[0].field, 'quota')
    assert.include(grow.body().errors[0].message, 'Only 250 ')
    const same = await call(client, org, 'put', `/units/${u2.id}`, { quota: 250, floor: '2' })
    same.assertStatus(200)
    const shrink = await call(client, org, 'put', `/units/${u2.id}`, { quota: 200 })
    shrink.assertStatus(200)
    const after = await bodyOf(call(client, org, 'get', `/buildings/${b.id}`))
    assert.equal(after.allocatedQuota, 950)
  })

  test('GET /buildings/:id/units: paged, natural sort by number, filter by type', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org)
    for (const [number, type] of [
      ['10', 'apartment'],
      ['2', 'apartment'],
      ['A10', 'parking'],
      ['A2', 'parking'],
      ['1', 'cellar'],
      ['b1', 'apartment'],
    ]) {
      await createUnit(client, org, b.id, { number, type, quota: 10 })
    }
    const other = await createBuilding(client, org)
    await createUnit(client, org, other.id, { number: '3', quota: 10 })

    const page1 = await call(client, org, 'get', `/buildings/${b.id}/units?perPage=4`)
    page1.assertStatus(200)
    assert.deepEqual(page1.body().meta, { total: 6, perPage: 4, currentPage: 1, lastPage: 2 })
    const page2 = await call(client, org, 'get', `/buildings/${b.id}/units?perPage=4&page=2`)
    const numbers = [...page1.body().data, ...page2.body().data].map((u: any) => u.number)
    assert.deepEqual(numbers, ['1', '2', '10', 'A2', 'A10', 'b1'])
    assert.properties(page1.body().data[0], ['building', 'ownersCount', 'quota'])

    const parkings = await call(client, org, 'get', `/buildings/${b.id}/units?type=parking`)
    assert.deepEqual(
      parkings.body().data.map((u: any) => u.number),
      ['A2', 'A10']
    )
    const badType = await call(client, org, 'get', `/buildings/${b.id}/units?type=castle`)
    badType.assertStatus(422)
    assert.equal(badType.body().errors[0].field, 'type')
    const unknown = await call(
      client,
      org,
      'get',
      '/buildings/00000000-0000-4000-8000-000000000000/units'
    )
    unknown.assertStatus(404)
  })

  test('GET/PUT /units/:id; ownersCount counts current owners only', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org)
    const u = await createUnit(client, org, b.id, { number: '5', quota: 50 })
    const o1 = await createOwner(client, org)
    const o2 = await createOwner(client, org)
    await linkOwner(client, org, u.id, o1.id, { percentage: 50 })
    const ended = await linkOwner(client, org, u.id, o2.id, { percentage: 50 })
    await expectStatus(call(client, org, 'delete', `/unit-owners/${ended.id}`), 204)

    const show = await call(client, org, 'get', `/units/${u.id}`)
    show.assertStatus(200)
    assert.equal(show.body().ownersCount, 1)
    assert.equal(show.body().building, b.id)

    const put = await call(client, org, 'put', `/units/${u.id}`, {
      type: 'office',
      area: null,
      floor: '-1',
    })
    put.assertStatus(200)
    assert.equal(put.body().type, 'office')
    assert.equal(put.body().floor, '-1')
    assert.equal(put.body().ownersCount, 1)
    const logs = await auditFor(u.id)
    assert.equal(logs[0].action, 'unit.updated')
    assert.deepEqual(logs[0].metadata.changes.type, { from: 'apartment', to: 'office' })

    const bad = await call(client, org, 'put', `/units/${u.id}`, { type: 'castle' })
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'type')
    await expectStatus(call(client, org, 'get', '/units/00000000-0000-4000-8000-000000000000'), 404)
    await expectStatus(call(client, org, 'get', '/units/123'), 404)
  })

  test('DELETE /units/:id: 204 without ownerships; 409 once it has (even ended) ownerships', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org)
    const free = await createUnit(client, org, b.id)
    const del = await call(client, org, 'delete', `/units/${free.id}`)
    del.assertStatus(204)
    assert.isNull(await ownerRow('units', free.id))
    assert.equal(await lastAuditAction(free.id), 'unit.deleted')

    const owned = await createUnit(client, org, b.id)
    const o = await createOwner(client, org)
    const link = await linkOwner(client, org, owned.id, o.id)
    await expectStatus(call(client, org, 'delete', `/unit-owners/${link.id}`), 204)
    const conflict = await call(client, org, 'delete', `/units/${owned.id}`)
    conflict.assertStatus(409)
    assert.equal(conflict.body().errors[0].code, 'E_CONFLICT')
    assert.isNotNull(await ownerRow('units', owned.id))
  })

  test('permissions: board_member reads units, cannot write them', async ({ client }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org)
    const u = await createUnit(client, org, b.id)
    const board = await addMember(org, 'board_member')
    await expectStatus(call(client, board, 'get', `/units/${u.id}`), 200)
    await expectStatus(call(client, board, 'get', `/buildings/${b.id}/units`), 200)
    await expectStatus(call(client, board, 'put', `/units/${u.id}`, { quota: 1 }), 403)
    await expectStatus(call(client, board, 'delete', `/units/${u.id}`), 403)
    await expectStatus(
      call(client, board, 'post', `/buildings/${b.id}/units`, {
        number: 'x',
        type: 'other',
        quota: 1,
      }),
      403
    )
  })

  test('org A on org B unit: 404 for GET/PUT/DELETE, row unchanged', async ({ client, assert }) => {
    const a = await signupOrg(client)
    const b = await signupOrg(client)
    const building = await createBuilding(client, b)
    const theirs = await createUnit(client, b, building.id, { quota: 10 })
    const before = await ownerRow('units', theirs.id)
    for (const [method, body] of [
      ['get', undefined],
      ['put', { quota: 999, number: 'hijack' }],
      ['delete', undefined],
    ] as const) {
      const res = await call(client, a, method, `/units/${theirs.id}`, body)
      assert.equal(res.status(), 404, method)
      assert.equal(res.body().errors[0].code, 'E_NOT_FOUND')
    }
    assert.deepEqual(await ownerRow('units', theirs.id), before)
  })
})
