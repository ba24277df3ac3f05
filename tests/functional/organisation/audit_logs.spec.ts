import { test } from '@japa/runner'
import { signupOrg } from '#tests/helpers/api'
import { addMember, fieldsOf } from './_helpers.js'

test.group('Organisation: audit log', () => {
  test('admin reads the audit log newest first, paged, filtered', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const syndic = await addMember(client, org, 'syndic')
    await client.put('/api/v1/organisation').bearerToken(org.token).json({ name: 'Renamed' })

    const res = await client.get('/api/v1/organisation/audit-logs').bearerToken(org.token)
    res.assertStatus(200)
    const data = res.body().data
    assert.isAtLeast(res.body().meta.total, 4)
    assert.equal(data[0].action, 'organisation.updated')
    assert.equal(data[0].actorId, org.userId)
    assert.equal(data[0].organisationId, org.organisationId)
    assert.property(data[0], 'metadata')
    assert.property(data[0], 'ip')
    const times = data.map((e: { createdAt: string }) => new Date(e.createdAt).getTime())
    assert.deepEqual(
      times,
      [...times].sort((x: number, y: number) => y - x)
    )
    assert.includeMembers(
      data.map((e: { action: string }) => e.action),
      ['organisation.signup', 'member.invited', 'member.joined', 'organisation.updated']
    )

    const byAction = await client
      .get('/api/v1/organisation/audit-logs?action=member.joined')
      .bearerToken(org.token)
    assert.lengthOf(byAction.body().data, 1)
    assert.equal(byAction.body().data[0].actorId, syndic.userId)

    const byActor = await client
      .get(`/api/v1/organisation/audit-logs?actorId=${syndic.userId}`)
      .bearerToken(org.token)
    assert.isTrue(
      byActor.body().data.every((e: { actorId: string }) => e.actorId === syndic.userId)
    )
    assert.isAtLeast(byActor.body().data.length, 1)

    const paged = await client
      .get('/api/v1/organisation/audit-logs?perPage=1&page=2')
      .bearerToken(org.token)
    assert.lengthOf(paged.body().data, 1)
    assert.equal(paged.body().meta.currentPage, 2)
    assert.equal(paged.body().data[0].id, data[1].id)

    const today = new Date().toISOString().slice(0, 10)
    const inRange = await client
      .get(`/api/v1/organisation/audit-logs?from=2000-01-01&to=2999-12-31`)
      .bearerToken(org.token)
    assert.equal(inRange.body().meta.total, res.body().meta.total)
    const future = await client
      .get(`/api/v1/organisation/audit-logs?from=2999-01-01`)
      .bearerToken(org.token)
    assert.equal(future.body().meta.total, 0)
    const past = await client
      .get(`/api/v1/organisation/audit-logs?to=2000-01-01T00:00:00Z`)
      .bearerToken(org.token)
    assert.equal(past.body().meta.total, 0)
    const todayOnly = await client
      .get(`/api/v1/organisation/audit-logs?from=${today}T00:00:00Z`)
      .bearerToken(org.token)
    assert.equal(todayOnly.body().meta.total, res.body().meta.total)
  })

  test('bad filters are a 422 per field', async ({ client, assert }) => {
    const org = await signupOrg(client)
    for (const [qs, field] of [
      ['from=yesterday', 'from'],
      ['to=2026-13-45', 'to'],
      ['from=2026-02-01&to=2026-01-01', 'to'],
      ['actorId=42', 'actorId'],
      ['page=0', 'page'],
    ]) {
      const res = await client.get(`/api/v1/organisation/audit-logs?${qs}`).bearerToken(org.token)
      assert.equal(res.status(), 422, qs)
      assert.include(fieldsOf(res.body()), field, qs)
    }
  })

  test("only admins; never another organisation's entries", async ({ client, assert }) => {
    const a = await signupOrg(client)
    const b = await signupOrg(client)
    const syndic = await addMember(client, a, 'syndic')
    const forbidden = await client.get('/api/v1/organisation/audit-logs').bearerToken(syndic.token)
    forbidden.assertStatus(403)
    const anon = await client.get('/api/v1/organisation/audit-logs')
    anon.assertStatus(401)

    const res = await client.get('/api/v1/organisation/audit-logs?perPage=100').bearerToken(a.token)
    assert.isTrue(
      res
        .body()
        .data.every((e: { organisationId: string }) => e.organisationId === a.organisationId)
    )
    const byB = await client
      .get(`/api/v1/organisation/audit-logs?actorId=${b.userId}`)
      .bearerToken(a.token)
    assert.equal(byB.body().meta.total, 0)
  })
})
