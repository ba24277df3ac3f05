import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import Notification from '#models/notification'
import User from '#models/user'
import { notify } from '#services/notification_service'
import { withTenant } from '#tenancy/tenant_context'
import { signupOrg } from '#tests/helpers/api'
import { startSmtpSink } from '#tests/helpers/smtp_sink'
import { drainQueues, startTestWorker } from '#tests/helpers/worker'
import { addMember } from './members.js'

function send(
  organisationId: string,
  userIds: string[],
  extra: Partial<Parameters<typeof notify>[0]> = {}
) {
  return withTenant(organisationId, () =>
    notify({ userIds, type: 'test.event', title: 'Hello', body: 'Body', url: '/app/x', ...extra })
  )
}

test.group('Notifications: service and endpoints', (group) => {
  group.each.setup(async () => {
    await drainQueues(['core'])
  })

  test('notify writes one row per member; non-members and inApp=false get none', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const other = await signupOrg(client)
    const member = await addMember(org.organisationId, 'owner')
    await User.query()
      .where('id', member.user.id)
      .update({
        notification_preferences: JSON.stringify({ 'test.muted': { inApp: false } }),
      })
    const created = await send(org.organisationId, [
      org.userId,
      member.user.id,
      other.userId,
      org.userId,
    ])
    assert.lengthOf(created, 2)
    const muted = await send(org.organisationId, [member.user.id], { type: 'test.muted' })
    assert.lengthOf(muted, 0)
    const rows = await withTenant(org.organisationId, () => Notification.query())
    assert.sameMembers(
      rows.map((r) => r.userId),
      [org.userId, member.user.id]
    )
    // The outsider's organisation holds nothing.
    assert.lengthOf(await withTenant(other.organisationId, () => Notification.query()), 0)
  })

  test('list is paged, own notifications only, filtered by ?unread; unread-count', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const member = await addMember(org.organisationId, 'owner')
    for (let i = 0; i < 3; i++) await send(org.organisationId, [org.userId], { title: `Mine ${i}` })
    await send(org.organisationId, [member.user.id], { title: 'Theirs' })

    const list = await client.get('/api/v1/notifications?perPage=2').bearerToken(org.token)
    list.assertStatus(200)
    assert.equal(list.body().meta.total, 3)
    assert.equal(list.body().meta.lastPage, 2)
    assert.lengthOf(list.body().data, 2)
    const first = list.body().data[0]
    assert.properties(first, ['id', 'type', 'title', 'body', 'url', 'data', 'readAt', 'createdAt'])
    assert.isNull(first.readAt)

    const count = await client.get('/api/v1/notifications/unread-count').bearerToken(org.token)
    count.assertBody({ count: 3 })

    const read = await client.put(`/api/v1/notifications/${first.id}/read`).bearerToken(org.token)
    read.assertStatus(200)
    assert.isString(read.body().readAt)

    const unread = await client.get('/api/v1/notifications?unread=true').bearerToken(org.token)
    assert.equal(unread.body().meta.total, 2)
    assert.notInclude(
      unread.body().data.map((n: { id: string }) => n.id),
      first.id
    )
    const theirs = await client.get('/api/v1/notifications').bearerToken(member.token)
    assert.deepEqual(
      theirs.body().data.map((n: { title: string }) => n.title),
      ['Theirs']
    )

    const bad = await client.get('/api/v1/notifications?perPage=500').bearerToken(org.token)
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'perPage')
    const badUnread = await client.get('/api/v1/notifications?unread=maybe').bearerToken(org.token)
    badUnread.assertStatus(422)
    assert.equal(badUnread.body().errors[0].field, 'unread')
  })

  test("another user's or another organisation's notification is a 404 and stays unread", async ({
    client,
    assert,
  }) => {
    const orgA = await signupOrg(client)
    const orgB = await signupOrg(client)
    const colleague = await addMember(orgA.organisationId, 'syndic')
    const [colleagues] = await send(orgA.organisationId, [colleague.user.id])
    const [inB] = await send(orgB.organisationId, [orgB.userId])

    const r1 = await client
      .put(`/api/v1/notifications/${colleagues.id}/read`)
      .bearerToken(orgA.token)
    r1.assertStatus(404)
    assert.equal(r1.body().errors[0].code, 'E_NOT_FOUND')
    const r2 = await client.put(`/api/v1/notifications/${inB.id}/read`).bearerToken(orgA.token)
    r2.assertStatus(404)
    const r3 = await client
      .put(`/api/v1/notifications/${randomUUID()}/read`)
      .bearerToken(orgA.token)
    r3.assertStatus(404)
    const r4 = await client.put(`/api/v1/notifications/not-a-uuid/read`).bearerToken(orgA.token)
    r4.assertStatus(404)

    // read-all only touches the caller's own rows.
    const all = await client.put('/api/v1/notifications/read-all').bearerToken(orgA.token)
    all.assertStatus(200)
    const stillA = await withTenant(orgA.organisationId, () =>
      Notification.query().where('id', colleagues.id).firstOrFail()
    )
    assert.isNull(stillA.readAt)
    const stillB = await withTenant(orgB.organisationId, () =>
      Notification.query().where('id', inB.id).firstOrFail()
    )
    assert.isNull(stillB.readAt)
    const countB = await client.get('/api/v1/notifications/unread-count').bearerToken(orgB.token)
    countB.assertBody({ count: 1 })
  })

  test('read-all marks every own notification read', async ({ client }) => {
    const org = await signupOrg(client)
    await send(org.organisationId, [org.userId])
    await send(org.organisationId, [org.userId])
    const all = await client.put('/api/v1/notifications/read-all').bearerToken(org.token)
    all.assertBody({ updated: 2 })
    const count = await client.get('/api/v1/notifications/unread-count').bearerToken(org.token)
    count.assertBody({ count: 0 })
    const again = await client.put('/api/v1/notifications/read-all').bearerToken(org.token)
    again.assertBody({ updated: 0 })
  })

  test('anonymous requests get 401', async ({ client }) => {
    const res = await client.get('/api/v1/notifications')
    res.assertStatus(401)
    const res2 = await client.put('/api/v1/me/notification-preferences').json({ preferences: {} })
    res2.assertStatus(401)
  })
})

