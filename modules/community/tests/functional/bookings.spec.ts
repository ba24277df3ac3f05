// Tests read responses inline (`(await call(…)).body()`): clearer than a local per request.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import { addMember, createBuilding } from '#tests/functional/buildings/helpers'
import { dispatch } from '#jobs/dispatcher'
import { drainQueues, startTestWorker, waitForJob, type WorkerHandle } from '#tests/helpers/worker'
import { startFakeStripe, type FakeStripe } from '#tests/helpers/fake_stripe'
import { clock } from '../../shared/clock.js'
import { ZONE } from '../../bookings/booking_rules.js'
import {
  call,
  community,
  disableCommunity,
  hoursFromNow,
  ownerQuery,
  ownerUser,
  signupOrg,
} from './helpers.js'

const iso = (ms: number) => new Date(ms).toISOString()

const roomBody = (buildingId: string, extra: Record<string, unknown> = {}) => ({
  buildingId,
  name: 'Salle polyvalente',
  type: 'room',
  requiresApproval: false,
  advanceBookingDays: 30,
  maxBookingHours: 4,
  ...extra,
})

test.group('Community bookings: resources', (group) => {
  group.each.teardown(() => clock.reset())

  test('staff create, read, list, update and archive a resource', async ({ client, assert }) => {
    const c = await community(client)
    const res = await call(client, c.org, 'post', '/resources', {
      ...roomBody(c.buildingId),
      hourlyRate: '12.5',
      depositAmount: 50,
      openingHours: { mon: [{ from: '08:00', to: '22:00' }] },
    })
    res.assertStatus(201)
    const r = res.body()
    assert.equal(r.hourlyRate, '12.50')
    assert.equal(r.depositAmount, '50.00')
    assert.equal(r.maxConcurrentBookings, 2)
    assert.match(r.icalUrl, /^\/api\/v1\/community\/ical\/[0-9a-f]{48}\.ics$/)

    const list = await call(client, c.alice, 'get', `/buildings/${c.buildingId}/resources`)
    list.assertStatus(200)
    assert.equal(list.body().meta.total, 1)
    const byType = await call(
      client,
      c.org,
      'get',
      `/buildings/${c.buildingId}/resources/type/room`
    )
    assert.equal(byType.body().data.length, 1)
    const none = await call(client, c.org, 'get', `/buildings/${c.buildingId}/resources/type/bbq`)
    assert.equal(none.body().data.length, 0)

    const upd = await call(client, c.org, 'put', `/resources/${r.id}`, {
      name: 'Salle B',
      maxConcurrentBookings: 3,
    })
    upd.assertStatus(200)
    assert.equal(upd.body().name, 'Salle B')
    assert.equal(upd.body().maxConcurrentBookings, 3)

    const audits = await ownerQuery(
      `select action from audit_logs where subject_id = ? order by created_at`,
      [r.id]
    )
    assert.deepEqual(
      audits.map((a) => a.action),
      ['community.resource.create', 'community.resource.update']
    )

    ;(await call(client, c.org, 'delete', `/resources/${r.id}`)).assertStatus(204)
    ;(await call(client, c.org, 'get', `/resources/${r.id}`)).assertStatus(404)
  })

  test('422 field errors, 404 ids, 403 for owners, module disabled', async ({ client, assert }) => {
    const c = await community(client)
    const bad = await call(client, c.org, 'post', '/resources', {
      buildingId: c.buildingId,
      name: '',
      type: 'castle',
      requiresApproval: true,
      advanceBookingDays: 120,
    })
    bad.assertStatus(422)
    const fields = bad.body().errors.map((e: any) => e.field)
    assert.includeMembers(fields, ['name', 'type', 'advanceBookingDays'])
    const money = await call(
      client,
      c.org,
      'post',
      '/resources',
      roomBody(c.buildingId, { hourlyRate: '-1' })
    )
    money.assertStatus(422)
    assert.equal(money.body().errors[0].field, 'hourlyRate')
    const unknownBuilding = await call(client, c.org, 'post', '/resources', roomBody(randomUUID()))
    unknownBuilding.assertStatus(422)
    ;(await call(client, c.org, 'get', `/resources/${randomUUID()}`)).assertStatus(404)
    ;(await call(client, c.org, 'get', `/resources/not-a-uuid`)).assertStatus(404)
    const asOwner = await call(client, c.alice, 'post', '/resources', roomBody(c.buildingId))
    asOwner.assertStatus(403)
    assert.equal(asOwner.body().errors[0].code, 'E_FORBIDDEN')
    await disableCommunity(c.org)
    const off = await call(client, c.org, 'get', `/buildings/${c.buildingId}/resources`)
    off.assertStatus(403)
    assert.equal(off.body().errors[0].code, 'E_MODULE_DISABLED')
  })

  test('another organisation gets 404 and changes nothing', async ({ client, assert }) => {
    const c = await community(client)
    const other = await signupOrg(client, 'Autre syndic')
    const r = (await call(client, c.org, 'post', '/resources', roomBody(c.buildingId))).body()
    ;(await call(client, other, 'get', `/resources/${r.id}`)).assertStatus(404)
    ;(await call(client, other, 'put', `/resources/${r.id}`, { name: 'Volée' })).assertStatus(404)
    ;(await call(client, other, 'delete', `/resources/${r.id}`)).assertStatus(404)
    const b = await call(client, other, 'post', `/resources/${r.id}/bookings`, {
      startsAt: hoursFromNow(2),
      endsAt: hoursFromNow(3),
    })
    b.assertStatus(404)
    const [row] = await ownerQuery(
      `select name, archived_at from community_resources where id = ?`,
      [r.id]
    )
    assert.equal(row.name, 'Salle polyvalente')
    assert.isNull(row.archived_at)
    const [{ n }] = await ownerQuery(
      `select count(*)::int n from community_bookings where resource_id = ?`,
      [r.id]
    )
    assert.equal(n, 0)
  })
})

