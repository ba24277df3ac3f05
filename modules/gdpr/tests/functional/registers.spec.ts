import { test } from '@japa/runner'
import { expectStatus } from '#tests/functional/buildings/helpers'
import { randomUUID } from 'node:crypto'
import { addMember, call } from '#tests/functional/buildings/helpers'
import { ownerQuery, signupOrg } from './helpers.js'

const activity = {
  title: 'Vidéosurveillance du parking',
  purpose: 'Sécurité des biens et des personnes dans le parking souterrain.',
  legalBasis: 'legitimate_interests',
  dataSubjects: ['Occupants', 'Visiteurs'],
  dataCategories: ['Images'],
  recipients: ['Syndic', 'Police sur réquisition'],
  retention: '30 jours',
  transfersOutsideEea: false,
  securityMeasures: 'Accès restreint au syndic, journalisation.',
}

test.group('GDPR: processing register (Art. 30)', () => {
  test('standard activities are seeded once; admin CRUD; standard entries cannot be deleted', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const list = await call(client, org, 'get', '/gdpr/processing-activities?perPage=100')
    list.assertStatus(200)
    const seeded = list.body().meta.total
    assert.isAtLeast(seeded, 8)
    assert.isTrue(list.body().data.every((a: any) => a.isStandard))
    const again = await call(client, org, 'get', '/gdpr/processing-activities')
    assert.equal(again.body().meta.total, seeded)

    const created = await call(client, org, 'post', '/gdpr/processing-activities', activity)
    created.assertStatus(201)
    assert.equal(created.body().title, activity.title)
    assert.deepEqual(created.body().dataSubjects, ['Occupants', 'Visiteurs'])
    assert.isFalse(created.body().isStandard)
    const id = created.body().id

    const updated = await call(client, org, 'put', `/gdpr/processing-activities/${id}`, {
      retention: '14 jours',
    })
    updated.assertStatus(200)
    assert.equal(updated.body().retention, '14 jours')
    await expectStatus(call(client, org, 'get', `/gdpr/processing-activities/${id}`), 200)
    const filtered = await call(
      client,
      org,
      'get',
      '/gdpr/processing-activities?legalBasis=legitimate_interests'
    )
    assert.isTrue(filtered.body().data.some((a: any) => a.id === id))
    await expectStatus(call(client, org, 'get', '/gdpr/processing-activities?legalBasis=whim'), 422)

    const standard = list.body().data[0].id
    const refused = await call(client, org, 'delete', `/gdpr/processing-activities/${standard}`)
    refused.assertStatus(409)
    await expectStatus(call(client, org, 'delete', `/gdpr/processing-activities/${id}`), 204)
    await expectStatus(call(client, org, 'get', `/gdpr/processing-activities/${id}`), 404)

    const audits = await ownerQuery(
      `select action from audit_logs where subject_id = ? order by created_at`,
      [id]
    )
    assert.deepEqual(
      audits.map((a) => a.action),
      [
        'gdpr_register.activity_created',
        'gdpr_register.activity_updated',
        'gdpr_register.activity_deleted',
      ]
    )
  })

  test('422 per field; 404 unknown/malformed id; 403 for non-admins; other organisation → 404, unchanged', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const bad = await call(client, org, 'post', '/gdpr/processing-activities', {
      title: '',
      legalBasis: 'because',
      dataSubjects: 'everyone',
    })
    bad.assertStatus(422)
    const fields = bad.body().errors.map((e: any) => e.field)
    assert.includeMembers(fields, ['title', 'purpose', 'legalBasis', 'dataSubjects', 'retention'])
    await expectStatus(call(client, org, 'get', `/gdpr/processing-activities/${randomUUID()}`), 404)
    await expectStatus(call(client, org, 'get', '/gdpr/processing-activities/nope'), 404)
    await expectStatus(
      call(client, org, 'put', '/gdpr/processing-activities/nope', { title: 'x' }),
      404
    )
    for (const role of ['syndic', 'accountant', 'owner'] as const) {
      const member = await addMember(org, role)
      await expectStatus(call(client, member, 'get', '/gdpr/processing-activities'), 403)
      await expectStatus(call(client, member, 'post', '/gdpr/incidents', {}), 403)
    }

    const other = await signupOrg(client)
    const mine = await call(client, org, 'post', '/gdpr/processing-activities', activity)
    const id = mine.body().id
    await expectStatus(call(client, other, 'get', `/gdpr/processing-activities/${id}`), 404)
    await expectStatus(
      call(client, other, 'put', `/gdpr/processing-activities/${id}`, { title: 'Hijack' }),
      404
    )
    await expectStatus(call(client, other, 'delete', `/gdpr/processing-activities/${id}`), 404)
    const [row] = await ownerQuery(`select title from gdpr_processing_activities where id = ?`, [
      id,
    ])
    assert.equal(row.title, activity.title)
  })
})