test.group('Notifications: preferences and e-mail', (group) => {
  group.each.setup(async () => {
    await drainQueues(['core'])
  })

  test('preferences: defaults, merge per type, validation', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const initial = await client.get('/api/v1/me/notification-preferences').bearerToken(org.token)
    initial.assertStatus(200)
    assert.deepEqual(initial.body(), { preferences: {}, defaults: { inApp: true, email: false } })

    const put1 = await client
      .put('/api/v1/me/notification-preferences')
      .bearerToken(org.token)
      .json({ preferences: { 'accounting.call_for_funds_sent': { email: true } } })
    put1.assertStatus(200)
    const put2 = await client
      .put('/api/v1/me/notification-preferences')
      .bearerToken(org.token)
      .json({
        preferences: {
          'accounting.call_for_funds_sent': { inApp: false },
          'legal.x': { email: true },
        },
      })
    assert.deepEqual(put2.body().preferences, {
      'accounting.call_for_funds_sent': { email: true, inApp: false },
      'legal.x': { email: true },
    })

    const bad = await client
      .put('/api/v1/me/notification-preferences')
      .bearerToken(org.token)
      .json({ preferences: { 'x.y': { email: 'yes please' } } })
    bad.assertStatus(422)
    assert.match(bad.body().errors[0].field, /^preferences/)
    const badKey = await client
      .put('/api/v1/me/notification-preferences')
      .bearerToken(org.token)
      .json({ preferences: { 'Bad Key!': { email: true } } })
    badKey.assertStatus(422)
    assert.equal(badKey.body().errors[0].field, 'preferences')
    const missing = await client
      .put('/api/v1/me/notification-preferences')
      .bearerToken(org.token)
      .json({})
    missing.assertStatus(422)
    assert.equal(missing.body().errors[0].field, 'preferences')

    const after = await client.get('/api/v1/me/notification-preferences').bearerToken(org.token)
    assert.deepEqual(after.body().preferences, put2.body().preferences)
  })

  test('users who asked for e-mails of a type receive one; others do not', async ({
    client,
    assert,
  }) => {
    const sink = await startSmtpSink()
    const worker = startTestWorker({ queues: ['core'] })
    try {
      const org = await signupOrg(client)
      const wantsMail = await addMember(org.organisationId, 'owner', 'de')
      const noMail = await addMember(org.organisationId, 'owner')
      const pref = await client
        .put('/api/v1/me/notification-preferences')
        .bearerToken(wantsMail.token)
        .json({ preferences: { 'community.new_notice': { email: true } } })
      pref.assertStatus(200)

      await send(org.organisationId, [wantsMail.user.id, noMail.user.id], {
        type: 'community.new_notice',
        title: 'Neue Mitteilung',
        body: 'Der Aufzug wird gewartet.',
        url: '/o/x/notices/1',
      })
      const message = await sink.waitFor((m) => m.to.includes(wantsMail.user.email), 10000)
      assert.equal(message.subject, 'Neue Mitteilung')
      assert.include(message.text, 'Der Aufzug wird gewartet.')
      assert.include(message.text, 'Details ansehen')
      assert.include(message.text, '/o/x/notices/1')
      await new Promise((r) => setTimeout(r, 300))
      assert.isUndefined(sink.messages.find((m) => m.to.includes(noMail.user.email)))
    } finally {
      await worker.close()
      await sink.close()
    }
  })
})
