import { test } from '@japa/runner'
import emitter from '@adonisjs/core/services/emitter'
import {
  addMember,
  auditFor,
  buildingBody,
  call,
  createBuilding,
  createUnit,
  ownerRow,
  signupOrg,
  VALID_BCE,
  expectStatus,
  lastAuditAction,
} from './helpers.js'

test.group('Buildings: create, read, list', () => {
  test('POST /buildings creates with defaults, normalises the BCE number and audits', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const res = await call(client, org, 'post', '/buildings', {
      ...buildingBody({ name: 'Résidence Les Tilleuls' }),
      enterpriseNumber: '0202239951',
      constructionYear: 1965,
    })
    res.assertStatus(201)
    const b = res.body()
    assert.match(b.id, /^[0-9a-f-]{36}$/)
    assert.equal(b.name, 'Résidence Les Tilleuls')
    assert.deepEqual(b.address, {
      street: 'Rue de la Loi 16',
      postalCode: '1000',
      city: 'Bruxelles',
      country: 'BE',
    })
    assert.equal(b.totalQuota, 1000)
    assert.equal(b.fiscalYearStartMonth, 1)
    assert.equal(b.enterpriseNumber, VALID_BCE)
    assert.equal(b.constructionYear, 1965)
    assert.equal(b.unitsCount, 0)
    assert.equal(b.allocatedQuota, 0)
    assert.notProperty(b, 'street')
    assert.notProperty(b, 'archivedAt')

    const logs = await auditFor(b.id)
    assert.equal(logs[0].action, 'building.created')
    assert.equal(logs[0].actor_id, org.userId)
    assert.equal(logs[0].organisation_id, org.organisationId)

    const row = await ownerRow('buildings', b.id)
    assert.equal(row.organisation_id, org.organisationId)
  })

  test('dotted BCE is accepted; country defaults to BE', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const res = await call(client, org, 'post', '/buildings', {
      name: 'X',
      address: { street: 'Meir 1', postalCode: '2000', city: 'Antwerpen' },
      enterpriseNumber: VALID_BCE,
      totalQuota: 10000,
      fiscalYearStartMonth: 7,
    })
    res.assertStatus(201)
    assert.equal(res.body().address.country, 'BE')
    assert.equal(res.body().enterpriseNumber, VALID_BCE)
    assert.equal(res.body().totalQuota, 10000)
    assert.equal(res.body().fiscalYearStartMonth, 7)
  })

  test('bad input is a 422 with one entry per field, and nothing is created', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const nextYear = new Date().getFullYear() + 6
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: '' }, 'name'],
      [{ address: { street: 'x', postalCode: '100', city: 'B' } }, 'address.postalCode'],
      [
        { address: { street: 'x', postalCode: '1000', city: 'B', country: 'FR' } },
        'address.country',
      ],
      [{ address: { postalCode: '1000', city: 'B' } }, 'address.street'],
      [{ totalQuota: 0 }, 'totalQuota'],
      [{ totalQuota: -5 }, 'totalQuota'],
      [{ totalQuota: 10.5 }, 'totalQuota'],
      [{ constructionYear: 1799 }, 'constructionYear'],
      [{ constructionYear: nextYear }, 'constructionYear'],
      [{ enterpriseNumber: '0202239952' }, 'enterpriseNumber'],
      [{ enterpriseNumber: '0202.239.95' }, 'enterpriseNumber'],
      [{ enterpriseNumber: '02-02-239-951' }, 'enterpriseNumber'],
      [{ fiscalYearStartMonth: 0 }, 'fiscalYearStartMonth'],
      [{ fiscalYearStartMonth: 13 }, 'fiscalYearStartMonth'],
    ]
    for (const [override, field] of cases) {
      const res = await call(client, org, 'post', '/buildings', buildingBody(override))
      assert.equal(res.status(), 422, `${JSON.stringify(override)} → ${res.text()}`)
      assert.equal(res.body().errors[0].code, 'E_VALIDATION')
      assert.include(
        res.body().errors.map((e: { field: string }) => e.field),
        field,
        JSON.stringify(override)
      )
    }
    const maxYear = new Date().getFullYear() + 5
    const ok = await call(
      client,
      org,
      'post',
      '/buildings',
      buildingBody({ constructionYear: maxYear })
    )
    ok.assertStatus(201)

    const list = await call(client, org, 'get', '/buildings')
    assert.equal(list.body().meta.total, 1)
  })

  test('GET /buildings/:id includes unitsCount and allocatedQuota; unknown or malformed id → 404', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org)
    await createUnit(client, org, b.id, { quota: 300 })
    await createUnit(client, org, b.id, { quota: 150 })
    const res = await call(client, org, 'get', `/buildings/${b.id}`)
    res.assertStatus(200)
    assert.equal(res.body().unitsCount, 2)
    assert.equal(res.body().allocatedQuota, 450)

    const unknown = await call(
      client,
      org,
      'get',
      '/buildings/00000000-0000-4000-8000-000000000000'
    )
    unknown.assertStatus(404)
    assert.equal(unknown.body().errors[0].code, 'E_NOT_FOUND')
    const malformed = await call(client, org, 'get', '/buildings/not-a-uuid')
    malformed.assertStatus(404)
  })

  test('GET /buildings is paged, sorted by name, filtered by ?q= on name or city, with counts', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const names = ['Charlemagne', 'alpha Tower', 'Bellevue', 'Delta 100%', 'Bloc 10', 'Bloc 2']
    for (const name of names) {
      await createBuilding(client, org, {
        name,
        address: {
          street: 'Rue 1',
          postalCode: name === 'Bellevue' ? '4000' : '1000',
          city: name === 'Bellevue' ? 'Liège' : 'Bruxelles',
        },
      })
    }
    const all = await call(client, org, 'get', '/buildings?perPage=2')
    all.assertStatus(200)
    assert.deepEqual(all.body().meta, { total: 6, perPage: 2, currentPage: 1, lastPage: 3 })
    const page2 = await call(client, org, 'get', '/buildings?perPage=2&page=2')
    const page3 = await call(client, org, 'get', '/buildings?perPage=2&page=3')
    const sorted = [...all.body().data, ...page2.body().data, ...page3.body().data].map(
      (b: { name: string }) => b.name
    )
    assert.deepEqual(sorted, [
      'alpha Tower',
      'Bellevue',
      'Bloc 2',
      'Bloc 10',
      'Charlemagne',
      'Delta 100%',
    ])
    assert.properties(all.body().data[0], ['unitsCount', 'allocatedQuota', 'address'])

    const byCity = await call(client, org, 'get', '/buildings?q=LIÈGE')
    assert.deepEqual(
      byCity.body().data.map((b: { name: string }) => b.name),
      ['Bellevue']
    )
    const byName = await call(client, org, 'get', '/buildings?q=tow')
    assert.deepEqual(
      byName.body().data.map((b: { name: string }) => b.name),
      ['alpha Tower']
    )
    // LIKE wildcards are literal.
    const percent = await call(client, org, 'get', '/buildings?q=%25')
    assert.deepEqual(
      percent.body().data.map((b: { name: string }) => b.name),
      ['Delta 100%']
    )
    const bad = await call(client, org, 'get', '/buildings?perPage=500')
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'perPage')
  })

  test('each listed building carries its own unitsCount and allocatedQuota', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    for (let i = 0; i < 3; i++) {
      const b = await createBuilding(client, org, { name: `N${i}` })
      await createUnit(client, org, b.id, { quota: 10 * (i + 1) })
    }
    const res = await call(client, org, 'get', '/buildings')
    assert.deepEqual(
      res.body().data.map((b: any) => [b.name, b.unitsCount, b.allocatedQuota]),
      [
        ['N0', 1, 10],
        ['N1', 1, 20],
        ['N2', 1, 30],
      ]
    )
  })
})

