/* eslint-disable @unicorn/no-await-expression-member -- tests read answers inline */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { addMember, auditFor, signupOrg } from '#tests/functional/buildings/helpers'
import { samplePdf, samplePng } from '#tests/helpers/sample_files'
import { withTenant } from '#tenancy/tenant_context'
import personalDataRegistry from '#gdpr/personal_data_registry'
import { runInspectionAlerts } from '../../services/inspection_service.js'
import { call, legalFixture, rowsOf, setModule } from './helpers.js'

test.group('legal: registers', () => {
  test('CRUD of the four registers with money as decimal strings', async ({ client, assert }) => {
    const { org, building, owner } = await legalFixture(client)
    const created = await call(client, org, 'post', `/buildings/${building.id}/disputes`, {
      kind: 'dispute',
      title: 'Charges impayées lot B2',
      ownerId: owner.id,
      amountClaimed: 2310.4,
      openedOn: '2026-05-04',
    })
    created.assertStatus(201)
    assert.equal(created.body().amountClaimed, '2310.40')
    assert.equal(created.body().status, 'open')
    const id = created.body().id
    const updated = await call(client, org, 'put', `/disputes/${id}`, {
      status: 'settled',
      closedOn: '2026-06-01',
    })
    updated.assertStatus(200)
    assert.equal(updated.body().status, 'settled')
    ;(await call(client, org, 'put', `/disputes/${id}`, { closedOn: '2026-01-01' })).assertStatus(
      422
    )
    ;(await call(client, org, 'get', `/disputes/${id}`)).assertStatus(200)
    assert.equal(
      (await call(client, org, 'get', `/buildings/${building.id}/disputes?status=settled`)).body()
        .meta.total,
      1
    )
    ;(
      await call(client, org, 'get', `/buildings/${building.id}/disputes?status=nope`)
    ).assertStatus(422)

    const contract = await call(
      client,
      org,
      'post',
      `/buildings/${building.id}/insurance-contracts`,
      {
        insurer: 'Ethias',
        policyNumber: 'P-1',
        cover: 'Incendie',
        premium: '1200',
        renewalDate: '2027-01-01',
      }
    )
    contract.assertStatus(201)
    const claim = await call(client, org, 'post', `/buildings/${building.id}/insurance-claims`, {
      insuranceContractId: contract.body().id,
      claimDate: '2026-02-10',
      description: 'Dégât des eaux cage d’escalier',
      amount: '3400.00',
    })
    claim.assertStatus(201)
    assert.equal(claim.body().amount, '3400.00')
    ;(
      await call(client, org, 'post', `/buildings/${building.id}/insurance-claims`, {
        claimDate: '2026-02-10',
        description: 'x',
        amount: '12.345',
      })
    ).assertStatus(422)
    const service = await call(client, org, 'post', `/buildings/${building.id}/service-contracts`, {
      supplier: 'Schindler',
      object: 'Entretien ascenseur',
      startDate: '2025-01-01',
      noticePeriodDays: 90,
      amount: '2150.00',
    })
    service.assertStatus(201)
    ;(await call(client, org, 'delete', `/service-contracts/${service.body().id}`)).assertStatus(
      204
    )
    ;(await call(client, org, 'get', `/service-contracts/${service.body().id}`)).assertStatus(404)
    // Deleting the contract keeps the claim (its link is cleared).
    ;(await call(client, org, 'delete', `/insurance-contracts/${contract.body().id}`)).assertStatus(
      204
    )
    assert.isNull(
      (await call(client, org, 'get', `/insurance-claims/${claim.body().id}`)).body()
        .insuranceContractId
    )
    assert.equal((await auditFor(id))[0].action, 'legal.dispute.updated')

    const other = await signupOrg(client, 'Autre')
    ;(await call(client, other, 'put', `/disputes/${id}`, { title: 'pirate' })).assertStatus(404)
    ;(await call(client, other, 'get', `/buildings/${building.id}/disputes`)).assertStatus(404)
    const [row] = await rowsOf('legal_disputes', { id })
    assert.equal(row.title, 'Charges impayées lot B2')
    const boardMember = await addMember(org, 'board_member')
    ;(await call(client, boardMember, 'get', `/disputes/${id}`)).assertStatus(200)
    ;(await call(client, boardMember, 'delete', `/disputes/${id}`)).assertStatus(403)
  })

  test('GDPR: a co-owner party to an open dispute cannot be erased yet', async ({
    client,
    assert,
  }) => {
    const { org, building, owner } = await legalFixture(client)
    await call(client, org, 'post', `/buildings/${building.id}/disputes`, {
      kind: 'legal_proceeding',
      title: 'Recouvrement de charges',
      ownerId: owner.id,
      openedOn: '2026-05-04',
    })
    const contributor = personalDataRegistry.all().find((c) => c.key === 'legal')!
    const subject = {
      userId: org.userId,
      email: owner.email,
      organisationId: org.organisationId,
      ownerIds: [owner.id],
    }
    const blockers = await withTenant(org.organisationId, (trx) =>
      contributor.eraseBlockers!(subject, trx)
    )
    assert.lengthOf(blockers, 1)
    assert.include(blockers[0], 'open legal procedure')
    const exported = await withTenant(org.organisationId, (trx) => contributor.export(subject, trx))
    assert.lengthOf(exported.legal_disputes_party, 1)
  })
})

