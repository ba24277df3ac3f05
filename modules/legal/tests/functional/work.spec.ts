/* eslint-disable @unicorn/no-await-expression-member -- tests read answers inline */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { addMember, auditFor, createOwner, signupOrg } from '#tests/functional/buildings/helpers'
import { samplePdf, samplePng } from '#tests/helpers/sample_files'
import { drainQueues, startTestWorker, waitForJob } from '#tests/helpers/worker'
import { priceMaterials } from '../../services/work_report_service.js'
import { call, legalFixture, rowsOf, setModule } from './helpers.js'

async function workFixture(client: any) {
  const base = await legalFixture(client, 'Syndic Travaux')
  const { org, unit, building } = base
  const contractorUser = await addMember(org, 'contractor')
  const contractor = await call(client, org, 'post', '/contractors', {
    name: 'Plomberie Janssens SRL',
    contactName: 'Tom Janssens',
    email: 'tom@janssens.test',
    trade: 'plumbing',
    userId: contractorUser.userId,
  })
  if (contractor.status() !== 201) throw new Error(contractor.text())
  const ownerUser = await addMember(org, 'owner')
  const person = await createOwner(client, org, {
    firstName: 'Luc',
    lastName: 'Willems',
    userId: ownerUser.userId,
  })
  // The unit's co-owner is this portal user.
  await db
    .connection('owner')
    .from('unit_owners')
    .where('unit_id', unit.id)
    .update({ owner_id: person.id })
  return { ...base, contractorUser, contractor: contractor.body(), ownerUser, building }
}