test.group('Buildings: update and delete', () => {
  test('PUT updates only the fields sent and audits the changes', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org, { name: 'Old name' })
    const res = await call(client, org, 'put', `/buildings/${b.id}`, {
      name: 'New name',
      address: { city: 'Ixelles', postalCode: '1050' },
      enterpriseNumber: '0202 239 951',
      fiscalYearStartMonth: 4,
    })
    res.assertStatus(200)
    assert.equal(res.body().name, 'New name')
    assert.deepEqual(res.body().address, {
      street: 'Rue de la Loi 16',
      postalCode: '1050',
      city: 'Ixelles',
      country: 'BE',
    })
    assert.equal(res.body().enterpriseNumber, VALID_BCE)
    assert.equal(res.body().fiscalYearStartMonth, 4)
    assert.equal(res.body().totalQuota, 1000)
    const logs = await auditFor(b.id)
    assert.equal(logs[0].action, 'building.updated')
    assert.deepEqual(logs[0].metadata.changes.name, { from: 'Old name', to: 'New name' })

    const cleared = await call(client, org, 'put', `/buildings/${b.id}`, { enterpriseNumber: null })
    cleared.assertStatus(200)
    assert.isNull(cleared.body().enterpriseNumber)

    const bad = await call(client, org, 'put', `/buildings/${b.id}`, { fiscalYearStartMonth: 13 })
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'fiscalYearStartMonth')
  })

  test('lowering totalQuota below the allocated Σ is a 422 on totalQuota; down to it is fine', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org)
    await createUnit(client, org, b.id, { quota: 400 })
    await createUnit(client, org, b.id, { quota: 200 })
    const res = await call(client, org, 'put', `/buildings/${b.id}`, {
      totalQuota: 599,
      name: 'Renamed',
    })
    res.assertStatus(422)
    assert.equal(res.body().errors[0].field, 'totalQuota')
    assert.include(res.body().errors[0].message, '600')
    const row = await ownerRow('buildings', b.id)
    assert.equal(row.total_quota, 1000)
    assert.notEqual(row.name, 'Renamed')

    const ok = await call(client, org, 'put', `/buildings/${b.id}`, { totalQuota: 600 })
    ok.assertStatus(200)
    assert.equal(ok.body().totalQuota, 600)
    assert.equal(ok.body().allocatedQuota, 600)
  })

  test('DELETE: 409 with units, 204 without, then 404; events emitted after commit', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const events: Array<{ name: string; data: any }> = []
    const onCreated = (data: any) => events.push({ name: 'building:created', data })
    const onArchived = (data: any) => events.push({ name: 'building:archived', data })
    emitter.on('building:created', onCreated)
    emitter.on('building:archived', onArchived)
    try {
      const b = await createBuilding(client, org)
      const u = await createUnit(client, org, b.id)
      const conflict = await call(client, org, 'delete', `/buildings/${b.id}`)
      conflict.assertStatus(409)
      assert.equal(conflict.body().errors[0].code, 'E_CONFLICT')
      assert.isNotNull(await ownerRow('buildings', b.id))

      await expectStatus(call(client, org, 'delete', `/units/${u.id}`), 204)
      const del = await call(client, org, 'delete', `/buildings/${b.id}`)
      del.assertStatus(204)
      assert.isNull(await ownerRow('buildings', b.id))
      await expectStatus(call(client, org, 'get', `/buildings/${b.id}`), 404)
      await expectStatus(call(client, org, 'delete', `/buildings/${b.id}`), 404)
      assert.equal(await lastAuditAction(b.id), 'building.deleted')

      // A rejected create emits nothing.
      await expectStatus(
        call(client, org, 'post', '/buildings', buildingBody({ totalQuota: 0 })),
        422
      )

      assert.deepEqual(events, [
        {
          name: 'building:created',
          data: { organisationId: org.organisationId, buildingId: b.id },
        },
        {
          name: 'building:archived',
          data: { organisationId: org.organisationId, buildingId: b.id },
        },
      ])
    } finally {
      emitter.off('building:created', onCreated)
      emitter.off('building:archived', onArchived)
    }
  })

  test('permissions: board_member reads but cannot write; owner role cannot read; anonymous 401', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org)
    const board = await addMember(org, 'board_member')
    await expectStatus(call(client, board, 'get', `/buildings/${b.id}`), 200)
    await expectStatus(call(client, board, 'get', '/buildings'), 200)
    const denied = await call(client, board, 'put', `/buildings/${b.id}`, { name: 'Hacked' })
    denied.assertStatus(403)
    assert.equal(denied.body().errors[0].code, 'E_FORBIDDEN')
    await expectStatus(call(client, board, 'post', '/buildings', buildingBody()), 403)
    await expectStatus(call(client, board, 'delete', `/buildings/${b.id}`), 403)

    const syndic = await addMember(org, 'syndic')
    await expectStatus(
      call(client, syndic, 'put', `/buildings/${b.id}`, { name: 'By syndic' }),
      200
    )

    const owner = await addMember(org, 'owner')
    await expectStatus(call(client, owner, 'get', '/buildings'), 403)

    const anon = await client.get('/api/v1/buildings')
    anon.assertStatus(401)
    assert.equal(anon.body().errors[0].code, 'E_UNAUTHORIZED')
  })

  test('org A on org B building: 404 for GET/PUT/DELETE and units routes; row unchanged', async ({
    client,
    assert,
  }) => {
    const a = await signupOrg(client)
    const b = await signupOrg(client)
    const theirs = await createBuilding(client, b, { name: 'Theirs' })
    const before = await ownerRow('buildings', theirs.id)
    for (const [method, path, body] of [
      ['get', `/buildings/${theirs.id}`, undefined],
      ['put', `/buildings/${theirs.id}`, { name: 'Mine now', totalQuota: 1 }],
      ['delete', `/buildings/${theirs.id}`, undefined],
      ['get', `/buildings/${theirs.id}/units`, undefined],
      ['post', `/buildings/${theirs.id}/units`, { number: '1', type: 'apartment', quota: 10 }],
    ] as const) {
      const res = await call(client, a, method, path, body)
      assert.equal(res.status(), 404, `${method} ${path}`)
      assert.equal(res.body().errors[0].code, 'E_NOT_FOUND')
    }
    assert.deepEqual(await ownerRow('buildings', theirs.id), before)
    const list = await call(client, a, 'get', '/buildings')
    assert.equal(list.body().meta.total, 0)
  })
})