test.group('legal: technical inspections', () => {
  test('schedule → start → complete: validUntil from the periodicity; 409 on wrong transitions', async ({
    client,
    assert,
  }) => {
    const { org, building } = await legalFixture(client)
    const created = await call(
      client,
      org,
      'post',
      `/buildings/${building.id}/technical-inspections`,
      {
        type: 'fire_safety',
        scheduledDate: '2026-03-10',
        inspector: { name: 'Luc Martin', company: 'Vinçotte', accreditation: 'BELAC 123' },
      }
    )
    created.assertStatus(201)
    assert.equal(created.body().status, 'scheduled')
    const id = created.body().id
    ;(await call(client, org, 'put', `/technical-inspections/${id}/start`)).assertStatus(200)
    ;(await call(client, org, 'put', `/technical-inspections/${id}/start`)).assertStatus(409)
    ;(await call(client, org, 'delete', `/technical-inspections/${id}`)).assertStatus(409)
    const done = await call(client, org, 'put', `/technical-inspections/${id}/complete`, {
      result: 'passed',
      inspectionDate: '2026-03-10',
      certificateNumber: 'VC-2026-0042',
    })
    done.assertStatus(200)
    assert.equal(done.body().validUntil, '2029-03-10')
    ;(
      await call(client, org, 'put', `/technical-inspections/${id}/complete`, { result: 'passed' })
    ).assertStatus(409)
    ;(
      await call(client, org, 'post', `/buildings/${building.id}/technical-inspections`, {
        type: 'boiler',
        scheduledDate: '2026-13-01',
      })
    ).assertStatus(422)

    // Certificate: a PDF by its magic bytes, not a PNG renamed .pdf.
    const png = await client
      .post(`/api/v1/technical-inspections/${id}/certificate`)
      .bearerToken(org.token)
      .file('file', samplePng(), { filename: 'certificate.pdf' })
    png.assertStatus(422)
    const pdf = await client
      .post(`/api/v1/technical-inspections/${id}/certificate`)
      .bearerToken(org.token)
      .file('file', samplePdf('Attestation'), { filename: 'attestation.pdf' })
    pdf.assertStatus(200)
    assert.isString(pdf.body().certificateDocumentId)

    const board = (
      await call(client, org, 'get', `/buildings/${building.id}/technical-inspections/compliance`)
    ).body().data
    const fire = board.find((b: any) => b.type === 'fire_safety')
    assert.equal(fire.status, 'ok')
    assert.equal(board.find((b: any) => b.type === 'peb').status, 'never_done')
    const upcoming = await call(
      client,
      org,
      'get',
      `/buildings/${building.id}/technical-inspections/upcoming?days=90`
    )
    upcoming.assertStatus(200)
    const types = upcoming.body().data.map((e: any) => e.type)
    assert.include(types, 'elevator') // never inspected: listed
    assert.notInclude(types, 'fire_safety')
    ;(
      await call(
        client,
        org,
        'get',
        `/buildings/${building.id}/technical-inspections/upcoming?days=0`
      )
    ).assertStatus(422)
  })

  test('expired certificates and the alerts job: 90/60/30 days once each, even run twice or late', async ({
    client,
    assert,
  }) => {
    const { org, building } = await legalFixture(client)
    const make = async (type: string, validUntil: string, inspectionDate: string) => {
      const id = (
        await call(client, org, 'post', `/buildings/${building.id}/technical-inspections`, {
          type,
          scheduledDate: inspectionDate,
        })
      ).body().id
      await call(client, org, 'put', `/technical-inspections/${id}/complete`, {
        result: 'passed',
        inspectionDate,
        validUntil,
      })
      return id
    }
    await make('elevator', '2025-01-31', '2024-01-31')
    const expired = await call(
      client,
      org,
      'get',
      `/buildings/${building.id}/technical-inspections/expired`
    )
    assert.deepEqual(
      expired.body().data.map((e: any) => e.type),
      ['elevator']
    )

    await make('peb', '2031-06-30', '2021-06-30')
    const run = (today: string) => withTenant(org.organisationId, () => runInspectionAlerts(today))
    assert.equal((await run('2031-03-01')).sent, 0) // 121 days before
    assert.equal((await run('2031-04-01')).sent, 1) // 90-day alert
    assert.equal((await run('2031-04-01')).sent, 0) // twice: once
    assert.equal((await run('2031-05-15')).sent, 1) // 60
    // Late run: the job did not run between 30 days and now; one alert, never a second one.
    assert.equal((await run('2031-06-10')).sent, 1)
    assert.equal((await run('2031-06-11')).sent, 0)
    const alerts = await db
      .connection('owner')
      .from('legal_inspection_alerts')
      .where('organisation_id', org.organisationId)
    assert.deepEqual(alerts.map((a: any) => a.threshold_days).sort(), [30, 60, 90])
    const notes = await db
      .connection('owner')
      .from('notifications')
      .where('organisation_id', org.organisationId)
      .where('type', 'legal.inspection_expiring')
    assert.isAtLeast(notes.length, 3)
  })

  test('module off, roles and other organisation', async ({ client }) => {
    const { org, building } = await legalFixture(client)
    const id = (
      await call(client, org, 'post', `/buildings/${building.id}/technical-inspections`, {
        type: 'gas',
        scheduledDate: '2026-09-01',
      })
    ).body().id
    const owner = await addMember(org, 'owner')
    ;(await call(client, owner, 'get', `/technical-inspections/${id}`)).assertStatus(403)
    const other = await signupOrg(client, 'Autre')
    ;(await call(client, other, 'delete', `/technical-inspections/${id}`)).assertStatus(404)
    await setModule(client, org, 'legal', false)
    ;(await call(client, org, 'get', `/technical-inspections/${id}`)).assertStatus(403)
  })
})
