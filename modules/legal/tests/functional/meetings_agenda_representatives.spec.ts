/* eslint-disable @unicorn/no-await-expression-member -- tests read answers inline */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { startSmtpSink, type SmtpSink } from '#tests/helpers/smtp_sink'
import { drainQueues, startTestWorker, type WorkerHandle } from '#tests/helpers/worker'
import { auditFor, createOwner, createUnit, linkOwner } from '#tests/functional/buildings/helpers'
import { call, convenedMeeting, createMeeting, meetingFixture } from './meetings_helpers.js'

const ownerDb = () => db.connection('owner')

test.group('legal: meeting representatives and agenda edits', (group) => {
  let sink: SmtpSink
  let worker: WorkerHandle | undefined
  group.setup(async () => {
    sink = await startSmtpSink()
    return () => sink.close()
  })
  group.each.setup(async () => {
    await drainQueues(['legal'])
    worker = startTestWorker({ queues: ['legal'] })
    return async () => {
      await worker?.close()
    }
  })

  test('a designated co-owner represents a jointly held unit; 422 non-owner, 409 after open, cross-org 404', async ({
    client,
    assert,
  }) => {
    const { org, building, owners } = await meetingFixture(client, 'Syndic Représentants')
    await ownerDb().from('buildings').where('id', building.id).update({ total_quota: 1100 })
    // D1 held by Eva (primary contact) and Frank, 50/50.
    const unit = await createUnit(client, org, building.id, { number: 'D1', quota: 100 })
    const eva = await createOwner(client, org, { firstName: 'Eva', lastName: 'Claes' })
    const frank = await createOwner(client, org, { firstName: 'Frank', lastName: 'Claes' })
    await linkOwner(client, org, unit.id, eva.id, { isPrimaryContact: true, percentage: 50 })
    await linkOwner(client, org, unit.id, frank.id, { isPrimaryContact: false, percentage: 50 })

    const { meeting, agenda } = await convenedMeeting(client, org, building.id, 1)
    const path = `/meetings/${meeting.id}/representatives/${unit.id}`
    // Before designation Eva (primary contact) is the voter.
    let att = (await call(client, org, 'get', `/meetings/${meeting.id}/attendance`)).body()
    let ids = att.data.map((a: any) => a.ownerId)
    assert.include(ids, eva.id)
    assert.notInclude(ids, frank.id)

    ;(await call(client, org, 'put', path, { ownerId: owners[0].id })).assertStatus(422)
    const bad = await call(client, org, 'put', path, { ownerId: 'nope' })
    bad.assertStatus(422)
    assert.include(JSON.stringify(bad.body()), 'ownerId')
    ;(await call(client, org, 'put', path, {})).assertStatus(422)
    ;(
      await call(client, org, 'put', `/meetings/${meeting.id}/representatives/not-a-uuid`, {
        ownerId: frank.id,
      })
    ).assertStatus(404)

    const res = await call(client, org, 'put', path, { ownerId: frank.id })
    res.assertStatus(200)
    assert.equal(res.body().ownerId, frank.id)
    const [entry] = await auditFor(meeting.id)
    assert.equal(entry.action, 'legal.meeting.representative_designated')
    assert.equal(entry.metadata.ownerId, frank.id)

    att = (await call(client, org, 'get', `/meetings/${meeting.id}/attendance`)).body()
    ids = att.data.map((a: any) => a.ownerId)
    assert.include(ids, frank.id)
    assert.notInclude(ids, eva.id)

    // Cross-organisation: another syndic cannot touch these ids, and no row changes.
    const other = await meetingFixture(client, 'Syndic Autre')
    ;(await call(client, other.org, 'put', path, { ownerId: frank.id })).assertStatus(404)
    const otherMeeting = await createMeeting(client, other.org, other.building.id)
    ;(
      await call(
        client,
        other.org,
        'put',
        `/meetings/${otherMeeting.id}/representatives/${unit.id}`,
        { ownerId: frank.id }
      )
    ).assertStatus(404)
    const rows = await ownerDb().from('legal_meeting_representatives').where('unit_id', unit.id)
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].owner_id, frank.id)

    // Eva is no longer the unit's voter: her attendance is refused, Frank's counts.
    ;(
      await call(client, org, 'post', `/meetings/${meeting.id}/attendance`, {
        ownerId: eva.id,
        status: 'present',
      })
    ).assertStatus(422)
    for (const o of [frank, owners[1], owners[3]]) {
      const a = await call(client, org, 'post', `/meetings/${meeting.id}/attendance`, {
        ownerId: o.id,
        status: 'present',
      })
      assert.isBelow(a.status(), 300)
    }
    const opened = await call(client, org, 'put', `/meetings/${meeting.id}/open`)
    assert.equal(opened.body().status, 'open')
    ;(await call(client, org, 'put', path, { ownerId: eva.id })).assertStatus(409)

    const resolution = (
      await call(client, org, 'post', `/meetings/${meeting.id}/resolutions`, {
        agendaItemId: agenda[0].id,
      })
    ).body()
    ;(
      await call(client, org, 'post', `/resolutions/${resolution.id}/votes`, {
        ownerId: eva.id,
        choice: 'yes',
      })
    ).assertStatus(422)
    ;(
      await call(client, org, 'post', `/resolutions/${resolution.id}/votes`, {
        ownerId: frank.id,
        choice: 'yes',
      })
    ).assertStatus(201)
  })

  test('agenda items: edit, delete, reorder before convocations; 409 after; 422; 404', async ({
    client,
    assert,
  }) => {
    const { org, building, anne } = await meetingFixture(client, 'Syndic Ordre du jour')
    const meeting = await createMeeting(client, org, building.id)
    const items: any[] = []
    for (const title of ['Comptes 2025', 'Façade', 'Ascenseur']) {
      const r = await call(client, org, 'post', `/meetings/${meeting.id}/agenda-items`, { title })
      items.push(r.body())
    }
    const [a, b, c] = items

    const upd = await call(client, org, 'put', `/agenda-items/${a.id}`, {
      title: 'Approbation des comptes 2025',
      description: 'Rapport du commissaire aux comptes',
      majority: 'two_thirds',
    })
    upd.assertStatus(200)
    assert.equal(upd.body().title, 'Approbation des comptes 2025')
    assert.equal(upd.body().majority, 'two_thirds')
    assert.equal(upd.body().description, 'Rapport du commissaire aux comptes')
    assert.equal((await auditFor(a.id))[0].action, 'legal.agenda_item.updated')
    ;(await call(client, org, 'put', `/agenda-items/${a.id}`, { majority: 'most' })).assertStatus(
      422
    )
    ;(await call(client, org, 'put', `/agenda-items/${a.id}`, { title: '' })).assertStatus(422)
    ;(await call(client, org, 'put', `/agenda-items/not-a-uuid`, { title: 'x' })).assertStatus(404)
    ;(
      await call(client, { token: anne.token }, 'put', `/agenda-items/${a.id}`, { title: 'x' })
    ).assertStatus(403)

    const order = `/meetings/${meeting.id}/agenda-items/order`
    const re = await call(client, org, 'put', order, { ids: [c.id, a.id, b.id] })
    re.assertStatus(200)
    assert.deepEqual(
      re.body().data.map((i: any) => [i.id, i.position]),
      [
        [c.id, 1],
        [a.id, 2],
        [b.id, 3],
      ]
    )
    assert.equal((await auditFor(meeting.id))[0].action, 'legal.agenda_item.reordered')
    ;(await call(client, org, 'put', order, { ids: [c.id, a.id] })).assertStatus(422)
    ;(await call(client, org, 'put', order, { ids: [c.id, a.id, a.id] })).assertStatus(422)
    ;(await call(client, org, 'put', order, {})).assertStatus(422)

    ;(await call(client, org, 'delete', `/agenda-items/${a.id}`)).assertStatus(204)
    assert.equal((await auditFor(a.id))[0].action, 'legal.agenda_item.deleted')
    const agenda = (await call(client, org, 'get', `/meetings/${meeting.id}/agenda-items`)).body()
    assert.deepEqual(
      agenda.data.map((i: any) => [i.id, i.position]),
      [
        [c.id, 1],
        [b.id, 2],
      ]
    )
    ;(await call(client, org, 'delete', `/agenda-items/${a.id}`)).assertStatus(404)

    // Cross-organisation → 404, nothing changes.
    const other = await meetingFixture(client, 'Syndic Autre AG')
    ;(await call(client, other.org, 'put', `/agenda-items/${b.id}`, { title: 'x' })).assertStatus(
      404
    )
    ;(await call(client, other.org, 'delete', `/agenda-items/${b.id}`)).assertStatus(404)
    ;(await call(client, other.org, 'put', order, { ids: [b.id, c.id] })).assertStatus(404)
    const still = await ownerDb().from('legal_agenda_items').where('id', b.id).first()
    assert.equal(still.title, 'Façade')

    // Once the convocations are sent the agenda is fixed.
    const { meeting: convened, agenda: fixed } = await convenedMeeting(client, org, building.id, 2)
    ;(await call(client, org, 'put', `/agenda-items/${fixed[0].id}`, { title: 'x' })).assertStatus(
      409
    )
    ;(await call(client, org, 'delete', `/agenda-items/${fixed[0].id}`)).assertStatus(409)
    ;(
      await call(client, org, 'put', `/meetings/${convened.id}/agenda-items/order`, {
        ids: [fixed[1].id, fixed[0].id],
      })
    ).assertStatus(409)
  })
})
