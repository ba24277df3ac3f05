import { test } from '@japa/runner'
import {
  call,
  createBuilding,
  createOwner,
  createUnit,
  linkOwner,
  signupOrg,
} from '../buildings/helpers.js'

/*
| The units list is one SQL query (app/services/unit_service.ts listUnits). Its items
| must be byte-identical to the Lucid path (GET /units/:id: findUnit + serializeUnit),
| and its edge cases (missing building, empty page, page past the end, bad params)
| must answer as before.
*/
test.group('Perf parity: units list in one query', () => {
  test('each item is exactly the JSON of GET /units/:id (keys, order, types)', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org)
    const u1 = await createUnit(client, org, b.id, {
      number: 'A10',
      type: 'apartment',
      area: 84.5,
      floor: '1',
      quota: 100,
    })
    await createUnit(client, org, b.id, { number: 'A2', type: 'parking', quota: 5 })
    await createUnit(client, org, b.id, { number: 'B1', type: 'apartment', quota: 7 })
    const owner = await createOwner(client, org)
    await linkOwner(client, org, u1.id, owner.id)

    const res = await call(client, org, 'get', `/buildings/${b.id}/units?perPage=2`)
    res.assertStatus(200)
    const body = res.body()
    assert.deepEqual(body.meta, { total: 3, perPage: 2, currentPage: 1, lastPage: 2 })
    assert.deepEqual(
      body.data.map((u: any) => u.number),
      ['A2', 'A10']
    )
    for (const item of body.data) {
      const one = await call(client, org, 'get', `/units/${item.id}`)
      assert.equal(JSON.stringify(item), JSON.stringify(one.body()))
    }
    assert.equal(body.data[1].ownersCount, 1)
    assert.equal(body.data[0].ownersCount, 0)
    assert.deepEqual(Object.keys(res.body()), ['data', 'meta'])

    const page2 = await call(client, org, 'get', `/buildings/${b.id}/units?perPage=2&page=2`)
    assert.deepEqual(
      page2.body().data.map((u: any) => u.number),
      ['B1']
    )
    const filtered = await call(client, org, 'get', `/buildings/${b.id}/units?type=apartment`)
    assert.deepEqual(
      filtered.body().data.map((u: any) => u.number),
      ['A10', 'B1']
    )
    assert.equal(filtered.body().meta.total, 2)
  })

  test('empty building, page past the end, missing building, bad params', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org)
    const empty = await call(client, org, 'get', `/buildings/${b.id}/units`)
    empty.assertStatus(200)
    assert.deepEqual(empty.body(), {
      data: [],
      meta: { total: 0, perPage: 20, currentPage: 1, lastPage: 1 },
    })

    await createUnit(client, org, b.id, { number: '1', quota: 1 })
    const past = await call(client, org, 'get', `/buildings/${b.id}/units?page=5&perPage=10`)
    assert.deepEqual(past.body(), {
      data: [],
      meta: { total: 1, perPage: 10, currentPage: 5, lastPage: 1 },
    })

    const missing = '00000000-0000-4000-8000-000000000000'
    // An unknown building stays a 404 even with bad query parameters (as before).
    for (const qs of ['', '?type=castle', '?page=0']) {
      const res = await call(client, org, 'get', `/buildings/${missing}/units${qs}`)
      res.assertStatus(404)
    }

    const badType = await call(client, org, 'get', `/buildings/${b.id}/units?type=castle`)
    badType.assertStatus(422)
    assert.equal(badType.body().errors[0].field, 'type')
    const badPage = await call(client, org, 'get', `/buildings/${b.id}/units?perPage=101`)
    badPage.assertStatus(422)
    assert.equal(badPage.body().errors[0].field, 'perPage')
  })

  test("org A's token on org B's building: 404, and B's units never leak", async ({
    client,
    assert,
  }) => {
    const a = await signupOrg(client)
    const b = await signupOrg(client)
    const building = await createBuilding(client, b)
    await createUnit(client, b, building.id, { number: 'X', quota: 1 })
    const res = await call(client, a, 'get', `/buildings/${building.id}/units`)
    res.assertStatus(404)
    assert.notProperty(res.body(), 'data')
  })
})