test.group('Community bookings: rules', (group) => {
  group.each.teardown(() => clock.reset())

  test('owner books, the slot shows busy, overlap → 409, limits → 422', async ({
    client,
    assert,
  }) => {
    const c = await community(client)
    const r = (await call(client, c.org, 'post', '/resources', roomBody(c.buildingId))).body()
    const ok = await call(client, c.alice, 'post', `/resources/${r.id}/bookings`, {
      startsAt: hoursFromNow(24),
      endsAt: hoursFromNow(26),
      notes: 'Anniversaire',
    })
    ok.assertStatus(201)
    const booking = ok.body()
    assert.equal(booking.status, 'confirmed')
    assert.equal(booking.ownerId, c.alice.ownerId)
    assert.isTrue(booking.mine)
    assert.equal(booking.paymentStatus, 'not_required')

    const overlap = await call(client, c.bob, 'post', `/resources/${r.id}/bookings`, {
      startsAt: hoursFromNow(25),
      endsAt: hoursFromNow(27),
    })
    overlap.assertStatus(409)
    assert.equal(overlap.body().errors[0].code, 'E_CONFLICT')
    // Adjacent slot is fine ([) ranges).
    ;(
      await call(client, c.bob, 'post', `/resources/${r.id}/bookings`, {
        startsAt: hoursFromNow(26),
        endsAt: hoursFromNow(27),
      })
    ).assertStatus(201)

    const avail = await call(
      client,
      c.bob,
      'get',
      `/resources/${r.id}/availability?from=${encodeURIComponent(hoursFromNow(20))}&to=${encodeURIComponent(hoursFromNow(30))}`
    )
    avail.assertStatus(200)
    assert.lengthOf(avail.body().busy, 2)
    assert.equal(avail.body().free[0].endsAt, new Date(hoursFromNow(24)).toISOString())
    // Without `to`: the resource's advance window (30 days of 24 h), free time around the bookings.
    const from = hoursFromNow(1)
    const window = await call(
      client,
      c.bob,
      'get',
      `/resources/${r.id}/availability?from=${encodeURIComponent(from)}`
    )
    window.assertStatus(200)
    assert.equal(window.body().to, new Date(Date.parse(from) + 30 * 86_400_000).toISOString())
    const busy = window.body().busy
    assert.lengthOf(busy, 2)
    assert.deepEqual(
      window.body().free.map((f: any) => [f.startsAt, f.endsAt]),
      [
        [new Date(from).toISOString(), busy[0].startsAt],
        [busy[1].endsAt, window.body().to],
      ]
    )
    const range = `/resources/${r.id}/availability?from=${encodeURIComponent(hoursFromNow(30))}`
    const backwards = await call(client, c.bob, 'get', `${range}&to=${encodeURIComponent(from)}`)
    backwards.assertStatus(422)
    assert.equal(backwards.body().errors[0].field, 'to')
    ;(await call(client, c.bob, 'get', `/resources/not-a-uuid/availability`)).assertStatus(404)
    ;(
      await call(client, c.bob, 'get', `/resources/${crypto.randomUUID()}/availability`)
    ).assertStatus(404)

    // Bob sees Alice's booking as taken, without her name or notes.
    const seen = await call(client, c.bob, 'get', `/resources/${r.id}/bookings`)
    const alices = seen.body().data.find((b: any) => b.id === booking.id)
    assert.isNull(alices.ownerId)
    assert.notProperty(alices, 'notes')
    ;(await call(client, c.bob, 'get', `/bookings/${booking.id}`)).assertStatus(404)
    ;(await call(client, c.org, 'get', `/bookings/${booking.id}`)).assertStatus(200)

    const past = await call(client, c.alice, 'post', `/resources/${r.id}/bookings`, {
      startsAt: hoursFromNow(-2),
      endsAt: hoursFromNow(-1),
    })
    past.assertStatus(422)
    assert.equal(past.body().errors[0].field, 'startsAt')
    const far = await call(client, c.alice, 'post', `/resources/${r.id}/bookings`, {
      startsAt: hoursFromNow(24 * 31),
      endsAt: hoursFromNow(24 * 31 + 1),
    })
    assert.equal(far.body().errors[0].field, 'startsAt')
    const long = await call(client, c.alice, 'post', `/resources/${r.id}/bookings`, {
      startsAt: hoursFromNow(48),
      endsAt: hoursFromNow(53),
    })
    long.assertStatus(422)
    assert.equal(long.body().errors[0].field, 'endsAt')
    const garbage = await call(client, c.alice, 'post', `/resources/${r.id}/bookings`, {
      startsAt: 'soon',
      endsAt: 'later',
    })
    assert.sameMembers(
      garbage.body().errors.map((e: any) => e.field),
      ['startsAt', 'endsAt']
    )
  })

  test('availability over 90 days: the answer equals a reference built with luxon', async ({
    client,
    assert,
  }) => {
    const c = await community(client)
    const hours = {
      mon: [
        { from: '08:00', to: '12:00' },
        { from: '13:30', to: '22:00' },
      ],
      tue: [{ from: '08:00', to: '22:00' }],
      wed: [{ from: '00:00', to: '24:00' }],
      sat: [{ from: '02:30', to: '03:30' }], // inside the spring DST gap on its Sunday's eve
      sun: [{ from: '01:30', to: '04:00' }],
    }
    const r = (
      await call(client, c.org, 'post', '/resources', {
        ...roomBody(c.buildingId),
        advanceBookingDays: 90,
        openingHours: hours,
      })
    ).body()
    // 240 bookings straight in the table: every 9 h from 2 days ago, 1–7 h long, some
    // overlapping the next, in every status (only pending/confirmed/checked_in are busy).
    const statuses = ['confirmed', 'pending', 'checked_in', 'cancelled', 'checked_out']
    await ownerQuery(
      `insert into community_bookings (organisation_id, resource_id, building_id, owner_id, starts_at, ends_at, status)
       select ?, ?, ?, ?, date_trunc('hour', now()) - interval '2 days' + g * interval '9 hours',
              date_trunc('hour', now()) - interval '2 days' + g * interval '9 hours' + (1 + g % 7) * interval '1 hour' + (g % 3) * interval '17 minutes',
              (?::text[])[1 + g % 5]::text
         from generate_series(0, 239) g`,
      [c.org.organisationId, r.id, c.buildingId, c.alice.ownerId, statuses]
    )
    const from = DateTime.utc().startOf('minute')
    const to = from.plus({ days: 90 })
    const answer = await call(
      client,
      c.bob,
      'get',
      `/resources/${r.id}/availability?from=${encodeURIComponent(from.toISO()!)}&to=${encodeURIComponent(to.toISO()!)}`
    )
    answer.assertStatus(200)
    assert.match(answer.header('content-type') ?? '', /^application\/json; charset=utf-8/)

    const rows = await ownerQuery(
      `select starts_at, ends_at, status from community_bookings
        where resource_id = ? and status in ('pending', 'confirmed', 'checked_in')
          and ends_at > ? and starts_at < ? order by starts_at`,
      [r.id, from.toJSDate(), to.toJSDate()]
    )
    const busy = rows.map((b) => ({
      startsAt: b.starts_at.toISOString(),
      endsAt: b.ends_at.toISOString(),
      status: b.status,
    }))
    // Opening intervals from luxon's calendar (Brussels wall times), minus the busy ones.
    const open: [number, number][] = []
    const keys = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
    for (let day = from.setZone(ZONE).startOf('day'); day < to; day = day.plus({ days: 1 })) {
      for (const slot of (hours as Record<string, { from: string; to: string }[]>)[
        keys[day.weekday - 1]
      ] ?? []) {
        const at = (hhmm: string) =>
          hhmm === '24:00'
            ? day.plus({ days: 1 })
            : day.set({ hour: Number(hhmm.slice(0, 2)), minute: Number(hhmm.slice(3)) })
        const s = Math.max(at(slot.from).toMillis(), from.toMillis())
        const e = Math.min(at(slot.to).toMillis(), to.toMillis())
        if (e > s) open.push([s, e])
      }
    }
    const free: { startsAt: string; endsAt: string }[] = []
    for (const [s, e] of open) {
      let cursor = s
      for (const b of rows) {
        const bs = b.starts_at.getTime()
        const be = b.ends_at.getTime()
        if (be <= cursor || bs >= e) continue
        if (bs > cursor) free.push({ startsAt: iso(cursor), endsAt: iso(bs) })
        cursor = Math.max(cursor, be)
      }
      if (cursor < e) free.push({ startsAt: iso(cursor), endsAt: iso(e) })
    }
    assert.isAbove(busy.length, 100)
    assert.isAbove(free.length, 40)
    assert.deepEqual(answer.body(), {
      resourceId: r.id,
      from: from.toISO(),
      to: to.toISO(),
      busy,
      free,
    })
  })

  test('at most maxConcurrentBookings active bookings per owner (race-safe)', async ({
    client,
    assert,
  }) => {
    const c = await community(client)
    const r = (await call(client, c.org, 'post', '/resources', roomBody(c.buildingId))).body()
    const results = await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        call(client, c.alice, 'post', `/resources/${r.id}/bookings`, {
          startsAt: hoursFromNow(24 + i * 2),
          endsAt: hoursFromNow(25 + i * 2),
        })
      )
    )
    const statuses = results.map((x) => x.status()).sort()
    assert.deepEqual(statuses, [201, 201, 409, 409, 409])
    const [{ n }] = await ownerQuery(
      `select count(*)::int n from community_bookings where resource_id = ? and status = 'confirmed'`,
      [r.id]
    )
    assert.equal(n, 2)
  })

  test('50 simultaneous requests for one slot → 1 created, 49 × 409, one row', async ({
    client,
    assert,
  }) => {
    const c = await community(client)
    const r = (
      await call(
        client,
        c.org,
        'post',
        '/resources',
        roomBody(c.buildingId, { maxConcurrentBookings: 50 })
      )
    ).body()
    const owners = [c.alice, c.bob]
    for (let i = 0; i < 8; i++) owners.push(await ownerUser(client, c.org, c.buildingId))
    const slot = { startsAt: hoursFromNow(30), endsAt: hoursFromNow(32) }
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call(client, owners[i % owners.length], 'post', `/resources/${r.id}/bookings`, slot)
      )
    )
    const created = results.filter((x) => x.status() === 201)
    const conflicts = results.filter((x) => x.status() === 409)
    assert.lengthOf(created, 1)
    assert.lengthOf(conflicts, 49)
    for (const x of conflicts) assert.equal(x.body().errors[0].code, 'E_CONFLICT')
    const [{ n }] = await ownerQuery(
      `select count(*)::int n from community_bookings where resource_id = ?`,
      [r.id]
    )
    assert.equal(n, 1)
  }).timeout(60_000)

  test('approval flow notifies the owner; reject needs a reason; wrong state → 409', async ({
    client,
    assert,
  }) => {
    const c = await community(client)
    const r = (
      await call(
        client,
        c.org,
        'post',
        '/resources',
        roomBody(c.buildingId, { requiresApproval: true })
      )
    ).body()
    const b1 = (
      await call(client, c.alice, 'post', `/resources/${r.id}/bookings`, {
        startsAt: hoursFromNow(24),
        endsAt: hoursFromNow(25),
      })
    ).body()
    assert.equal(b1.status, 'pending')
    ;(await call(client, c.alice, 'put', `/bookings/${b1.id}/approve`)).assertStatus(403)
    const approved = await call(client, c.org, 'put', `/bookings/${b1.id}/approve`)
    approved.assertStatus(200)
    assert.equal(approved.body().status, 'confirmed')
    const again = await call(client, c.org, 'put', `/bookings/${b1.id}/approve`)
    again.assertStatus(409)
    assert.equal(again.body().errors[0].code, 'E_INVALID_STATE')

    const b2 = (
      await call(client, c.alice, 'post', `/resources/${r.id}/bookings`, {
        startsAt: hoursFromNow(28),
        endsAt: hoursFromNow(29),
      })
    ).body()
    const noReason = await call(client, c.org, 'put', `/bookings/${b2.id}/reject`, {})
    noReason.assertStatus(422)
    assert.equal(noReason.body().errors[0].field, 'reason')
    const rejected = await call(client, c.org, 'put', `/bookings/${b2.id}/reject`, {
      reason: 'Travaux',
    })
    assert.equal(rejected.body().status, 'rejected')
    assert.equal(rejected.body().rejectionReason, 'Travaux')

    const notes = await ownerQuery(
      `select type from notifications where user_id = ? order by created_at`,
      [c.alice.userId]
    )
    assert.deepEqual(
      notes.map((n) => n.type),
      ['community.booking_approved', 'community.booking_rejected']
    )
  })

  test('cancellation: free until 24 h, later the deposit is retained', async ({
    client,
    assert,
  }) => {
    const c = await community(client)
    const r = (
      await call(
        client,
        c.org,
        'post',
        '/resources',
        roomBody(c.buildingId, { maxConcurrentBookings: 5 })
      )
    ).body()
    // A deposit on a resource makes the booking paid (Stripe); set it directly for this rule.
    await ownerQuery(`update community_resources set deposit_amount = 0 where id = ?`, [r.id])
    const early = (
      await call(client, c.alice, 'post', `/resources/${r.id}/bookings`, {
        startsAt: hoursFromNow(48),
        endsAt: hoursFromNow(49),
      })
    ).body()
    const late = (
      await call(client, c.alice, 'post', `/resources/${r.id}/bookings`, {
        startsAt: hoursFromNow(10),
        endsAt: hoursFromNow(11),
      })
    ).body()
    await ownerQuery(`update community_bookings set deposit_amount = 40 where id in (?, ?)`, [
      early.id,
      late.id,
    ])
    const a = await call(client, c.alice, 'put', `/bookings/${early.id}/cancel`)
    a.assertStatus(200)
    assert.equal(a.body().status, 'cancelled')
    assert.isFalse(a.body().depositRetained)
    const b = await call(client, c.alice, 'put', `/bookings/${late.id}/cancel`)
    assert.isTrue(b.body().depositRetained)
    assert.equal(b.body().depositRetainedReason, 'late_cancellation')
    ;(await call(client, c.alice, 'put', `/bookings/${late.id}/cancel`)).assertStatus(409)
    ;(await call(client, c.bob, 'put', `/bookings/${early.id}/cancel`)).assertStatus(404)
  })

  test('check-in ±30 min, late checkout forfeits the deposit, no_show by job (time travel)', async ({
    client,
    assert,
  }) => {
    const c = await community(client)
    const r = (await call(client, c.org, 'post', '/resources', roomBody(c.buildingId))).body()
    const startMs = Date.now() + 2 * 3600_000
    const b = (
      await call(client, c.alice, 'post', `/resources/${r.id}/bookings`, {
        startsAt: hoursFromNow(2),
        endsAt: hoursFromNow(3),
      })
    ).body()
    const n = (
      await call(client, c.bob, 'post', `/resources/${r.id}/bookings`, {
        startsAt: hoursFromNow(4),
        endsAt: hoursFromNow(5),
      })
    ).body()
    await ownerQuery(`update community_bookings set deposit_amount = 25 where id in (?, ?)`, [
      b.id,
      n.id,
    ])

    const early = await call(client, c.alice, 'put', `/bookings/${b.id}/checkin`)
    early.assertStatus(409)
    clock.travelTo(new Date(startMs - 20 * 60_000))
    const inn = await call(client, c.alice, 'put', `/bookings/${b.id}/checkin`)
    inn.assertStatus(200)
    assert.equal(inn.body().status, 'checked_in')
    clock.travelTo(new Date(startMs + 3600_000 + 61 * 60_000))
    const out = await call(client, c.alice, 'put', `/bookings/${b.id}/checkout`)
    assert.equal(out.body().status, 'checked_out')
    assert.isTrue(out.body().depositRetained)
    assert.equal(out.body().depositRetainedReason, 'late_checkout')

    // Bob never came: 31 min after his start, the sweep marks him no_show.
    clock.travelTo(new Date(startMs + 2 * 3600_000 + 31 * 60_000))
    const tooLate = await call(client, c.bob, 'put', `/bookings/${n.id}/checkin`)
    tooLate.assertStatus(409)
    await drainQueues(['community'])
    const worker = startTestWorker({ queues: ['community'] })
    try {
      const { id } = await dispatch(
        'community.sweep_bookings',
        {},
        { jobId: `sweep_${randomUUID()}` }
      )
      const job = await waitForJob('community', id!)
      assert.equal(job.finishedOn ? 'done' : 'x', 'done')
    } finally {
      await worker.close()
    }
    const [row] = await ownerQuery(
      `select status, deposit_retained, deposit_retained_reason from community_bookings where id = ?`,
      [n.id]
    )
    assert.equal(row.status, 'no_show')
    assert.isTrue(row.deposit_retained)
    assert.equal(row.deposit_retained_reason, 'no_show')
  }).timeout(30_000)

  test('lists, calendar, statistics, iCal feed, cross-org owner bookings', async ({
    client,
    assert,
  }) => {
    const c = await community(client)
    const r = (await call(client, c.org, 'post', '/resources', roomBody(c.buildingId))).body()
    const b = (
      await call(client, c.alice, 'post', `/resources/${r.id}/bookings`, {
        startsAt: hoursFromNow(24),
        endsAt: hoursFromNow(26),
      })
    ).body()
    const mine = await call(client, c.alice, 'get', `/owners/${c.alice.ownerId}/bookings`)
    assert.equal(mine.body().meta.total, 1)
    const upcoming = await call(
      client,
      c.alice,
      'get',
      `/owners/${c.alice.ownerId}/bookings/upcoming`
    )
    assert.equal(upcoming.body().data[0].id, b.id)
    ;(await call(client, c.bob, 'get', `/owners/${c.alice.ownerId}/bookings`)).assertStatus(403)
    const other = await signupOrg(client)
    ;(await call(client, other, 'get', `/owners/${c.alice.ownerId}/bookings`)).assertStatus(404)

    const month = new Date(b.startsAt).toISOString().slice(0, 7)
    const cal = await call(
      client,
      c.bob,
      'get',
      `/resources/${r.id}/bookings/calendar?month=${month}`
    )
    cal.assertStatus(200)
    const day = cal.body().days.find((d: any) => d.bookings.length)
    assert.equal(day.bookings[0].id, b.id)
    assert.isNull(day.bookings[0].ownerName)
    ;(
      await call(client, c.bob, 'get', `/resources/${r.id}/bookings/calendar?month=2026-13`)
    ).assertStatus(422)

    const stats = await call(
      client,
      c.org,
      'get',
      `/buildings/${c.buildingId}/bookings/statistics?from=${encodeURIComponent(hoursFromNow(-1))}&to=${encodeURIComponent(hoursFromNow(100))}`
    )
    stats.assertStatus(200)
    assert.equal(stats.body().totalBookings, 1)
    assert.equal(stats.body().resources[0].hoursBooked, '2.00')
    ;(
      await call(client, c.alice, 'get', `/buildings/${c.buildingId}/bookings/statistics`)
    ).assertStatus(403)

    const available = await call(
      client,
      c.alice,
      'get',
      `/buildings/${c.buildingId}/resources/available?from=${encodeURIComponent(hoursFromNow(24.5))}&to=${encodeURIComponent(hoursFromNow(25))}`
    )
    assert.lengthOf(available.body().data, 0)
    const free = await call(
      client,
      c.alice,
      'get',
      `/buildings/${c.buildingId}/resources/available?from=${encodeURIComponent(hoursFromNow(27))}&to=${encodeURIComponent(hoursFromNow(28))}`
    )
    assert.lengthOf(free.body().data, 1)

    const ics = await client.get(r.icalUrl)
    ics.assertStatus(200)
    assert.include(ics.header('content-type'), 'text/calendar')
    assert.include(ics.text(), 'BEGIN:VEVENT')
    assert.include(ics.text(), `UID:${b.id}@community.vme`)
    assert.notInclude(ics.text(), 'Alice')
    ;(await client.get(`/api/v1/community/ical/${'0'.repeat(48)}.ics`)).assertStatus(404)
  })

  test('staff book on behalf of a co-owner; non-owners cannot book', async ({ client, assert }) => {
    const c = await community(client)
    const r = (await call(client, c.org, 'post', '/resources', roomBody(c.buildingId))).body()
    const res = await call(client, c.org, 'post', `/resources/${r.id}/bookings`, {
      startsAt: hoursFromNow(24),
      endsAt: hoursFromNow(25),
      ownerId: c.bob.ownerId,
    })
    res.assertStatus(201)
    assert.equal(res.body().ownerId, c.bob.ownerId)
    const spoof = await call(client, c.alice, 'post', `/resources/${r.id}/bookings`, {
      startsAt: hoursFromNow(30),
      endsAt: hoursFromNow(31),
      ownerId: c.bob.ownerId,
    })
    spoof.assertStatus(403)
    const self = await call(client, c.org, 'post', `/resources/${r.id}/bookings`, {
      startsAt: hoursFromNow(30),
      endsAt: hoursFromNow(31),
    })
    self.assertStatus(403)
    const board = await addMember(c.org, 'accountant')
    ;(
      await call(client, board, 'post', `/resources/${r.id}/bookings`, {
        startsAt: hoursFromNow(30),
        endsAt: hoursFromNow(31),
      })
    ).assertStatus(403)
    const elsewhere = await createBuilding(client, c.org)
    const stranger = await ownerUser(client, c.org, elsewhere.id)
    ;(
      await call(client, stranger, 'post', `/resources/${r.id}/bookings`, {
        startsAt: hoursFromNow(30),
        endsAt: hoursFromNow(31),
      })
    ).assertStatus(403)
  })
})

