// Tests read responses inline (`(await call(…)).body()`): clearer than a local per request.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import drive from '@adonisjs/drive/services/main'
import { clearGdprRateLimit } from '#modules/gdpr/index'
import { samplePng } from '#tests/helpers/sample_files'
import { thumbnailKey } from '../../notices/photo_keys.js'
import {
  call,
  community,
  hoursFromNow,
  ownerQuery,
  type Community,
  type OwnerUser,
} from './helpers.js'

/** A published notice of `author` with one photo; the photo's stored files (original, thumbnail). */
async function noticeWithPhoto(client: any, c: Community, author: OwnerUser, title: string) {
  const notice = (
    await call(client, author, 'post', '/notices', {
      buildingId: c.buildingId,
      category: 'announcement',
      title,
      body: 'Photo jointe.',
      visibility: 'building',
    })
  ).body()
  ;(await call(client, author, 'put', `/notices/${notice.id}/publish`)).assertStatus(200)
  const up = await client
    .post(`/api/v1/notices/${notice.id}/photos`)
    .bearerToken(author.token)
    .file('file', samplePng(), { filename: 'photo.png' })
  up.assertStatus(201)
  const photoId = up.body().id as string
  const [doc] = await ownerQuery(
    `select d.storage_key from community_notice_photos p join documents d on d.id = p.document_id where p.id = ?`,
    [photoId]
  )
  // The thumbnail job's output, written directly (no worker needed for this test).
  const thumb = thumbnailKey(c.org.organisationId, photoId)
  await drive.use().put(thumb, samplePng())
  return { noticeId: notice.id as string, files: [doc.storage_key as string, thumb] }
}

async function exists(keys: string[]) {
  return Promise.all(keys.map((k) => drive.use().exists(k)))
}

test.group('Community GDPR contributor', () => {
  test('export lists the person’s community data; erase unlinks votes and bookings, deletes posts', async ({
    client,
    assert,
  }) => {
    const c = await community(client)
    const poll = (
      await call(client, c.org, 'post', '/polls', {
        buildingId: c.buildingId,
        question: 'Nouvel éclairage ?',
        type: 'yes_no',
        endsAt: hoursFromNow(48),
      })
    ).body()
    await call(client, c.org, 'put', `/polls/${poll.id}/publish`)
    await call(client, c.alice, 'post', `/polls/${poll.id}/vote`, {
      optionIds: [poll.options[0].id],
    })
    const room = (
      await call(client, c.org, 'post', '/resources', {
        buildingId: c.buildingId,
        name: 'Salle',
        type: 'room',
        requiresApproval: false,
      })
    ).body()
    const booking = (
      await call(client, c.alice, 'post', `/resources/${room.id}/bookings`, {
        startsAt: hoursFromNow(30),
        endsAt: hoursFromNow(31),
        notes: 'Chez Alice, 3e étage',
      })
    ).body()
    const notice = (
      await call(client, c.alice, 'post', '/notices', {
        buildingId: c.buildingId,
        category: 'announcement',
        title: 'Alice déménage',
        body: 'Cartons à donner.',
        visibility: 'building',
      })
    ).body()
    await call(client, c.alice, 'put', `/notices/${notice.id}/publish`)
    const bobs = (
      await call(client, c.bob, 'post', '/notices', {
        buildingId: c.buildingId,
        category: 'announcement',
        title: 'Vide-grenier',
        body: 'Samedi.',
        visibility: 'building',
      })
    ).body()
    await call(client, c.bob, 'put', `/notices/${bobs.id}/publish`)
    const comment = (
      await call(client, c.alice, 'post', `/notices/${bobs.id}/comments`, { body: 'Alice viendra' })
    ).body()
    const bobSkill = (
      await call(client, c.bob, 'post', '/skills', {
        category: 'hobby',
        name: 'Jardinage',
        level: 'expert',
        available: true,
      })
    ).body()
    await call(client, c.alice, 'post', '/skills', {
      category: 'hobby',
      name: 'Couture',
      level: 'expert',
      available: true,
    })
    await call(client, c.alice, 'post', `/skills/${bobSkill.id}/endorsements`, {
      comment: 'Merci Bob',
    })

    await clearGdprRateLimit(c.alice.userId)
    const exp = await call(client, c.alice, 'get', '/gdpr/export')
    exp.assertStatus(200)
    const datasets = exp.body().organisations[0].datasets
    assert.lengthOf(datasets['community.votes'], 1)
    assert.deepEqual(datasets['community.votes'][0].choices, ['yes'])
    assert.equal(datasets['community.bookings'][0].notes, 'Chez Alice, 3e étage')
    assert.equal(datasets['community.notices'][0].title, 'Alice déménage')
    assert.equal(datasets['community.comments'][0].body, 'Alice viendra')
    assert.equal(datasets['community.skills'][0].name, 'Couture')
    assert.equal(datasets['community.endorsements'][0].comment, 'Merci Bob')

    const erase = await call(client, c.alice, 'delete', '/gdpr/erase')
    erase.assertStatus(204)
    const [vote] = await ownerQuery(`select owner_id from community_poll_votes where poll_id = ?`, [
      poll.id,
    ])
    assert.isNull(vote.owner_id)
    const [b] = await ownerQuery(
      `select owner_id, notes, status, amount from community_bookings where id = ?`,
      [booking.id]
    )
    assert.isNull(b.owner_id)
    assert.isNull(b.notes)
    assert.equal(b.status, 'cancelled')
    assert.lengthOf(
      await ownerQuery(`select id from community_notices where id = ?`, [notice.id]),
      0
    )
    const [cm] = await ownerQuery(
      `select body, author_user_id from community_notice_comments where id = ?`,
      [comment.id]
    )
    assert.notInclude(cm.body, 'Alice')
    assert.isNull(cm.author_user_id)
    assert.lengthOf(
      await ownerQuery(`select id from community_skills where owner_id = ?`, [c.alice.ownerId]),
      0
    )
    assert.lengthOf(
      await ownerQuery(`select id from community_skill_endorsements where skill_id = ?`, [
        bobSkill.id,
      ]),
      0
    )
    const [results] = await ownerQuery(
      `select count(*)::int n from community_poll_participations where poll_id = ?`,
      [poll.id]
    )
    assert.equal(results.n, 1)
  }).timeout(60_000)

  test('erase deletes the person’s notice photo files (original and thumbnail) after commit, not others’', async ({
    client,
    assert,
  }) => {
    const c = await community(client)
    const alice = await noticeWithPhoto(client, c, c.alice, 'Vélo à vendre')
    const bob = await noticeWithPhoto(client, c, c.bob, 'Table à donner')
    assert.deepEqual(await exists([...alice.files, ...bob.files]), [true, true, true, true])

    await clearGdprRateLimit(c.alice.userId)
    ;(await call(client, c.alice, 'delete', '/gdpr/erase')).assertStatus(204)

    // Deleted by an after-commit hook: give it a moment, then it must be gone.
    const deadline = Date.now() + 5000
    while ((await exists(alice.files)).some(Boolean) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50))
    assert.deepEqual(await exists(alice.files), [false, false])
    assert.deepEqual(await exists(bob.files), [true, true])
    assert.lengthOf(
      await ownerQuery(`select id from community_notices where id = ?`, [alice.noticeId]),
      0
    )
    const shown = await call(client, c.bob, 'get', `/notices/${bob.noticeId}`)
    assert.lengthOf(shown.body().photos, 1)
  }).timeout(60_000)
})
