/* eslint-disable @unicorn/no-await-expression-member -- tests read answers inline */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { startSmtpSink, type SmtpSink } from '#tests/helpers/smtp_sink'
import { drainQueues, startTestWorker, waitForJob, type WorkerHandle } from '#tests/helpers/worker'
import { isPdf, pdfText, pdfToPng } from '#tests/helpers/pdf'
import { samplePdf } from '#tests/helpers/sample_files'
import {
  addMember,
  auditFor,
  createOwner,
  createUnit,
  linkOwner,
} from '#tests/functional/buildings/helpers'
import { dispatch } from '#jobs/dispatcher'
import { setModule } from './helpers.js'
import { call, convenedMeeting, createMeeting, inDays, meetingFixture } from './meetings_helpers.js'

const ownerDb = () => db.connection('owner')

test.group('legal: general assemblies', (group) => {
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

  test('meetings and agenda: create, validate, co-owner proposes until convocations, 409 after', async ({
    client,
    assert,
  }) => {
    const { org, building, anne } = await meetingFixture(client)
    const bad = await call(client, org, 'post', `/buildings/${building.id}/meetings`, {
      kind: 'weekly',
      scheduledAt: 'tomorrow',
    })
    bad.assertStatus(422)
    const fields = bad.body().errors.map((e: any) => e.field)
    assert.includeMembers(fields, ['kind', 'title', 'scheduledAt'])
    const noPlace = await call(client, org, 'post', `/buildings/${building.id}/meetings`, {
      kind: 'ordinary',
      title: 'AG',
      scheduledAt: inDays(20),
    })
    noPlace.assertStatus(422)

    const meeting = await createMeeting(client, org, building.id)
    assert.equal(meeting.status, 'draft')
    assert.equal((await auditFor(meeting.id))[0].action, 'legal.meeting.created')

    const item = await call(client, org, 'post', `/meetings/${meeting.id}/agenda-items`, {
      title: 'Comptes 2025',
      majority: 'absolute',
    })
    item.assertStatus(201)
    const badMajority = await call(client, org, 'post', `/meetings/${meeting.id}/agenda-items`, {
      title: 'X',
      majority: 'most',
    })
    badMajority.assertStatus(422)
    // A quote attached to an item (core document service).
    const upload = await client
      .post('/api/v1/documents')
      .bearerToken(org.token)
      .file('file', samplePdf('Devis façade'), {
        filename: 'devis-facade.pdf',
        contentType: 'application/pdf',
      })
    upload.assertStatus(201)
    const withDoc = await call(client, org, 'post', `/meetings/${meeting.id}/agenda-items`, {
      title: 'Ravalement de façade',
      majority: 'two_thirds',
      documentIds: [upload.body().id],
    })
    withDoc.assertStatus(201)
    assert.deepEqual(withDoc.body().documentIds, [upload.body().id])
    const badDoc = await call(client, org, 'post', `/meetings/${meeting.id}/agenda-items`, {
      title: 'X',
      documentIds: ['00000000-0000-4000-8000-000000000000'],
    })
    badDoc.assertStatus(422)
    assert.equal(badDoc.body().errors[0].field, 'documentIds.0')

    // A co-owner proposes an item from the portal.
    const proposed = await call(
      client,
      { token: anne.token },
      'post',
      `/meetings/${meeting.id}/agenda-items`,
      { title: 'Installer des bornes de recharge', majority: 'two_thirds' }
    )
    proposed.assertStatus(201)
    assert.isString(proposed.body().proposedByOwnerId)
    // …but cannot create meetings or send convocations.
    ;(
      await call(client, { token: anne.token }, 'post', `/meetings/${meeting.id}/convocations/send`)
    ).assertStatus(403)

    const list = await call(client, org, 'get', `/buildings/${building.id}/meetings`)
    list.assertStatus(200)
    assert.equal(list.body().meta.total, 1)
    const shown = await call(client, org, 'get', `/meetings/${meeting.id}`)
    assert.lengthOf(shown.body().agendaItems, 3)
    assert.deepEqual(shown.body().agendaItems[1].documentIds, [upload.body().id])

    ;(await call(client, org, 'post', `/meetings/${meeting.id}/convocations/send`)).assertStatus(
      200
    )
    const late = await call(
      client,
      { token: anne.token },
      'post',
      `/meetings/${meeting.id}/agenda-items`,
      { title: 'Trop tard' }
    )
    late.assertStatus(409)
    assert.equal(late.body().errors[0].code, 'E_INVALID_STATE')
    ;(await call(client, org, 'put', `/meetings/${meeting.id}`, { title: 'Autre' })).assertStatus(
      409
    )
    ;(await call(client, org, 'get', '/meetings/not-a-uuid')).assertStatus(404)
    ;(
      await call(client, org, 'get', '/meetings/00000000-0000-4000-8000-000000000000')
    ).assertStatus(404)
  })

  test('convocations: 422 on scheduledAt under 15 days; e-mail or registered letter per co-owner, job with SMTP sink', async ({
    client,
    assert,
  }) => {
    const { org, building, owners } = await meetingFixture(client, 'Syndic Convocation')
    const soon = await createMeeting(client, org, building.id, 10)
    await call(client, org, 'post', `/meetings/${soon.id}/agenda-items`, { title: 'Budget' })
    const refused = await call(client, org, 'post', `/meetings/${soon.id}/convocations/send`)
    refused.assertStatus(422)
    assert.equal(refused.body().errors[0].field, 'scheduledAt')
    assert.match(refused.body().errors[0].message, /15 days/)

    const { meeting } = await convenedMeeting(client, org, building.id)
    const notices = await call(client, org, 'get', `/meetings/${meeting.id}/convocations`)
    const byOwner = new Map(notices.body().data.map((n: any) => [n.ownerId, n]))
    assert.equal((byOwner.get(owners[0].id) as any).channel, 'email')
    assert.equal((byOwner.get(owners[2].id) as any).channel, 'registered_letter')
    assert.equal((byOwner.get(owners[2].id) as any).status, 'to_print')

    const mail = await sink.waitFor((m) => m.to.some((t) => t.includes(owners[1].email)), 20000)
    assert.match(mail.subject, /Oproeping/)
    assert.include(mail.raw, 'application/pdf')
    await sink.waitFor((m) => m.to.some((t) => t.includes(owners[0].email)), 20000)
    // Delivery is tracked per co-owner.
    let sent: any[] = []
    for (let i = 0; i < 50; i++) {
      sent = (
        await call(client, org, 'get', `/meetings/${meeting.id}/convocations?channel=email`)
      ).body().data
      if (sent.every((n) => n.status === 'sent')) break
      await new Promise((r) => setTimeout(r, 100))
    }
    assert.deepEqual(
      sent.map((n) => n.status),
      ['sent', 'sent']
    )

    const letter = byOwner.get(owners[3].id) as any
    const pdf = await call(client, org, 'get', `/meeting-notices/${letter.id}/pdf`)
    pdf.assertStatus(200)
    const buffer = Buffer.from(
      pdf.body() instanceof Buffer ? pdf.body() : (pdf as any).response.body
    )
    assert.isTrue(isPdf(buffer))
    const text = await pdfText(buffer)
    assert.include(text, 'Volmacht')
    assert.include(text, 'Aangetekende zending')
    ;(await call(client, org, 'put', `/meeting-notices/${letter.id}/printed`)).assertStatus(200)
    ;(await call(client, org, 'put', `/meeting-notices/${letter.id}/printed`)).assertStatus(409)
    ;(await call(client, org, 'post', `/meetings/${meeting.id}/convocations/send`)).assertStatus(
      409
    )
  })

  test('opening without quorum → no_quorum and a second meeting ≥ 15 days later that needs none', async ({
    client,
    assert,
  }) => {
    const { org, building, owners } = await meetingFixture(client, 'Syndic Quorum')
    const { meeting } = await convenedMeeting(client, org, building.id)
    // Only Dirk (500 of 1000) present: half the quotas but 1 of 4 co-owners.
    ;(
      await call(client, org, 'post', `/meetings/${meeting.id}/attendance`, {
        ownerId: owners[3].id,
        status: 'present',
      })
    ).assertStatus(200)
    const opened = await call(client, org, 'put', `/meetings/${meeting.id}/open`)
    opened.assertStatus(200)
    assert.equal(opened.body().status, 'no_quorum')
    assert.isFalse(opened.body().quorum.reached)
    assert.equal(opened.body().quorum.attendingVotes, 500)
    assert.equal(opened.body().quorum.totalOwners, 4)
    assert.isString(opened.body().secondMeeting.earliestScheduledAt)
    ;(await call(client, org, 'put', `/meetings/${meeting.id}/open`)).assertStatus(409)

    const tooSoon = await call(client, org, 'post', `/meetings/${meeting.id}/second-meeting`, {
      scheduledAt: inDays(25),
    })
    tooSoon.assertStatus(422)
    assert.equal(tooSoon.body().errors[0].field, 'scheduledAt')
    const second = await call(client, org, 'post', `/meetings/${meeting.id}/second-meeting`, {
      scheduledAt: inDays(40),
    })
    second.assertStatus(201)
    assert.isFalse(second.body().quorumRequired)
    assert.equal(second.body().firstMeetingId, meeting.id)
    ;(
      await call(client, org, 'post', `/meetings/${meeting.id}/second-meeting`, {
        scheduledAt: inDays(41),
      })
    ).assertStatus(409)
    const agenda = await call(client, org, 'get', `/meetings/${second.body().id}/agenda-items`)
    assert.lengthOf(agenda.body().data, 2)
    ;(
      await call(client, org, 'post', `/meetings/${second.body().id}/convocations/send`)
    ).assertStatus(200)
    await call(client, org, 'post', `/meetings/${second.body().id}/attendance`, {
      ownerId: owners[0].id,
      status: 'present',
    })
    const open2 = await call(client, org, 'put', `/meetings/${second.body().id}/open`)
    assert.equal(open2.body().status, 'open')
    assert.isFalse(open2.body().quorum.reached)
  })

  test('proxies: the syndic cannot hold one, 3 / 10 % rule, 422 explains', async ({
    client,
    assert,
  }) => {
    const { org, building, owners } = await meetingFixture(client, 'Syndic Proxy')
    const { meeting } = await convenedMeeting(client, org, building.id)
    const syndic = await call(client, org, 'post', `/meetings/${meeting.id}/proxies`, {
      grantorOwnerId: owners[0].id,
      holderName: 'Le syndic',
      holderEmail: org.email,
    })
    syndic.assertStatus(422)
    assert.match(syndic.body().errors[0].message, /syndic/)
    const ok = await call(client, org, 'post', `/meetings/${meeting.id}/proxies`, {
      grantorOwnerId: owners[0].id,
      holderOwnerId: owners[2].id,
    })
    ok.assertStatus(201)
    ;(
      await call(client, org, 'post', `/meetings/${meeting.id}/proxies`, {
        grantorOwnerId: owners[0].id,
        holderOwnerId: owners[1].id,
      })
    ).assertStatus(409)
    const self = await call(client, org, 'post', `/meetings/${meeting.id}/proxies`, {
      grantorOwnerId: owners[1].id,
      holderOwnerId: owners[1].id,
    })
    self.assertStatus(422)
    const att = await call(client, org, 'get', `/meetings/${meeting.id}/attendance`)
    const anne = att.body().data.find((a: any) => a.ownerId === owners[0].id)
    assert.equal(anne.status, 'represented')
    assert.equal(
      (await call(client, org, 'get', `/meetings/${meeting.id}/proxies`)).body().data.length,
      1
    )
  })

  test('votes, cap, close, 409 after close, ledger holds; tampering with SQL breaks it at that vote', async ({
    client,
    assert,
  }) => {
    const { org, building, owners, units, anne } = await meetingFixture(client, 'Syndic Vote')
    const { meeting, agenda } = await convenedMeeting(client, org, building.id, 2)
    ;(
      await call(client, org, 'post', `/meetings/${meeting.id}/resolutions`, {
        agendaItemId: agenda[0].id,
      })
    ).assertStatus(409)
    // Chloé (250) stays home: Anne (remote), Bart and Dirk attend → 3 of 4, 750 of 1000.
    for (const o of [owners[1], owners[3]]) {
      await call(client, org, 'post', `/meetings/${meeting.id}/attendance`, {
        ownerId: o.id,
        status: 'present',
      })
    }
    await call(client, org, 'post', `/meetings/${meeting.id}/attendance`, {
      ownerId: owners[0].id,
      status: 'present',
      remote: true,
    })
    const opened = await call(client, org, 'put', `/meetings/${meeting.id}/open`)
    assert.equal(opened.body().status, 'open')
    assert.equal(opened.body().quorum.rule, 'double_majority')

    const res = await call(client, org, 'post', `/meetings/${meeting.id}/resolutions`, {
      agendaItemId: agenda[0].id,
    })
    res.assertStatus(201)
    const resolution = res.body()
    ;(
      await call(client, org, 'post', `/meetings/${meeting.id}/resolutions`, {
        agendaItemId: agenda[1].id,
      })
    ).assertStatus(409)

    // Room votes recorded by the syndic; Anne votes remotely from the portal.
    const v1 = await call(client, org, 'post', `/resolutions/${resolution.id}/votes`, {
      ownerId: owners[3].id,
      choice: 'yes',
    })
    v1.assertStatus(201)
    assert.match(v1.body().votes[0].receipt, /^[0-9a-f]{64}$/)
    assert.equal(v1.body().votes[0].previousReceipt, '0'.repeat(64))
    ;(
      await call(client, org, 'post', `/resolutions/${resolution.id}/votes`, {
        ownerId: owners[3].id,
        choice: 'no',
      })
    ).assertStatus(409)
    const absent = await call(client, org, 'post', `/resolutions/${resolution.id}/votes`, {
      ownerId: owners[2].id,
      choice: 'no',
    })
    absent.assertStatus(422)
    ;(
      await call(client, org, 'post', `/resolutions/${resolution.id}/votes`, {
        ownerId: owners[1].id,
        choice: 'abstain',
      })
    ).assertStatus(201)
    ;(
      await call(client, { token: anne.token }, 'post', `/resolutions/${resolution.id}/votes`, {
        ownerId: owners[3].id,
        choice: 'yes',
      })
    ).assertStatus(403)
    const remote = await call(
      client,
      { token: anne.token },
      'post',
      `/resolutions/${resolution.id}/votes`,
      { choice: 'no' }
    )
    remote.assertStatus(201)
    assert.equal(remote.body().votes[0].channel, 'remote')
    ;(
      await call(client, org, 'post', `/resolutions/${resolution.id}/votes`, {
        ownerId: owners[0].id,
        choice: 'maybe',
      })
    ).assertStatus(422)

    const closed = await call(client, org, 'put', `/resolutions/${resolution.id}/close`)
    closed.assertStatus(200)
    // Dirk's 500 are capped to the others' 250 (100 + 150): 250 yes vs 100 no → adopted.
    assert.equal(closed.body().result.yes, 250)
    assert.equal(closed.body().result.no, 100)
    assert.equal(closed.body().result.abstain, 150)
    assert.isTrue(closed.body().adopted)
    assert.equal(closed.body().result.capped[0].counted, 250)
    assert.deepEqual(closed.body().result.against, ['Anne Lambert'])
    assert.deepEqual(closed.body().result.abstained, ['Bart Peeters'])
    const late = await call(client, org, 'post', `/resolutions/${resolution.id}/votes`, {
      ownerId: owners[0].id,
      choice: 'yes',
    })
    late.assertStatus(409)
    ;(await call(client, org, 'put', `/resolutions/${resolution.id}/close`)).assertStatus(409)

    // Co-owners see their own receipts and verify the chain.
    const mine = await call(
      client,
      { token: anne.token },
      'get',
      `/meetings/${meeting.id}/vote-chain`
    )
    mine.assertStatus(200)
    assert.isTrue(mine.body().holds)
    assert.lengthOf(mine.body().myReceipts, 1)

    // The app role cannot alter the ledger.
    const appErr = await db
      .transaction(async (trx) => {
        await trx.rawQuery(`select set_config('app.tenant_id', ?, true)`, [org.organisationId])
        await trx.rawQuery(`update legal_votes set choice = 'yes' where resolution_id = ?`, [
          resolution.id,
        ])
      })
      .then(() => null)
      .catch((e) => e)
    assert.match(String(appErr?.message), /permission denied/)

    const chain = await call(client, org, 'get', `/meetings/${meeting.id}/vote-chain`)
    assert.isTrue(chain.body().holds)
    assert.equal(chain.body().votes, 3)
    // Tamper as the owner role (the one migrations use): Bart's abstention becomes "yes".
    const target = await ownerDb()
      .from('legal_votes')
      .where('resolution_id', resolution.id)
      .where('unit_id', units[1].id)
      .first()
    await ownerDb().from('legal_votes').where('id', target.id).update({ choice: 'yes' })
    const broken = await call(client, org, 'get', `/meetings/${meeting.id}/vote-chain`)
    assert.isFalse(broken.body().holds)
    assert.equal(broken.body().brokenAt.voteId, target.id)
    assert.equal(broken.body().brokenAt.seq, 2)
    await ownerDb().from('legal_votes').where('id', target.id).update({ choice: 'abstain' })

    const r2 = (
      await call(client, org, 'post', `/meetings/${meeting.id}/resolutions`, {
        agendaItemId: agenda[1].id,
      })
    ).body()
    for (const o of [owners[0], owners[1], owners[3]])
      await call(client, org, 'post', `/resolutions/${r2.id}/votes`, {
        ownerId: o.id,
        choice: 'yes',
      })
    const c2 = await call(client, org, 'put', `/resolutions/${r2.id}/close`)
    assert.equal(c2.body().majority, 'two_thirds')
    assert.isTrue(c2.body().adopted)

    const ended = await call(client, org, 'put', `/meetings/${meeting.id}/close`)
    ended.assertStatus(200)
    assert.match(ended.body().finalDigest, /^[0-9a-f]{64}$/)

    // Minutes: PDF with attendance, results, names against, capped votes, final digest.
    const minutes = await call(client, org, 'get', `/meetings/${meeting.id}/minutes`)
    minutes.assertStatus(200)
    const buffer = Buffer.from((minutes as any).response.body ?? minutes.body())
    assert.isTrue(isPdf(buffer))
    const text = (await pdfText(buffer)).replace(/\s+/g, ' ')
    assert.include(text, 'Procès-verbal')
    assert.include(text, 'Anne Lambert')
    assert.include(text, ended.body().finalDigest.slice(0, 16))
    assert.match(text, /plafond/)
    await pdfToPng(buffer, 'legal-meetings-minutes')

    const sent = await call(client, org, 'post', `/meetings/${meeting.id}/minutes/send`)
    sent.assertStatus(200)
    await sink.waitFor(
      (m) => m.to.some((t) => t.includes(owners[0].email)) && /Procès-verbal/.test(m.subject),
      20000
    )
    ;(await call(client, org, 'post', `/meetings/${meeting.id}/minutes/send`)).assertStatus(409)

    // Section 11 of the état daté reads these minutes.
    const { lastTwoMeetingMinutes } = await import('../../meetings/minutes_summary.js')
    const { withTenant } = await import('#tenancy/tenant_context')
    const summary = await withTenant(org.organisationId, () =>
      lastTwoMeetingMinutes(building.id, inDays(60).slice(0, 10))
    )
    assert.lengthOf(summary, 1)
    assert.lengthOf(summary[0].decisions, 2)
  })

  test('cross-organisation 404s, wrong role 403, module off 403', async ({ client, assert }) => {
    const a = await meetingFixture(client, 'Syndic A')
    const b = await meetingFixture(client, 'Syndic B')
    const { meeting } = await convenedMeeting(client, b.org, b.building.id, 1)
    for (const [method, path] of [
      ['get', `/meetings/${meeting.id}`],
      ['get', `/meetings/${meeting.id}/vote-chain`],
      ['post', `/meetings/${meeting.id}/attendance`],
      ['put', `/meetings/${meeting.id}/open`],
      ['get', `/buildings/${b.building.id}/meetings`],
    ] as const) {
      const res = await call(
        client,
        a.org,
        method,
        path,
        method === 'get' ? undefined : { ownerId: b.owners[0].id, status: 'present' }
      )
      assert.equal(res.status(), 404, `${method} ${path}`)
    }
    const row = await ownerDb().from('legal_meetings').where('id', meeting.id).first()
    assert.equal(row.status, 'convened')
    const accountant = await addMember(a.org, 'accountant')
    ;(
      await call(
        client,
        { token: accountant.token },
        'post',
        `/buildings/${a.building.id}/meetings`,
        { kind: 'ordinary', title: 'X', scheduledAt: inDays(20), place: 'x' }
      )
    ).assertStatus(403)
    await setModule(client, a.org, 'legal', false)
    const off = await call(client, a.org, 'get', `/buildings/${a.building.id}/meetings`)
    off.assertStatus(403)
    assert.equal(off.body().errors[0].code, 'E_MODULE_DISABLED')
  })

  test('extraordinary meeting on request and council', async ({ client, assert }) => {
    const { org, building, owners, anne } = await meetingFixture(client, 'Syndic Request')
    const req = await call(
      client,
      { token: anne.token },
      'post',
      `/buildings/${building.id}/meeting-requests`,
      { reason: 'Infiltrations en toiture' }
    )
    req.assertStatus(201)
    // Anne alone holds 100/1000 < 1/5.
    assert.isFalse(req.body().thresholdReached)
    ;(
      await call(
        client,
        { token: anne.token },
        'post',
        `/buildings/${building.id}/meeting-requests`,
        { reason: 'encore' }
      )
    ).assertStatus(409)
    ;(
      await call(client, org, 'post', `/buildings/${building.id}/meeting-requests`, {
        reason: 'syndic',
      })
    ).assertStatus(403)
    // Bart (150) joins through a portal account: requests add up to 250 ≥ 200.
    const bart = await addMember(org, 'owner')
    await ownerDb().from('owners').where('id', owners[1].id).update({ user_id: bart.userId })
    const second = await call(
      client,
      { token: bart.token },
      'post',
      `/buildings/${building.id}/meeting-requests`,
      { reason: 'Toiture' }
    )
    assert.isTrue(second.body().thresholdReached)
    assert.isString(second.body().conveneBy)
    assert.isFalse(second.body().overdue)
    const status = await call(client, org, 'get', `/buildings/${building.id}/meeting-requests`)
    assert.equal(status.body().votes, 250)

    const council = await call(client, org, 'get', `/buildings/${building.id}/council`)
    assert.isFalse(council.body().mandatory)
    const member = await call(client, org, 'post', `/buildings/${building.id}/council/members`, {
      ownerId: owners[2].id,
      role: 'president',
      mandateStart: '2026-06-01',
      mandateEnd: '2027-05-31',
    })
    member.assertStatus(201)
    assert.equal(member.body().buildingRole, 'board_member')
    ;(
      await call(client, org, 'post', `/buildings/${building.id}/council/members`, {
        ownerId: owners[2].id,
        mandateStart: '2026-06-01',
        mandateEnd: '2025-01-01',
      })
    ).assertStatus(422)
  })

  test('demo data: a held meeting whose chain holds and minutes render, and a convened one', async ({
    client,
    assert,
  }) => {
    const { org, building } = await meetingFixture(client, 'Syndic Démo')
    const { seedMeetings } = await import('../../meetings/demo_meetings.js')
    await seedMeetings(org.organisationId)
    await seedMeetings(org.organisationId)
    const list = await call(client, org, 'get', `/buildings/${building.id}/meetings`)
    const [upcoming, past] = list.body().data
    assert.equal(list.body().meta.total, 2)
    assert.equal(upcoming.status, 'convened')
    assert.equal(past.status, 'closed')
    const chain = await call(client, org, 'get', `/meetings/${past.id}/vote-chain`)
    assert.isTrue(chain.body().holds)
    assert.equal(chain.body().digest, chain.body().finalDigest)
    ;(await call(client, org, 'get', `/meetings/${past.id}/minutes`)).assertStatus(200)
  })

  test('proxies through the API: a 4th proxy only within 10 % of the votes', async ({
    client,
    assert,
  }) => {
    const { org, building, owners } = await meetingFixture(client, 'Syndic Procurations')
    await ownerDb().from('buildings').where('id', building.id).update({ total_quota: 1050 })
    const small: any[] = []
    for (let i = 0; i < 5; i++) {
      const unit = await createUnit(client, org, building.id, {
        number: `P${i}`,
        type: 'parking',
        quota: 10,
      })
      const owner = await createOwner(client, org, { firstName: 'Petit', lastName: `Porteur${i}` })
      await linkOwner(client, org, unit.id, owner.id)
      small.push(owner)
    }
    // Total 1050 votes. Holder small[0] (10) may take 4 proxies of 10: 50 ≤ 105.
    const first = (await convenedMeeting(client, org, building.id, 1)).meeting
    for (const grantor of small.slice(1)) {
      const res = await call(client, org, 'post', `/meetings/${first.id}/proxies`, {
        grantorOwnerId: grantor.id,
        holderOwnerId: small[0].id,
      })
      res.assertStatus(201)
    }
    // Dirk (500) may hold 3, not a 4th: 540 > 105.
    const second = (await convenedMeeting(client, org, building.id, 1)).meeting
    for (const [i, grantor] of small.slice(1).entries()) {
      const res = await call(client, org, 'post', `/meetings/${second.id}/proxies`, {
        grantorOwnerId: grantor.id,
        holderOwnerId: owners[3].id,
      })
      res.assertStatus(i < 3 ? 201 : 422)
      if (i === 3) {
        assert.equal(res.body().errors[0].field, 'holderOwnerId')
        assert.match(res.body().errors[0].message, /at most 3 proxies unless .* 10 %/)
      }
    }
  })

  test('J-3 reminder once, and the syndic reminded once when minutes are not sent within 30 days', async ({
    client,
    assert,
  }) => {
    const { org, building, owners } = await meetingFixture(client, 'Syndic Rappels')
    const { meeting } = await convenedMeeting(client, org, building.id, 1)
    const scheduled = new Date(meeting.scheduledAt).getTime()
    const now = new Date(scheduled - 2 * 86_400_000).toISOString()
    const runDaily = async () => {
      const { id } = await dispatch('legal.meetings.daily', { now })
      const job = await waitForJob('legal', id!, 20000)
      return job.returnvalue
    }
    const first = await runDaily()
    assert.isAtLeast(first.reminders, 1)
    await sink.waitFor(
      (m) => m.to.some((t) => t.includes(owners[1].email)) && /Herinnering/.test(m.subject),
      20000
    )
    const again = await runDaily()
    assert.equal(again.reminders, 0)
    const reminders = await ownerDb()
      .from('legal_meeting_notices')
      .where({ meeting_id: meeting.id, kind: 'reminder' })
    assert.lengthOf(reminders, 2)

    // A closed meeting 31 days ago without minutes: one notification to the syndic.
    await ownerDb()
      .from('legal_meetings')
      .where('id', meeting.id)
      .update({ status: 'closed', closed_at: new Date(Date.now() - 31 * 86_400_000) })
    const { id } = await dispatch('legal.meetings.daily', {})
    const job = await waitForJob('legal', id!, 20000)
    assert.equal(job.returnvalue.minutesReminders, 1)
    const { id: id2 } = await dispatch('legal.meetings.daily', {})
    assert.equal((await waitForJob('legal', id2!, 20000)).returnvalue.minutesReminders, 0)
    const notes = await ownerDb()
      .from('notifications')
      .where({ user_id: org.userId, type: 'legal.minutes_overdue' })
    assert.lengthOf(notes, 1)
    const shown = await call(client, org, 'get', `/meetings/${meeting.id}`)
    assert.isTrue(shown.body().minutesOverdue)
  })
})
