// Tests read responses inline (`(await call(…)).body()`): clearer than a local per request.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { createBuilding, createUnit, linkOwner } from '#tests/functional/buildings/helpers'
import { dispatch } from '#jobs/dispatcher'
import { drainQueues, startTestWorker, waitForJob } from '#tests/helpers/worker'
import { clock } from '../../shared/clock.js'
import {
  call,
  community,
  disableCommunity,
  hoursFromNow,
  ownerQuery,
  ownerUser,
  signupOrg,
} from './helpers.js'

const pollBody = (buildingId: string, extra: Record<string, unknown> = {}) => ({
  buildingId,
  question: 'Faut-il repeindre le hall ?',
  type: 'yes_no',
  endsAt: hoursFromNow(72),
  ...extra,
})

async function activePoll(client: any, c: any, extra: Record<string, unknown> = {}) {
  const poll = (await call(client, c.org, 'post', '/polls', pollBody(c.buildingId, extra))).body()
  const res = await call(client, c.org, 'put', `/polls/${poll.id}/publish`)
  res.assertStatus(200)
  return res.body()
}

test.group('Community polls', (group) => {
  group.each.teardown(() => clock.reset())

  test('create each type with validation; drafts hidden from owners; delete drafts only', async ({
    client,
    assert,
  }) => {
    const c = await community(client)
    const yn = await call(client, c.org, 'post', '/polls', pollBody(c.buildingId))
    yn.assertStatus(201)
    assert.equal(yn.body().status, 'draft')
    assert.deepEqual(
      yn.body().options.map((o: any) => o.label),
      ['yes', 'no']
    )
    const mc = await call(
      client,
      c.org,
      'post',
      '/polls',
      pollBody(c.buildingId, {
        type: 'multiple_choice',
        options: ['Bleu', 'Vert', 'Gris'],
        allowMultiple: true,
      })
    )
    assert.lengthOf(mc.body().options, 3)
    ;(
      await call(client, c.org, 'post', '/polls', pollBody(c.buildingId, { type: 'rating' }))
    ).assertStatus(201)
    ;(
      await call(
        client,
        c.org,
        'post',
        '/polls',
        pollBody(c.buildingId, { type: 'open_ended', anonymous: true })
      )
    ).assertStatus(201)

    const bad = await call(
      client,
      c.org,
      'post',
      '/polls',
      pollBody(c.buildingId, {
        type: 'multiple_choice',
        options: ['Seul'],
        endsAt: hoursFromNow(-1),
      })
    )
    bad.assertStatus(422)
    assert.sameMembers(
      bad.body().errors.map((e: any) => e.field),
      ['options', 'endsAt']
    )
    const badType = await call(
      client,
      c.org,
      'post',
      '/polls',
      pollBody(c.buildingId, { type: 'poll' })
    )
    assert.equal(badType.body().errors[0].field, 'type')
    ;(await call(client, c.org, 'post', '/polls', pollBody(randomUUID()))).assertStatus(422)
    ;(await call(client, c.alice, 'post', '/polls', pollBody(c.buildingId))).assertStatus(403)

    ;(await call(client, c.alice, 'get', `/polls/${yn.body().id}`)).assertStatus(404)
    const ownersList = await call(client, c.alice, 'get', `/buildings/${c.buildingId}/polls`)
    assert.equal(ownersList.body().meta.total, 0)
    const staffList = await call(
      client,
      c.org,
      'get',
      `/buildings/${c.buildingId}/polls/status/draft`
    )
    assert.equal(staffList.body().meta.total, 4)
    ;(
      await call(client, c.org, 'get', `/buildings/${c.buildingId}/polls/status/nope`)
    ).assertStatus(404)

    ;(await call(client, c.org, 'delete', `/polls/${yn.body().id}`)).assertStatus(204)
    const published = await activePoll(client, c)
    const del = await call(client, c.org, 'delete', `/polls/${published.id}`)
    del.assertStatus(409)
    assert.equal(del.body().errors[0].code, 'E_INVALID_STATE')
    ;(await call(client, c.org, 'put', `/polls/${published.id}/publish`)).assertStatus(409)
  })

  test('publish notifies owners; vote rules; one vote per owner; results', async ({
    client,
    assert,
  }) => {
    const c = await community(client)
    const carol = await ownerUser(client, c.org, c.buildingId, {
      firstName: 'Carol',
      percentage: 50,
    })
    // Dave co-owns Carol's unit: the eligible set is deduplicated per owner.
    const dave = await ownerUser(client, c.org, c.buildingId, {
      unitId: carol.unitId,
      firstName: 'Dave',
    })
    const poll = await activePoll(client, c, {
      type: 'multiple_choice',
      options: ['Bleu', 'Vert', 'Gris'],
    })
    assert.equal(poll.status, 'active')
    const notes = await ownerQuery(`select type from notifications where user_id = ?`, [
      c.alice.userId,
    ])
    assert.deepEqual(
      notes.map((n) => n.type),
      ['community.poll_opened']
    )

    const [bleu, vert] = poll.options
    const v1 = await call(client, c.alice, 'post', `/polls/${poll.id}/vote`, {
      optionIds: [bleu.id],
    })
    v1.assertStatus(201)
    const again = await call(client, c.alice, 'post', `/polls/${poll.id}/vote`, {
      optionIds: [vert.id],
    })
    again.assertStatus(409)
    assert.equal(again.body().errors[0].code, 'E_CONFLICT')
    const two = await call(client, c.bob, 'post', `/polls/${poll.id}/vote`, {
      optionIds: [bleu.id, vert.id],
    })
    two.assertStatus(422)
    assert.equal(two.body().errors[0].field, 'optionIds')
    const foreign = await call(client, c.bob, 'post', `/polls/${poll.id}/vote`, {
      optionIds: [randomUUID()],
    })
    foreign.assertStatus(422)
    ;(
      await call(client, c.bob, 'post', `/polls/${poll.id}/vote`, { optionIds: [vert.id] })
    ).assertStatus(201)
    ;(
      await call(client, carol, 'post', `/polls/${poll.id}/vote`, { optionIds: [bleu.id] })
    ).assertStatus(201)

    const elsewhere = await createBuilding(client, c.org)
    const stranger = await ownerUser(client, c.org, elsewhere.id)
    ;(
      await call(client, stranger, 'post', `/polls/${poll.id}/vote`, { optionIds: [bleu.id] })
    ).assertStatus(403)

    const results = await call(client, c.bob, 'get', `/polls/${poll.id}/results`)
    results.assertStatus(200)
    const r = results.body()
    assert.equal(r.totalVotes, 3)
    assert.equal(r.options[0].votes, 2)
    assert.equal(r.options[0].percentage, '66.67')
    assert.equal(r.winner.label, 'Bleu')
    assert.equal(r.eligibleOwners, 4)
    assert.equal(r.voters, 3)
    assert.equal(r.participationRate, '75.00')
    void dave

    const shown = await call(client, c.alice, 'get', `/polls/${poll.id}`)
    assert.isTrue(shown.body().hasVoted)
    assert.equal(shown.body().options[0].votes, 2)

    const votes = await call(client, c.org, 'get', `/polls/${poll.id}/votes`)
    votes.assertStatus(200)
    assert.include(
      votes.body().data.map((v: any) => v.ownerId),
      c.alice.ownerId
    )
    ;(await call(client, c.alice, 'get', `/polls/${poll.id}/votes`)).assertStatus(403)

    ;(await call(client, c.org, 'put', `/polls/${poll.id}/close`)).assertStatus(200)
    const closed = await call(client, dave, 'post', `/polls/${poll.id}/vote`, {
      optionIds: [bleu.id],
    })
    closed.assertStatus(409)
    assert.equal(closed.body().errors[0].code, 'E_INVALID_STATE')
    ;(await call(client, c.org, 'put', `/polls/${poll.id}/cancel`)).assertStatus(409)
  })

  test('anonymous polls never reveal voters (API, table, audit)', async ({ client, assert }) => {
    const c = await community(client)
    const poll = await activePoll(client, c, { anonymous: true })
    const yes = poll.options.find((o: any) => o.label === 'yes')
    const res = await call(client, c.alice, 'post', `/polls/${poll.id}/vote`, {
      optionIds: [yes.id],
    })
    res.assertStatus(201)
    assert.notProperty(res.body(), 'vote')
    const votes = await call(client, c.org, 'get', `/polls/${poll.id}/votes`)
    assert.isTrue(votes.body().anonymous)
    assert.deepEqual(votes.body().data, [
      {
        id: null,
        optionIds: [yes.id],
        rating: null,
        text: null,
        ownerId: null,
        ownerName: null,
        createdAt: null,
      },
    ])
    const rows = await ownerQuery(
      `select owner_id, created_at from community_poll_votes where poll_id = ?`,
      [poll.id]
    )
    assert.deepEqual(rows, [{ owner_id: null, created_at: null }])
    const participations = await ownerQuery(
      `select * from community_poll_participations where poll_id = ?`,
      [poll.id]
    )
    assert.deepEqual(Object.keys(participations[0]).sort(), [
      'organisation_id',
      'owner_id',
      'poll_id',
    ])
    const audits = await ownerQuery(
      `select metadata from audit_logs where subject_id = ? and action = 'community.poll.vote'`,
      [poll.id]
    )
    assert.deepEqual(audits[0].metadata, { anonymous: true })
    ;(
      await call(client, c.alice, 'post', `/polls/${poll.id}/vote`, { optionIds: [yes.id] })
    ).assertStatus(409)
  })

  test('20 concurrent votes by one owner → one vote', async ({ client, assert }) => {
    const c = await community(client)
    const poll = await activePoll(client, c)
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(client, c.alice, 'post', `/polls/${poll.id}/vote`, {
          optionIds: [poll.options[i % 2].id],
        })
      )
    )
    const statuses = results.map((r) => r.status())
    assert.equal(statuses.filter((s) => s === 201).length, 1)
    assert.equal(statuses.filter((s) => s === 409).length, 19)
    const [{ n }] = await ownerQuery(
      `select count(*)::int n from community_poll_votes where poll_id = ?`,
      [poll.id]
    )
    assert.equal(n, 1)
  }).timeout(30_000)

  test('rating and open-ended results; ties have no winner', async ({ client, assert }) => {
    const c = await community(client)
    const rating = await activePoll(client, c, { type: 'rating' })
    ;(await call(client, c.alice, 'post', `/polls/${rating.id}/vote`, { rating: 5 })).assertStatus(
      201
    )
    ;(await call(client, c.bob, 'post', `/polls/${rating.id}/vote`, { rating: 2 })).assertStatus(
      201
    )
    const bad = await call(client, c.alice, 'post', `/polls/${rating.id}/vote`, { rating: 7 })
    bad.assertStatus(422)
    const r = (await call(client, c.org, 'get', `/polls/${rating.id}/results`)).body()
    assert.equal(r.averageRating, '3.50')
    assert.equal(r.ratingDistribution['5'], 1)
    assert.equal(r.participationRate, '100.00')

    const open = await activePoll(client, c, { type: 'open_ended' })
    const empty = await call(client, c.alice, 'post', `/polls/${open.id}/vote`, {})
    assert.equal(empty.body().errors[0].field, 'text')
    ;(
      await call(client, c.alice, 'post', `/polls/${open.id}/vote`, { text: 'Plus de vélos' })
    ).assertStatus(201)
    const o = (await call(client, c.org, 'get', `/polls/${open.id}/results`)).body()
    assert.deepEqual(o.answers, ['Plus de vélos'])

    const yn = await activePoll(client, c)
    await call(client, c.alice, 'post', `/polls/${yn.id}/vote`, { optionIds: [yn.options[0].id] })
    await call(client, c.bob, 'post', `/polls/${yn.id}/vote`, { optionIds: [yn.options[1].id] })
    const t = (await call(client, c.org, 'get', `/polls/${yn.id}/results`)).body()
    assert.isNull(t.winner)
    assert.isTrue(t.tie)
  })

  test('the job closes active polls past endsAt (time travel)', async ({ client, assert }) => {
    const c = await community(client)
    const poll = await activePoll(client, c, { endsAt: hoursFromNow(2) })
    clock.travelTo(new Date(Date.now() + 3 * 3600_000))
    const late = await call(client, c.alice, 'post', `/polls/${poll.id}/vote`, {
      optionIds: [poll.options[0].id],
    })
    late.assertStatus(409)
    await drainQueues(['community'])
    const worker = startTestWorker({ queues: ['community'] })
    try {
      const { id } = await dispatch('community.close_polls', {}, { jobId: `close_${randomUUID()}` })
      const job = await waitForJob('community', id!)
      assert.isAtLeast(job.returnvalue.closed, 1)
    } finally {
      await worker.close()
    }
    const shown = await call(client, c.org, 'get', `/polls/${poll.id}`)
    assert.equal(shown.body().status, 'closed')
  }).timeout(30_000)

  test('cross-organisation 404, module disabled 403', async ({ client, assert }) => {
    const c = await community(client)
    const poll = await activePoll(client, c)
    const other = await signupOrg(client)
    const b = await createBuilding(client, other)
    const u = await createUnit(client, other, b.id)
    void u
    void linkOwner
    ;(await call(client, other, 'get', `/polls/${poll.id}`)).assertStatus(404)
    ;(await call(client, other, 'put', `/polls/${poll.id}/close`)).assertStatus(404)
    ;(
      await call(client, other, 'post', `/polls/${poll.id}/vote`, {
        optionIds: [poll.options[0].id],
      })
    ).assertStatus(404)
    ;(await call(client, other, 'get', `/polls/${poll.id}/results`)).assertStatus(404)
    const [row] = await ownerQuery(`select status from community_polls where id = ?`, [poll.id])
    assert.equal(row.status, 'active')
    await disableCommunity(c.org)
    const off = await call(client, c.alice, 'get', `/polls/${poll.id}`)
    off.assertStatus(403)
    assert.equal(off.body().errors[0].code, 'E_MODULE_DISABLED')
  })
})