test.group('Community bookings: paid resources (Stripe Checkout)', (group) => {
  let fake: FakeStripe
  let worker: WorkerHandle | undefined
  group.setup(async () => {
    fake = await startFakeStripe()
    return () => fake.stop()
  })
  group.each.setup(async () => {
    await drainQueues(['billing'])
    worker = startTestWorker({ queues: ['billing'] })
    return async () => {
      await worker?.close()
    }
  })

  test('price + deposit go through Checkout; the webhook marks the booking paid', async ({
    client,
    assert,
  }) => {
    const c = await community(client)
    const r = (
      await call(client, c.org, 'post', '/resources', {
        ...roomBody(c.buildingId),
        hourlyRate: '12.50',
        depositAmount: 50,
      })
    ).body()
    const res = await call(client, c.alice, 'post', `/resources/${r.id}/bookings`, {
      startsAt: hoursFromNow(24),
      endsAt: hoursFromNow(26),
    })
    res.assertStatus(201)
    const booking = res.body()
    assert.equal(booking.amount, '25.00')
    assert.equal(booking.depositAmount, '50.00')
    assert.equal(booking.paymentStatus, 'pending')
    assert.isString(booking.checkoutUrl)
    const [row] = await ownerQuery(
      `select checkout_session_id from community_bookings where id = ?`,
      [booking.id]
    )
    const session = fake.state.sessions.get(row.checkout_session_id)!
    assert.equal(session.metadata.purpose, 'community.booking')
    assert.equal(session.metadata.bookingId, booking.id)
    assert.equal(session.amount_total, 7500)
    await fake.completeCheckout(row.checkout_session_id)
    const started = Date.now()
    let paid = ''
    while (Date.now() - started < 10_000) {
      const [now] = await ownerQuery(`select payment_status from community_bookings where id = ?`, [
        booking.id,
      ])
      paid = now.payment_status
      if (paid === 'paid') break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    assert.equal(paid, 'paid')
    const shown = await call(client, c.alice, 'get', `/bookings/${booking.id}`)
    assert.equal(shown.body().paymentStatus, 'paid')
    assert.isNull(shown.body().checkoutUrl)
  }).timeout(30_000)
})
