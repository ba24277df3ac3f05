import { test } from '@japa/runner'
import { signupOrg } from '#tests/helpers/api'
import { addMember, auditActions, fieldsOf, owner, moduleField } from './_helpers.js'

test.group('Organisation: modules', () => {
  test('lists every registered module with its state, in the request language', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const res = await client.get('/api/v1/organisation/modules').bearerToken(org.token)
    res.assertStatus(200)
    const keys = res.body().data.map((m: { key: string }) => m.key)
    assert.includeMembers(keys, ['gdpr', 'accounting', 'legal', 'community', 'iot'])
    const gdpr = res.body().data.find((m: { key: string }) => m.key === 'gdpr')
    assert.equal(gdpr.name, 'RGPD')
    assert.deepEqual(gdpr.names, { fr: 'RGPD', nl: 'AVG', de: 'DSGVO', en: 'GDPR' })
    assert.isString(gdpr.description)
    assert.isTrue(gdpr.required)
    assert.isTrue(gdpr.enabled)
    assert.isTrue(gdpr.includedInPlan)
    const iot = res.body().data.find((m: { key: string }) => m.key === 'iot')
    assert.isFalse(iot.required)
    assert.isTrue(iot.enabled)
    assert.isTrue(iot.includedInPlan)
    assert.equal(iot.source, 'trial')

    const en = await client
      .get('/api/v1/organisation/modules')
      .bearerToken(org.token)
      .header('Accept-Language', 'en-GB,en;q=0.9')
    assert.equal(en.body().data.find((m: { key: string }) => m.key === 'gdpr').name, 'GDPR')
    const other = await client
      .get('/api/v1/organisation/modules')
      .bearerToken(org.token)
      .header('Accept-Language', 'es')
    assert.equal(other.body().data.find((m: { key: string }) => m.key === 'gdpr').name, 'RGPD')

    const anon = await client.get('/api/v1/organisation/modules')
    anon.assertStatus(401)
  })

  test('admin disables and re-enables a module (source manual, audited)', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const off = await client
      .put('/api/v1/organisation/modules/legal')
      .bearerToken(org.token)
      .json({ enabled: false })
    off.assertStatus(200)
    assert.equal(off.body().key, 'legal')
    assert.isFalse(off.body().enabled)
    assert.equal(off.body().source, 'manual')
    assert.isFalse(await moduleField(org.organisationId, 'legal', 'enabled'))
    assert.equal(await moduleField(org.organisationId, 'legal', 'source'), 'manual')

    const list = await client.get('/api/v1/organisation/modules').bearerToken(org.token)
    assert.isFalse(list.body().data.find((m: { key: string }) => m.key === 'legal').enabled)

    const on = await client
      .put('/api/v1/organisation/modules/legal')
      .bearerToken(org.token)
      .json({ enabled: true })
    on.assertStatus(200)
    assert.isTrue(on.body().enabled)
    assert.isTrue(await moduleField(org.organisationId, 'legal', 'enabled'))

    const actions = await auditActions(org.organisationId)
    assert.include(actions, 'module.disabled')
    assert.include(actions, 'module.enabled')
  })

  test('disabling gdpr is a 409; unknown key 404; bad body 422', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const gdpr = await client
      .put('/api/v1/organisation/modules/gdpr')
      .bearerToken(org.token)
      .json({ enabled: false })
    gdpr.assertStatus(409)
    assert.equal(gdpr.body().errors[0].code, 'E_CONFLICT')
    assert.isTrue(await moduleField(org.organisationId, 'gdpr', 'enabled'))

    const unknown = await client
      .put('/api/v1/organisation/modules/teleportation')
      .bearerToken(org.token)
      .json({ enabled: true })
    unknown.assertStatus(404)
    assert.equal(unknown.body().errors[0].code, 'E_NOT_FOUND')
    const weird = await client
      .put('/api/v1/organisation/modules/NOT%20A%20KEY')
      .bearerToken(org.token)
      .json({ enabled: true })
    weird.assertStatus(404)

    for (const body of [{}, { enabled: 'yes' }, { enabled: 1 }, { enabled: null }]) {
      const bad = await client
        .put('/api/v1/organisation/modules/legal')
        .bearerToken(org.token)
        .json(body)
      assert.equal(bad.status(), 422, JSON.stringify(body))
      assert.deepEqual(fieldsOf(bad.body()), ['enabled'])
    }
    assert.equal(await moduleField(org.organisationId, 'legal', 'source'), 'trial')
  })

  test('enabling a module outside the plan is a 402 E_PLAN_REQUIRED', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    await owner()
      .from('organisations')
      .where('id', org.organisationId)
      .update({ status: 'active', plan: 'essential' })

    const list = await client.get('/api/v1/organisation/modules').bearerToken(org.token)
    const byKey = (k: string) => list.body().data.find((m: { key: string }) => m.key === k)
    assert.isFalse(byKey('iot').includedInPlan)
    assert.isTrue(byKey('community').includedInPlan)

    const iot = await client
      .put('/api/v1/organisation/modules/iot')
      .bearerToken(org.token)
      .json({ enabled: true })
    iot.assertStatus(402)
    assert.equal(iot.body().errors[0].code, 'E_PLAN_REQUIRED')
    assert.equal(await moduleField(org.organisationId, 'iot', 'source'), 'trial')

    // Turning off is always allowed; inside the plan, on again works.
    const off = await client
      .put('/api/v1/organisation/modules/iot')
      .bearerToken(org.token)
      .json({ enabled: false })
    off.assertStatus(200)
    const community = await client
      .put('/api/v1/organisation/modules/community')
      .bearerToken(org.token)
      .json({ enabled: true })
    community.assertStatus(200)
  })

  test('only admins change modules; staff may read them, owners may not', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const syndic = await addMember(client, org, 'syndic')
    const ownerMember = await addMember(client, org, 'owner')

    const read = await client.get('/api/v1/organisation/modules').bearerToken(syndic.token)
    read.assertStatus(200)
    const write = await client
      .put('/api/v1/organisation/modules/legal')
      .bearerToken(syndic.token)
      .json({ enabled: false })
    write.assertStatus(403)
    assert.isTrue(await moduleField(org.organisationId, 'legal', 'enabled'))
    const ownerRead = await client
      .get('/api/v1/organisation/modules')
      .bearerToken(ownerMember.token)
    ownerRead.assertStatus(403)
  })

  test("one organisation's module change does not touch another's", async ({ client, assert }) => {
    const a = await signupOrg(client)
    const b = await signupOrg(client)
    const res = await client
      .put('/api/v1/organisation/modules/accounting')
      .bearerToken(a.token)
      .json({ enabled: false })
    res.assertStatus(200)
    assert.isFalse(await moduleField(a.organisationId, 'accounting', 'enabled'))
    assert.isTrue(await moduleField(b.organisationId, 'accounting', 'enabled'))
    const other = await client
      .put('/api/v1/organisation/modules/accounting')
      .bearerToken(a.token)
      .header('X-Organisation', b.organisationId)
      .json({ enabled: false })
    other.assertStatus(403)
    assert.isTrue(await moduleField(b.organisationId, 'accounting', 'enabled'))
  })
})
