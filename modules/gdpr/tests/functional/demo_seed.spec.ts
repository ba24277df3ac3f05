import { test } from '@japa/runner'
import demoSeed from '../../database/seeders/demo_seed.js'
import { call } from '#tests/functional/buildings/helpers'
import { ownerQuery, signupOrg } from './helpers.js'

test.group('GDPR demo seed', () => {
  test('a full register and one past breach handled in time; idempotent', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    await demoSeed(org.organisationId)
    await demoSeed(org.organisationId)
    const [activities] = await ownerQuery(
      `select count(*)::int as n from gdpr_processing_activities where organisation_id = ?`,
      [org.organisationId]
    )
    assert.equal(activities.n, 10)
    const res = await call(client, org, 'get', '/gdpr/incidents')
    assert.equal(res.body().meta.total, 1)
    const incident = res.body().data[0]
    assert.equal(incident.status, 'closed')
    assert.isFalse(incident.overdue)
    assert.equal(incident.authorityReference, 'APD/GBA 2026-0117')
  })
})
