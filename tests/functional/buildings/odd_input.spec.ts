import { test } from '@japa/runner'
import { call, createBuilding, createOwner, createUnit, linkOwner, signupOrg } from './helpers.js'

/** Bodies a careless or hostile client may send: each must be a 4xx, never a 500. */
const ODD_BODIES: unknown[] = [
  {},
  [],
  { name: ['x'], address: 'Rue', totalQuota: '1e309', constructionYear: 'MMXX' },
  { number: { a: 1 }, type: null, quota: Number.MAX_SAFE_INTEGER, area: '1e20' },
  { kind: 'person', firstName: 'x'.repeat(5000), lastName: 'y', email: `${'a'.repeat(300)}@x.be` },
  { ownerId: null, percentage: '1e400', startDate: '9999-99-99', isPrimaryContact: 'true!' },
  { percentage: Number.NaN, endDate: 12345 },
  { enterpriseNumber: 123, iban: 42, locale: 7, userId: '00000000-0000-0000-0000-000000000000' },
]

test.group('Odd input never yields a 500', () => {
  test('every write route answers a 4xx with the error shape', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const building = await createBuilding(client, org)
    const unit = await createUnit(client, org, building.id)
    const owner = await createOwner(client, org)
    const link = await linkOwner(client, org, unit.id, owner.id, { percentage: 10 })
    const routes: Array<['post' | 'put', string]> = [
      ['post', '/buildings'],
      ['put', `/buildings/${building.id}`],
      ['post', `/buildings/${building.id}/units`],
      ['put', `/units/${unit.id}`],
      ['post', '/owners'],
      ['put', `/owners/${owner.id}`],
      ['post', `/units/${unit.id}/owners`],
      ['put', `/unit-owners/${link.id}`],
    ]
    for (const [method, path] of routes) {
      for (const body of ODD_BODIES) {
        const res = await call(client, org, method, path, body as object)
        const label = `${method.toUpperCase()} ${path} ${JSON.stringify(body).slice(0, 80)} → ${res.status()} ${res.text().slice(0, 200)}`
        assert.isBelow(res.status(), 500, label)
        if (res.status() >= 400) {
          assert.isArray(res.body().errors, label)
          assert.match(res.body().errors[0].code, /^E_/, label)
        }
      }
    }
    const queries = [
      '/buildings?page=0',
      '/buildings?page=abc',
      '/buildings?q[]=x',
      `/buildings/${building.id}/units?type[]=cellar`,
      `/buildings/${building.id}/units?perPage=-1`,
      '/owners?buildingId[]=x',
      `/owners?q=${encodeURIComponent("%_\\'")}`,
      `/units/${unit.id}/owners?history=maybe`,
    ]
    for (const path of queries) {
      const res = await call(client, org, 'get', path)
      assert.isBelow(res.status(), 500, `${path} → ${res.status()} ${res.text()}`)
    }
  })
})