test.group('legal: contractors, tickets, work reports', () => {
  test('materials: quantity × unit price rounded half-up, totals as decimal strings', ({
    assert,
  }) => {
    const priced = priceMaterials([
      { name: 'Siphon', quantity: 3, unitPrice: '12.35' },
      { name: 'Joint', quantity: 0.333, unitPrice: '1.55' },
      { name: 'Tuyau PER (m)', quantity: 2.5, unitPrice: 4.99 },
    ])
    assert.deepEqual(
      priced.lines.map((l) => l.total),
      ['37.05', '0.52', '12.48']
    )
    assert.equal(priced.total, '50.05')
  })

  test('ticket journey: owner reports with a photo → assigned → contractor report → approve resolves the ticket', async ({
    client,
    assert,
  }) => {
    const { org, building, unit, contractorUser, contractor, ownerUser } = await workFixture(client)
    const ticket = await call(client, ownerUser, 'post', `/buildings/${building.id}/tickets`, {
      title: 'Fuite au 3e étage',
      description: 'L’eau coule dans la cage d’escalier depuis ce matin.',
      category: 'plumbing',
      priority: 'urgent',
      unitId: unit.id,
    })
    ticket.assertStatus(201)
    const ticketId = ticket.body().id
    const photo = await client
      .post(`/api/v1/tickets/${ticketId}/photos`)
      .bearerToken(ownerUser.token)
      .file('file', samplePng(), { filename: 'fuite.png' })
    photo.assertStatus(201)
    // Another co-owner (not the reporter) does not see it.
    const stranger = await addMember(org, 'owner')
    ;(await call(client, stranger, 'get', `/tickets/${ticketId}`)).assertStatus(404)
    assert.equal((await call(client, stranger, 'get', '/tickets')).body().meta.total, 0)
    // The contractor sees nothing until assigned.
    ;(await call(client, contractorUser, 'get', `/tickets/${ticketId}`)).assertStatus(404)
    ;(
      await call(client, ownerUser, 'put', `/tickets/${ticketId}/assign`, {
        contractorId: contractor.id,
      })
    ).assertStatus(403)
    ;(await call(client, org, 'put', `/tickets/${ticketId}/close`)).assertStatus(409)
    const assigned = await call(client, org, 'put', `/tickets/${ticketId}/assign`, {
      contractorId: contractor.id,
    })
    assigned.assertStatus(200)
    assert.equal(assigned.body().status, 'assigned')
    ;(await call(client, contractorUser, 'put', `/tickets/${ticketId}/start`)).assertStatus(200)

    const report = await call(client, contractorUser, 'post', '/work-reports', {
      buildingId: building.id,
      contractorId: contractor.id,
      ticketId,
      title: 'Remplacement du raccord',
      description: 'Raccord fissuré remplacé, colonne testée sous pression.',
      workDate: '2026-11-20',
      hoursWorked: 2.5,
      materials: [
        { name: 'Raccord laiton 3/4', quantity: 2, unitPrice: '8.40' },
        { name: 'Téflon', quantity: 1, unitPrice: 2.1 },
      ],
    })
    report.assertStatus(201)
    const r = report.body()
    assert.equal(r.status, 'draft')
    assert.equal(r.hoursWorked, '2.50')
    assert.equal(r.materialsTotal, '18.90')
    assert.equal(r.materials[0].total, '16.80')
    // Another contractor's id: refused.
    ;(
      await call(client, contractorUser, 'post', '/work-reports', {
        buildingId: building.id,
        contractorId: '00000000-0000-4000-8000-000000000000',
        title: 'x',
        description: 'x',
        workDate: '2026-11-20',
        hoursWorked: 1,
      })
    ).assertStatus(422)
    ;(
      await call(client, contractorUser, 'post', '/work-reports', { hoursWorked: -1 })
    ).assertStatus(422)

    // Photos: magic bytes, not the name.
    const fake = await client
      .post(`/api/v1/work-reports/${r.id}/photos`)
      .bearerToken(contractorUser.token)
      .file('file', samplePdf(), { filename: 'photo.jpg' })
    fake.assertStatus(422)
    const ok = await client
      .post(`/api/v1/work-reports/${r.id}/photos`)
      .bearerToken(contractorUser.token)
      .file('file', samplePng(), { filename: 'after.png' })
    ok.assertStatus(201)
    const served = await client.get(ok.body().url).bearerToken(org.token)
    served.assertStatus(200)
    assert.equal(served.header('content-type'), 'image/png')

    ;(await call(client, org, 'put', `/work-reports/${r.id}/approve`)).assertStatus(409) // a draft
    ;(await call(client, org, 'put', `/work-reports/${r.id}/submit`)).assertStatus(403) // not the contractor
    ;(await call(client, contractorUser, 'put', `/work-reports/${r.id}/submit`)).assertStatus(200)
    ;(await call(client, contractorUser, 'put', `/work-reports/${r.id}/submit`)).assertStatus(409)
    ;(await call(client, contractorUser, 'delete', `/work-reports/${r.id}`)).assertStatus(409)
    ;(await call(client, contractorUser, 'put', `/work-reports/${r.id}/approve`)).assertStatus(403)
    ;(await call(client, org, 'put', `/work-reports/${r.id}/reject`, {})).assertStatus(422)
    const approved = await call(client, org, 'put', `/work-reports/${r.id}/approve`)
    approved.assertStatus(200)
    assert.equal(approved.body().status, 'approved')
    ;(
      await call(client, org, 'put', `/work-reports/${r.id}/reject`, { reason: 'trop tard' })
    ).assertStatus(409)

    const after = await call(client, ownerUser, 'get', `/tickets/${ticketId}`)
    assert.equal(after.body().status, 'resolved')
    assert.lengthOf(after.body().photos, 1)
    ;(await call(client, org, 'put', `/tickets/${ticketId}/close`)).assertStatus(200)
    // The reporter was told at each step.
    const steps = await db
      .connection('owner')
      .from('notifications')
      .where('user_id', ownerUser.userId)
      .where('type', 'legal.ticket_status')
      .select('data')
    assert.sameMembers(
      steps.map((s: any) => s.data.status),
      ['assigned', 'in_progress', 'resolved', 'closed']
    )
    const pdf = await client.get(`/api/v1/work-reports/${r.id}/pdf`).bearerToken(org.token)
    pdf.assertStatus(200)
    assert.equal(pdf.header('content-type'), 'application/pdf')
    const actions = (await auditFor(r.id)).map((a) => a.action)
    assert.includeMembers(actions, [
      'legal.work_report.created',
      'legal.work_report.submitted',
      'legal.work_report.approved',
    ])
  }).timeout(60000)

  test('a contractor sees only their own reports; drafts deleted; other organisation 404', async ({
    client,
    assert,
  }) => {
    const { org, building, contractor, contractorUser } = await workFixture(client)
    const second = await addMember(org, 'contractor')
    const other = (
      await call(client, org, 'post', '/contractors', {
        name: 'Toitures Dupont',
        email: 'info@dupont.test',
        userId: second.userId,
      })
    ).body()
    ;(
      await call(client, org, 'post', '/contractors', { name: 'Dup', email: 'info@dupont.test' })
    ).assertStatus(409)
    const mine = (
      await call(client, contractorUser, 'post', '/work-reports', {
        buildingId: building.id,
        contractorId: contractor.id,
        title: 'Entretien',
        description: 'Contrôle annuel',
        workDate: '2026-10-01',
        hoursWorked: 1,
      })
    ).body()
    ;(await call(client, second, 'get', `/work-reports/${mine.id}`)).assertStatus(404)
    ;(await call(client, second, 'get', `/contractors/${contractor.id}/work-reports`)).assertStatus(
      404
    )
    assert.equal(
      (await call(client, second, 'get', `/contractors/${other.id}/work-reports`)).body().meta
        .total,
      0
    )
    assert.equal(
      (
        await call(client, contractorUser, 'get', `/contractors/${contractor.id}/work-reports`)
      ).body().meta.total,
      1
    )
    ;(
      await call(client, contractorUser, 'get', `/buildings/${building.id}/work-reports`)
    ).assertStatus(403)
    const foreign = await signupOrg(client, 'Autre')
    ;(await call(client, foreign, 'put', `/work-reports/${mine.id}/approve`)).assertStatus(404)
    ;(await call(client, foreign, 'get', `/contractors/${contractor.id}`)).assertStatus(404)
    ;(await call(client, contractorUser, 'delete', `/work-reports/${mine.id}`)).assertStatus(204)
    assert.lengthOf(await rowsOf('legal_work_reports', { id: mine.id }), 0)
    await setModule(client, org, 'legal', false)
    const off = await call(client, contractorUser, 'get', '/tickets')
    off.assertStatus(403)
    assert.equal(off.body().errors[0].code, 'E_MODULE_DISABLED')
  })

  test('photo thumbnails are made in the background (Chromium, WebP, never upscaled)', async ({
    client,
    assert,
  }) => {
    await drainQueues(['legal'])
    const worker = startTestWorker({ queues: ['legal'] })
    try {
      const { contractor, contractorUser, building } = await workFixture(client)
      const report = (
        await call(client, contractorUser, 'post', '/work-reports', {
          buildingId: building.id,
          contractorId: contractor.id,
          title: 'Photos',
          description: 'Avant / après',
          workDate: '2026-10-01',
          hoursWorked: 0,
        })
      ).body()
      const photo = await client
        .post(`/api/v1/work-reports/${report.id}/photos`)
        .bearerToken(contractorUser.token)
        .file('file', samplePng(), { filename: 'before.png' })
      photo.assertStatus(201)
      const job = await waitForJob('legal', `legal_photo_thumbnail_${photo.body().id}`, 30000)
      assert.equal(job.failedReason ?? null, null)
      const thumb = await client
        .get(`${photo.body().url}?size=thumb`)
        .bearerToken(contractorUser.token)
      thumb.assertStatus(200)
      assert.equal(thumb.header('content-type'), 'image/webp')
    } finally {
      await worker.close()
    }
  }).timeout(60000)
})