test.group('GDPR: breach register', () => {
  test('72-hour deadline from detection; notification moves to notified; closed is frozen', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const detectedAt = new Date(Date.now() - 10 * 3600_000)
    detectedAt.setUTCMilliseconds(0)
    const res = await call(client, org, 'post', '/gdpr/incidents', {
      title: 'Envoi groupé avec destinataires visibles',
      description: 'Un appel de fonds a été envoyé en CC à 42 copropriétaires.',
      detectedAt: detectedAt.toISOString(),
      occurredAt: new Date(detectedAt.getTime() - 3600_000).toISOString(),
      severity: 'medium',
      dataCategories: ['Adresses e-mail'],
      affectedSubjects: 42,
    })
    res.assertStatus(201)
    const incident = res.body()
    assert.equal(incident.status, 'open')
    assert.equal(
      incident.authorityDeadline,
      new Date(detectedAt.getTime() + 72 * 3600_000).toISOString()
    )
    assert.oneOf(incident.hoursRemaining, [61, 62])
    assert.isFalse(incident.overdue)
    assert.equal(incident.detectedAt, detectedAt.toISOString())

    const notifiedAt = new Date(Date.now() - 3600_000).toISOString()
    const upd = await call(client, org, 'put', `/gdpr/incidents/${incident.id}`, {
      authorityNotifiedAt: notifiedAt,
      authorityReference: 'APD-2026-0042',
    })
    upd.assertStatus(200)
    assert.equal(upd.body().status, 'notified')
    assert.isNull(upd.body().hoursRemaining)
    assert.isFalse(upd.body().overdue)

    const back = await call(client, org, 'put', `/gdpr/incidents/${incident.id}`, {
      status: 'open',
    })
    back.assertStatus(409)
    const closed = await call(client, org, 'put', `/gdpr/incidents/${incident.id}`, {
      status: 'closed',
    })
    closed.assertStatus(200)
    assert.isNotNull(closed.body().closedAt)
    const frozen = await call(client, org, 'put', `/gdpr/incidents/${incident.id}`, {
      title: 'Renamed',
    })
    frozen.assertStatus(409)
    assert.equal(frozen.body().errors[0].code, 'E_INVALID_STATE')

    const list = await call(client, org, 'get', '/gdpr/incidents?status=closed')
    assert.equal(list.body().meta.total, 1)
    await expectStatus(call(client, org, 'get', '/gdpr/incidents?status=lost'), 422)
  })

  test('an old unnotified breach is overdue; 422 on future detection or bad timestamps; cross-org 404', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const old = await call(client, org, 'post', '/gdpr/incidents', {
      title: 'Ordinateur portable volé',
      description: 'Portable du gestionnaire volé dans un véhicule.',
      detectedAt: new Date(Date.now() - 80 * 3600_000).toISOString(),
    })
    old.assertStatus(201)
    assert.isTrue(old.body().overdue)
    assert.isBelow(old.body().hoursRemaining, 0)

    const future = await call(client, org, 'post', '/gdpr/incidents', {
      title: 'x',
      description: 'y',
      detectedAt: new Date(Date.now() + 48 * 3600_000).toISOString(),
    })
    future.assertStatus(422)
    assert.equal(future.body().errors[0].field, 'detectedAt')
    const bad = await call(client, org, 'post', '/gdpr/incidents', {
      detectedAt: 'yesterday',
      severity: 'apocalyptic',
    })
    bad.assertStatus(422)
    assert.includeMembers(
      bad.body().errors.map((e: any) => e.field),
      ['title', 'description', 'detectedAt', 'severity']
    )
    const before = await call(client, org, 'put', `/gdpr/incidents/${old.body().id}`, {
      authorityNotifiedAt: new Date(Date.now() - 100 * 3600_000).toISOString(),
    })
    before.assertStatus(422)

    const other = await signupOrg(client)
    await expectStatus(call(client, other, 'get', `/gdpr/incidents/${old.body().id}`), 404)
    await expectStatus(
      call(client, other, 'put', `/gdpr/incidents/${old.body().id}`, { status: 'closed' }),
      404
    )
    const [row] = await ownerQuery(`select status from gdpr_incidents where id = ?`, [
      old.body().id,
    ])
    assert.equal(row.status, 'open')
    await expectStatus(call(client, org, 'get', `/gdpr/incidents/${randomUUID()}`), 404)
  })
})
