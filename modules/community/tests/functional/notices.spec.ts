// Tests read responses inline (`(await call(…)).body()`): clearer than a local per request.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { dispatch } from '#jobs/dispatcher'
import { drainQueues, startTestWorker, waitForJob } from '#tests/helpers/worker'
import { samplePdf, samplePng } from '#tests/helpers/sample_files'
import { clock } from '../../shared/clock.js'
import {
  call,
  community,
  disableCommunity,
  hoursFromNow,
  ownerQuery,
  signupOrg,
} from './helpers.js'

const noticeBody = (buildingId: string, extra: Record<string, unknown> = {}) => ({
  buildingId,
  category: 'announcement',
  title: 'Fête des voisins',
  body: 'Rendez-vous dans le jardin samedi à 18 h.',
  visibility: 'building',
  ...extra,
})

async function published(
  client: any,
  who: any,
  buildingId: string,
  extra: Record<string, unknown> = {}
) {
  const n = (await call(client, who, 'post', '/notices', noticeBody(buildingId, extra))).body()
  const res = await call(client, who, 'put', `/notices/${n.id}/publish`)
  res.assertStatus(200)
  return res.body()
}

test.group('Community notices', (group) => {
  group.each.teardown(() => clock.reset())

  test('create with category rules, draft → published → archived, author edit', async ({
    client,
    assert,
  }) => {
    const c = await community(client)
    const created = await call(client, c.alice, 'post', '/notices', noticeBody(c.buildingId))
    created.assertStatus(201)
    const n = created.body()
    assert.equal(n.status, 'draft')
    assert.isTrue(n.mine)
    assert.equal(n.author.name.startsWith('Alice'), true)

    const sale = await call(
      client,
      c.alice,
      'post',
      '/notices',
      noticeBody(c.buildingId, { category: 'for_sale' })
    )
    sale.assertStatus(422)
    assert.equal(sale.body().errors[0].field, 'price')
    const zero = await call(
      client,
      c.alice,
      'post',
      '/notices',
      noticeBody(c.buildingId, { category: 'for_sale', price: 0 })
    )
    assert.equal(zero.body().errors[0].field, 'price')
    const ok = await call(
      client,
      c.alice,
      'post',
      '/notices',
      noticeBody(c.buildingId, { category: 'for_sale', price: '45.5' })
    )
    assert.equal(ok.body().price, '45.50')
    const event = await call(
      client,
      c.alice,
      'post',
      '/notices',
      noticeBody(c.buildingId, { category: 'event' })
    )
    assert.equal(event.body().errors[0].field, 'eventDate')
    const long = await call(
      client,
      c.alice,
      'post',
      '/notices',
      noticeBody(c.buildingId, { title: 'x'.repeat(201), visibility: 'world' })
    )
    assert.sameMembers(
      long.body().errors.map((e: any) => e.field),
      ['title', 'visibility']
    )

    // Bob does not see Alice's draft.
    ;(await call(client, c.bob, 'get', `/notices/${n.id}`)).assertStatus(404)
    ;(await call(client, c.bob, 'put', `/notices/${n.id}`, { title: 'Pirate' })).assertStatus(404)
    const edited = await call(client, c.alice, 'put', `/notices/${n.id}`, {
      title: 'Fête des voisins 2026',
    })
    assert.equal(edited.body().title, 'Fête des voisins 2026')
    ;(await call(client, c.alice, 'put', `/notices/${n.id}/publish`)).assertStatus(200)
    ;(await call(client, c.alice, 'put', `/notices/${n.id}/publish`)).assertStatus(409)
    ;(await call(client, c.bob, 'get', `/notices/${n.id}`)).assertStatus(200)
    ;(await call(client, c.bob, 'put', `/notices/${n.id}`, { title: 'Pirate' })).assertStatus(403)
    ;(await call(client, c.org, 'put', `/notices/${n.id}`, { title: 'Syndic' })).assertStatus(403)

    const active = await call(client, c.bob, 'get', `/buildings/${c.buildingId}/notices/active`)
    assert.deepEqual(
      active.body().data.map((x: any) => x.id),
      [n.id]
    )
    const cat = await call(
      client,
      c.bob,
      'get',
      `/buildings/${c.buildingId}/notices/category/announcement`
    )
    assert.equal(cat.body().meta.total, 1)
    ;(
      await call(client, c.bob, 'get', `/buildings/${c.buildingId}/notices/category/garage`)
    ).assertStatus(404)
    const mine = await call(client, c.alice, 'get', '/notices/my')
    assert.equal(mine.body().meta.total, 2)

    const archived = await call(client, c.alice, 'put', `/notices/${n.id}/archive`)
    assert.equal(archived.body().status, 'archived')
    ;(await call(client, c.alice, 'put', `/notices/${n.id}`, { title: 'x' })).assertStatus(409)
  })

  test('comments: one level of replies, author edit, syndic moderation, notification', async ({
    client,
    assert,
  }) => {
    const c = await community(client)
    const n = await published(client, c.alice, c.buildingId)
    const top = await call(client, c.bob, 'post', `/notices/${n.id}/comments`, {
      body: 'Je viendrai avec un dessert.',
    })
    top.assertStatus(201)
    const reply = await call(client, c.alice, 'post', `/notices/${n.id}/comments`, {
      body: 'Merci !',
      parentId: top.body().id,
    })
    reply.assertStatus(201)
    const deep = await call(client, c.bob, 'post', `/notices/${n.id}/comments`, {
      body: 'Trop profond',
      parentId: reply.body().id,
    })
    deep.assertStatus(422)
    assert.equal(deep.body().errors[0].field, 'parentId')
    const tooLong = await call(client, c.bob, 'post', `/notices/${n.id}/comments`, {
      body: 'x'.repeat(1001),
    })
    assert.equal(tooLong.body().errors[0].field, 'body')
    const empty = await call(client, c.bob, 'post', `/notices/${n.id}/comments`, { body: '' })
    empty.assertStatus(422)

    const list = await call(client, c.alice, 'get', `/notices/${n.id}/comments`)
    assert.equal(list.body().meta.total, 1)
    assert.equal(list.body().data[0].replies[0].body, 'Merci !')

    const notes = await ownerQuery(`select type from notifications where user_id = ?`, [
      c.alice.userId,
    ])
    assert.deepEqual(
      notes.map((x) => x.type),
      ['community.notice_comment']
    )

    ;(
      await call(client, c.alice, 'put', `/comments/${top.body().id}`, { body: 'Pirate' })
    ).assertStatus(403)
    const edit = await call(client, c.bob, 'put', `/comments/${top.body().id}`, {
      body: 'Je viendrai avec deux desserts.',
    })
    assert.equal(edit.body().body, 'Je viendrai avec deux desserts.')
    ;(await call(client, c.alice, 'delete', `/comments/${top.body().id}`)).assertStatus(403)
    ;(await call(client, c.org, 'delete', `/comments/${top.body().id}`)).assertStatus(204)
    const audits = await ownerQuery(`select action from audit_logs where subject_id = ?`, [
      top.body().id,
    ])
    assert.include(
      audits.map((a) => a.action),
      'community.comment.moderate_delete'
    )
    const after = await call(client, c.alice, 'get', `/notices/${n.id}/comments`)
    assert.equal(after.body().meta.total, 0)
    ;(await call(client, c.bob, 'delete', `/comments/${randomUUID()}`)).assertStatus(404)
  })

  test('syndic hides a notice (audited); hidden notices vanish for owners', async ({
    client,
    assert,
  }) => {
    const c = await community(client)
    const n = await published(client, c.alice, c.buildingId)
    ;(
      await call(client, c.bob, 'put', `/notices/${n.id}/moderate`, { hidden: true, reason: 'x' })
    ).assertStatus(403)
    const noReason = await call(client, c.org, 'put', `/notices/${n.id}/moderate`, { hidden: true })
    noReason.assertStatus(422)
    const hidden = await call(client, c.org, 'put', `/notices/${n.id}/moderate`, {
      hidden: true,
      reason: 'Publicité',
    })
    hidden.assertStatus(200)
    assert.isTrue(hidden.body().hidden)
    ;(await call(client, c.bob, 'get', `/notices/${n.id}`)).assertStatus(404)
    const own = await call(client, c.alice, 'get', `/notices/${n.id}`)
    assert.equal(own.body().hiddenReason, 'Publicité')
    const audits = await ownerQuery(
      `select action, metadata from audit_logs where subject_id = ? and action = 'community.notice.hide'`,
      [n.id]
    )
    assert.equal(audits[0].metadata.reason, 'Publicité')
    const stats = await call(client, c.org, 'get', `/buildings/${c.buildingId}/notices/statistics`)
    assert.equal(stats.body().hidden, 1)
    assert.equal(stats.body().byStatus.published, 1)
    assert.equal(stats.body().byCategory.announcement, 1)
    ;(
      await call(client, c.alice, 'get', `/buildings/${c.buildingId}/notices/statistics`)
    ).assertStatus(403)
    ;(await call(client, c.org, 'delete', `/notices/${n.id}`)).assertStatus(204)
    const del = await ownerQuery(
      `select action from audit_logs where subject_id = ? order by created_at desc limit 1`,
      [n.id]
    )
    assert.equal(del[0].action, 'community.notice.moderate_delete')
  })

  test('photos: type by content, ≤ 5 MB, at most 5, download, delete', async ({
    client,
    assert,
  }) => {
    const c = await community(client)
    const n = await published(client, c.alice, c.buildingId)
    const up = await client
      .post(`/api/v1/notices/${n.id}/photos`)
      .bearerToken(c.alice.token)
      .file('file', samplePng(), { filename: 'velo.png', contentType: 'application/octet-stream' })
    up.assertStatus(201)
    assert.equal(up.body().mimeType, 'image/png')
    const pdf = await client
      .post(`/api/v1/notices/${n.id}/photos`)
      .bearerToken(c.alice.token)
      .file('file', samplePdf(), { filename: 'fake.png', contentType: 'image/png' })
    pdf.assertStatus(422)
    assert.equal(pdf.body().errors[0].field, 'file')
    const big = Buffer.concat([samplePng(), Buffer.alloc(5 * 1024 * 1024)])
    const tooBig = await client
      .post(`/api/v1/notices/${n.id}/photos`)
      .bearerToken(c.alice.token)
      .file('file', big, { filename: 'big.png' })
    tooBig.assertStatus(422)
    const bobs = await client
      .post(`/api/v1/notices/${n.id}/photos`)
      .bearerToken(c.bob.token)
      .file('file', samplePng(), { filename: 'x.png' })
    bobs.assertStatus(403)
    for (let i = 0; i < 4; i++) {
      const r = await client
        .post(`/api/v1/notices/${n.id}/photos`)
        .bearerToken(c.alice.token)
        .file('file', samplePng(), { filename: `p${i}.png` })
      r.assertStatus(201)
    }
    const sixth = await client
      .post(`/api/v1/notices/${n.id}/photos`)
      .bearerToken(c.alice.token)
      .file('file', samplePng(), { filename: 'p6.png' })
    sixth.assertStatus(422)
    const list = await call(client, c.bob, 'get', `/notices/${n.id}/photos`)
    assert.lengthOf(list.body().data, 5)
    const file = await client.get(up.body().url).bearerToken(c.bob.token)
    file.assertStatus(200)
    assert.equal(file.header('content-type'), 'image/png')
    ;(await call(client, c.bob, 'delete', `/photos/${up.body().id}`)).assertStatus(403)
    ;(await call(client, c.alice, 'delete', `/photos/${up.body().id}`)).assertStatus(204)
    const shown = await call(client, c.bob, 'get', `/notices/${n.id}`)
    assert.lengthOf(shown.body().photos, 4)
  }).timeout(30_000)

  test('public notices on the organisation page without login; expiry job (time travel)', async ({
    client,
    assert,
  }) => {
    const c = await community(client)
    const pub = await published(client, c.alice, c.buildingId, {
      visibility: 'public',
      title: 'Vélo à vendre',
      category: 'for_sale',
      price: 80,
      expiresAt: hoursFromNow(5),
    })
    await published(client, c.alice, c.buildingId, { title: 'Réservé aux résidents' })
    const page = await client.get(`/o/${c.org.slug}/notices`)
    const text = page.text()
    assert.include(text, 'Vélo à vendre')
    assert.notInclude(text, 'Réservé aux résidents')

    clock.travelTo(new Date(Date.now() + 6 * 3600_000))
    await drainQueues(['community'])
    const worker = startTestWorker({ queues: ['community'] })
    try {
      const { id } = await dispatch(
        'community.expire_notices',
        {},
        { jobId: `expire_${randomUUID()}` }
      )
      const job = await waitForJob('community', id!)
      assert.isAtLeast(job.returnvalue.expired, 1)
    } finally {
      await worker.close()
    }
    const after = await call(client, c.org, 'get', `/notices/${pub.id}`)
    assert.equal(after.body().status, 'expired')
    const gone = await client.get(`/o/${c.org.slug}/notices`)
    assert.notInclude(gone.text(), 'Vélo à vendre')
  }).timeout(30_000)

  test('cross-organisation 404 and module disabled', async ({ client, assert }) => {
    const c = await community(client)
    const n = await published(client, c.alice, c.buildingId)
    const other = await signupOrg(client)
    ;(await call(client, other, 'get', `/notices/${n.id}`)).assertStatus(404)
    ;(
      await call(client, other, 'put', `/notices/${n.id}/moderate`, { hidden: true, reason: 'x' })
    ).assertStatus(404)
    ;(
      await call(client, other, 'post', `/notices/${n.id}/comments`, { body: 'Hello' })
    ).assertStatus(404)
    ;(await call(client, other, 'delete', `/notices/${n.id}`)).assertStatus(404)
    const [row] = await ownerQuery(`select hidden from community_notices where id = ?`, [n.id])
    assert.isFalse(row.hidden)
    await disableCommunity(c.org)
    const off = await call(client, c.alice, 'get', '/notices/my')
    assert.equal(off.body().errors[0].code, 'E_MODULE_DISABLED')
  })
})
