import { test } from '@japa/runner'
import {
  call,
  createBuilding,
  createOwner,
  createUnit,
  linkOwner,
  ownerRow,
  signupOrg,
  VALID_IBAN,
  idsOf,
  totalOf,
} from '../buildings/helpers.js'

test.group('Tenancy: org A admin on org B ids over HTTP', () => {
  test('every building/unit/owner/unit-owner route answers 404 and changes nothing', async ({
    client,
    assert,
  }) => {
    const a = await signupOrg(client)
    const b = await signupOrg(client)
    const building = await createBuilding(client, b)
    const emptyBuilding = await createBuilding(client, b)
    const unit = await createUnit(client, b, building.id, { quota: 100 })
    const emptyUnit = await createUnit(client, b, building.id, { quota: 50 })
    const owner = await createOwner(client, b)
    const link = await linkOwner(client, b, unit.id, owner.id, { percentage: 50 })
    const aOwner = await createOwner(client, a)

    const rows = async () => ({
      buildings: [
        await ownerRow('buildings', building.id),
        await ownerRow('buildings', emptyBuilding.id),
      ],
      units: [await ownerRow('units', unit.id), await ownerRow('units', emptyUnit.id)],
      owner: await ownerRow('owners', owner.id),
      link: await ownerRow('unit_owners', link.id),
    })
    const before = await rows()

    const attempts: Array<['get' | 'post' | 'put' | 'delete', string, object?]> = [
      ['get', `/buildings/${building.id}`],
      ['put', `/buildings/${building.id}`, { name: 'A owns this', totalQuota: 5000 }],
      ['delete', `/buildings/${emptyBuilding.id}`],
      ['get', `/buildings/${building.id}/units`],
      ['post', `/buildings/${building.id}/units`, { number: 'X', type: 'other', quota: 1 }],
      ['get', `/units/${unit.id}`],
      ['put', `/units/${unit.id}`, { quota: 1, number: 'A' }],
      ['delete', `/units/${emptyUnit.id}`],
      ['get', `/owners/${owner.id}`],
      ['put', `/owners/${owner.id}`, { iban: VALID_IBAN, email: 'a@example.test' }],
      ['get', `/units/${unit.id}/owners`],
      ['post', `/units/${unit.id}/owners`, { ownerId: aOwner.id, percentage: 10 }],
      ['put', `/unit-owners/${link.id}`, { percentage: 1, endDate: '2030-01-01' }],
      ['delete', `/unit-owners/${link.id}`],
    ]
    for (const [method, path, body] of attempts) {
      const res = await call(client, a, method, path, body)
      assert.equal(res.status(), 404, `${method.toUpperCase()} ${path} → ${res.text()}`)
      assert.deepEqual(
        res.body().errors.map((e: any) => e.code),
        ['E_NOT_FOUND']
      )
    }
    assert.deepEqual(await rows(), before)

    // Lists of A show nothing of B.
    assert.equal(await totalOf(call(client, a, 'get', '/buildings')), 0)
    assert.deepEqual(await idsOf(call(client, a, 'get', '/owners')), [aOwner.id])
    assert.equal(await totalOf(call(client, a, 'get', `/owners?buildingId=${building.id}`)), 0)

    // X-Organisation pointing at B, for a user who is not a member of B: 403.
    const header = await client
      .get(`/api/v1/buildings/${building.id}`)
      .bearerToken(a.token)
      .header('X-Organisation', b.organisationId)
    header.assertStatus(403)
    assert.equal(header.body().errors[0].code, 'E_FORBIDDEN')
  })
})
