import { test } from '@japa/runner'
import { signupOrg, type TestOrg } from '#tests/helpers/api'
import { addMember, auditActions, fieldsOf, owner, moduleField } from './_helpers.js'

/** Platform staff are made in tests only, through the owner connection. */
async function superadmin(client: Parameters<typeof signupOrg>[0]): Promise<TestOrg> {
  const staff = await signupOrg(client, 'Platform Staff')
  await owner().from('users').where('id', staff.userId).update({ is_superadmin: true })
  return staff
}

test.group('Superadmin: organisations', () => {
  test('lists organisations with member and building counts (audited)', async ({
    client,
    assert,
  }) => {
    const staff = await superadmin(client)
    const org = await signupOrg(client, 'Syndic Compté')
    await addMember(client, org, 'syndic')
    await owner()
      .table('buildings')
      .insert([
        {
          organisation_id: org.organisationId,
          name: 'Résidence A',
          street: 'Rue 1',
          postal_code: '1000',
          city: 'Bruxelles',
        },
        {
          organisation_id: org.organisationId,
          name: 'Résidence B',
          street: 'Rue 2',
          postal_code: '1000',
          city: 'Bruxelles',
        },
      ])

    const res = await client
      .get(`/api/v1/admin/organisations?q=${org.slug}`)
      .bearerToken(staff.token)
    res.assertStatus(200)
    assert.equal(res.body().meta.total, 1)
    const row = res.body().data[0]
    assert.equal(row.id, org.organisationId)
    assert.equal(row.name, 'Syndic Compté')
    assert.equal(row.slug, org.slug)
    assert.equal(row.status, 'trialing')
    assert.isNull(row.plan)
    assert.equal(row.memberCount, 2)
    assert.equal(row.buildingCount, 2)

    const all = await client.get('/api/v1/admin/organisations?perPage=100').bearerToken(staff.token)
    all.assertStatus(200)
    assert.isAtLeast(all.body().meta.total, 2)
    const byStatus = await client
      .get('/api/v1/admin/organisations?status=suspended')
      .bearerToken(staff.token)
    assert.isTrue(byStatus.body().data.every((o: { status: string }) => o.status === 'suspended'))
    const bad = await client
      .get('/api/v1/admin/organisations?status=zombie')
      .bearerToken(staff.token)
    bad.assertStatus(422)
    assert.deepEqual(fieldsOf(bad.body()), ['status'])

    const platform = await owner()
      .from('audit_logs')
      .whereNull('organisation_id')
      .where('action', 'admin.organisations.listed')
      .where('actor_id', staff.userId)
    assert.isAtLeast(platform.length, 2)
  })

  test('non-staff get 403, anonymous 401', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const list = await client.get('/api/v1/admin/organisations').bearerToken(org.token)
    list.assertStatus(403)
    assert.equal(list.body().errors[0].code, 'E_FORBIDDEN')
    const mod = await client
      .put(`/api/v1/admin/organisations/${org.organisationId}/modules/iot`)
      .bearerToken(org.token)
      .json({ enabled: false })
    mod.assertStatus(403)
    const status = await client
      .put(`/api/v1/admin/organisations/${org.organisationId}/status`)
      .bearerToken(org.token)
      .json({ status: 'active' })
    status.assertStatus(403)
    assert.isTrue(await moduleField(org.organisationId, 'iot', 'enabled'))
    const row = await owner().from('organisations').where('id', org.organisationId).first()
    assert.equal(row.status, 'trialing')

    const anon = await client.get('/api/v1/admin/organisations')
    anon.assertStatus(401)
  })

  test('staff grant a module outside the plan (manual, audited in that organisation)', async ({
    client,
    assert,
  }) => {
    const staff = await superadmin(client)
    const org = await signupOrg(client)
    await owner()
      .from('organisations')
      .where('id', org.organisationId)
      .update({ status: 'active', plan: 'essential' })
    await owner()
      .from('organisation_modules')
      .where('organisation_id', org.organisationId)
      .where('module_key', 'iot')
      .update({ enabled: false, source: 'plan' })

    const res = await client
      .put(`/api/v1/admin/organisations/${org.organisationId}/modules/iot`)
      .bearerToken(staff.token)
      .json({ enabled: true })
    res.assertStatus(200)
    assert.equal(res.body().key, 'iot')
    assert.isTrue(res.body().enabled)
    assert.isFalse(res.body().includedInPlan)
    assert.equal(res.body().source, 'manual')
    assert.isTrue(await moduleField(org.organisationId, 'iot', 'enabled'))
    assert.equal(await moduleField(org.organisationId, 'iot', 'source'), 'manual')

    // The organisation's own admin now sees it on.
    const seen = await client.get('/api/v1/organisation/modules').bearerToken(org.token)
    assert.isTrue(seen.body().data.find((m: { key: string }) => m.key === 'iot').enabled)

    assert.include(await auditActions(org.organisationId), 'admin.module.enabled')
    const entry = await owner()
      .from('audit_logs')
      .where('organisation_id', org.organisationId)
      .where('action', 'admin.module.enabled')
      .first()
    assert.equal(entry.actor_id, staff.userId)

    const gdpr = await client
      .put(`/api/v1/admin/organisations/${org.organisationId}/modules/gdpr`)
      .bearerToken(staff.token)
      .json({ enabled: false })
    gdpr.assertStatus(409)
    const unknownKey = await client
      .put(`/api/v1/admin/organisations/${org.organisationId}/modules/warp`)
      .bearerToken(staff.token)
      .json({ enabled: true })
    unknownKey.assertStatus(404)
    const unknownOrg = await client
      .put('/api/v1/admin/organisations/00000000-0000-4000-8000-000000000000/modules/iot')
      .bearerToken(staff.token)
      .json({ enabled: true })
    unknownOrg.assertStatus(404)
    const bad = await client
      .put(`/api/v1/admin/organisations/${org.organisationId}/modules/iot`)
      .bearerToken(staff.token)
      .json({ enabled: 'please' })
    bad.assertStatus(422)
    assert.deepEqual(fieldsOf(bad.body()), ['enabled'])
  })

  test('staff change an organisation status (audited); bad status 422, unknown 404', async ({
    client,
    assert,
  }) => {
    const staff = await superadmin(client)
    const org = await signupOrg(client)
    const res = await client
      .put(`/api/v1/admin/organisations/${org.organisationId}/status`)
      .bearerToken(staff.token)
      .json({ status: 'suspended' })
    res.assertStatus(200)
    assert.equal(res.body().id, org.organisationId)
    assert.equal(res.body().status, 'suspended')
    assert.equal(res.body().memberCount, 1)
    const row = await owner().from('organisations').where('id', org.organisationId).first()
    assert.equal(row.status, 'suspended')
    const entry = await owner()
      .from('audit_logs')
      .where('organisation_id', org.organisationId)
      .where('action', 'admin.organisation.status_changed')
      .first()
    assert.equal(entry.actor_id, staff.userId)
    assert.deepEqual(entry.metadata, { from: 'trialing', to: 'suspended' })

    const bad = await client
      .put(`/api/v1/admin/organisations/${org.organisationId}/status`)
      .bearerToken(staff.token)
      .json({ status: 'zombie' })
    bad.assertStatus(422)
    assert.deepEqual(fieldsOf(bad.body()), ['status'])
    const unknown = await client
      .put('/api/v1/admin/organisations/00000000-0000-4000-8000-000000000000/status')
      .bearerToken(staff.token)
      .json({ status: 'active' })
    unknown.assertStatus(404)
    const malformed = await client
      .put('/api/v1/admin/organisations/nope/status')
      .bearerToken(staff.token)
      .json({ status: 'active' })
    malformed.assertStatus(404)
  })
})
