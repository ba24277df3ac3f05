/* eslint-disable @unicorn/no-await-expression-member -- tests read answers inline */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { addMember, auditFor, signupOrg } from '#tests/functional/buildings/helpers'
import { startSmtpSink, type SmtpSink } from '#tests/helpers/smtp_sink'
import { isPdf, pdfText } from '#tests/helpers/pdf'
import { withTenant } from '#tenancy/tenant_context'
import { etatDateFinancials } from '#modules/accounting/index'
import { addWorkingDays, todayInBrussels } from '../../services/working_days.js'
import { runEtatDateDeadlines } from '../../services/etat_date_service.js'
import { call, legalFixture, requestBody, rowsOf, setModule } from './helpers.js'

test.group('legal: état daté', (group) => {
  let sink: SmtpSink
  group.setup(async () => {
    sink = await startSmtpSink()
    return () => sink.close()
  })

  test('request → due in 15 working days, with daysRemaining and overdue', async ({
    client,
    assert,
  }) => {
    const { org, unit, building } = await legalFixture(client)
    const res = await call(client, org, 'post', `/units/${unit.id}/etat-date`, requestBody())
    res.assertStatus(201)
    const body = res.body()
    assert.equal(body.status, 'requested')
    assert.equal(body.requestDate, todayInBrussels())
    assert.equal(body.dueDate, addWorkingDays(todayInBrussels(), 15))
    assert.equal(body.daysRemaining, 15)
    assert.isFalse(body.overdue)
    assert.equal(body.requestedBy.notaryEmail, 'anne.lambert@notaire.test')
    const list = await call(client, org, 'get', `/buildings/${building.id}/etat-dates`)
    list.assertStatus(200)
    assert.equal(list.body().meta.total, 1)
    assert.equal(list.body().data[0].daysRemaining, 15)
    const audits = await auditFor(body.id)
    assert.equal(audits[0].action, 'legal.etat_date.requested')
  })

  test('422 field errors, 404 unknown or malformed unit', async ({ client, assert }) => {
    const { org, unit } = await legalFixture(client)
    const bad = await call(client, org, 'post', `/units/${unit.id}/etat-date`, {
      requestedBy: { notaryName: '', notaryEmail: 'nope' },
      saleDate: '2026-02-31',
    })
    bad.assertStatus(422)
    const fields = bad.body().errors.map((e: any) => e.field)
    assert.includeMembers(fields, ['requestedBy.notaryName', 'requestedBy.notaryEmail', 'saleDate'])
    ;(
      await call(
        client,
        org,
        'post',
        `/units/00000000-0000-4000-8000-000000000000/etat-date`,
        requestBody()
      )
    ).assertStatus(404)
    ;(await call(client, org, 'get', `/etat-dates/not-a-uuid`)).assertStatus(404)
    ;(await call(client, org, 'get', `/etat-dates?status=lost`)).assertStatus(422)
    ;(await call(client, org, 'get', `/etat-dates?overdue=maybe`)).assertStatus(422)
    ;(await call(client, org, 'get', `/etat-dates?perPage=500`)).assertStatus(422)
    const id = (
      await call(client, org, 'post', `/units/${unit.id}/etat-date`, requestBody())
    ).body().id
    ;(await call(client, org, 'get', `/etat-dates/${id}/snapshot?version=abc`)).assertStatus(422)
    ;(await call(client, org, 'get', `/etat-dates/${id}/snapshot`)).assertStatus(404)
    ;(await call(client, org, 'put', `/etat-dates/${id}/deliver`)).assertStatus(409)
    assert.equal((await call(client, org, 'get', `/etat-dates?overdue=false`)).body().meta.total, 1)
  })

  test('generate → 16 sections, versioned snapshot, PDF; deliver e-mails the PDF; cancel after delivery is 409', async ({
    client,
    assert,
  }) => {
    const { org, unit, building } = await legalFixture(client)
    // Registers feed sections 7, 8, 9, 12, 13.
    ;(
      await call(client, org, 'post', `/buildings/${building.id}/disputes`, {
        kind: 'legal_proceeding',
        title: 'Infiltrations toiture — entrepreneur Bati-Sud',
        counterparty: 'Bati-Sud SRL',
        court: 'Justice de paix d’Ixelles',
        caseNumber: '26A1234',
        amountClaimed: '18500.00',
        openedOn: '2026-03-02',
      })
    ).assertStatus(201)
    ;(
      await call(client, org, 'post', `/buildings/${building.id}/insurance-contracts`, {
        insurer: 'AG Insurance',
        policyNumber: 'INC-88-2231',
        cover: 'Incendie et périls connexes, valeur à neuf',
        premium: 4210.5,
        renewalDate: '2027-01-01',
      })
    ).assertStatus(201)
    const created = await call(
      client,
      org,
      'post',
      `/units/${unit.id}/etat-date`,
      requestBody({ locale: 'nl' })
    )
    const id = created.body().id

    ;(await call(client, org, 'get', `/etat-dates/${id}/pdf`)).assertStatus(409)
    const gen = await call(client, org, 'put', `/etat-dates/${id}/generate`)
    gen.assertStatus(200)
    assert.equal(gen.body().status, 'generated')
    assert.equal(gen.body().currentVersion, 1)

    const snap = (await call(client, org, 'get', `/etat-dates/${id}/snapshot`)).body()
    assert.lengthOf(snap.sections, 16)
    assert.deepEqual(
      snap.sections.map((s: any) => s.number),
      Array.from({ length: 16 }, (_, i) => i + 1)
    )
    assert.equal(snap.sections[0].data.unit.number, 'A3')
    assert.equal(snap.sections[1].data.ordinary.fraction, '125/1000')
    assert.equal(snap.sections[7].data.items[0].amountClaimed, '18500.00')
    assert.equal(snap.sections[11].data.items[0].premium, '4210.50')
    assert.deepEqual(snap.sections[10].data.items, [])
    // Sections 3–6, 14, 15: exactly what the ledger answers for this unit on that day.
    const ledger = await withTenant(org.organisationId, () =>
      etatDateFinancials({ buildingId: building.id, unitId: unit.id, asOf: snap.asOf })
    )
    for (const n of [3, 4, 5, 6, 14, 15]) assert.isTrue(snap.sections[n - 1].available)
    assert.deepEqual(snap.sections[2].data.ownerBalance, ledger.ownerBalance)
    assert.deepEqual(snap.sections[3].data.provisions, ledger.provisions)
    assert.equal(snap.sections[4].data.balanceDue, ledger.balanceDue)
    assert.deepEqual(snap.sections[5].data.works, ledger.worksVotedNotCalled)
    assert.deepEqual(snap.sections[14].data.reserveFund, ledger.reserveFund)

    // Regenerating keeps the previous version.
    ;(await call(client, org, 'put', `/etat-dates/${id}/generate`)).assertStatus(200)
    const versions = (await call(client, org, 'get', `/etat-dates/${id}/versions`)).body().data
    assert.deepEqual(
      versions.map((v: any) => v.version),
      [2, 1]
    )

    const pdf = await call(client, org, 'get', `/etat-dates/${id}/pdf`)
    pdf.assertStatus(200)
    assert.equal(pdf.header('content-type'), 'application/pdf')

    const delivered = await call(client, org, 'put', `/etat-dates/${id}/deliver`, {
      message: 'Bien à vous.',
    })
    delivered.assertStatus(200)
    assert.equal(delivered.body().status, 'delivered')
    assert.isNotNull(delivered.body().deliveryMessageId)
    const mail = await sink.waitFor((m) => m.to.includes('anne.lambert@notaire.test'))
    assert.include(mail.subject, 'Stand van zaken')
    assert.match(mail.raw, /Content-Type: application\/pdf/i)
    assert.match(mail.raw, /filename="?etat-date-VTE-2026-118-v2\.pdf/)
    // The attachment is the PDF (base64 of "%PDF-" starts with JVBERi0).
    assert.include(mail.raw, 'JVBERi0')

    const [row] = await rowsOf('legal_etat_dates', { id })
    assert.equal(row.delivered_by, org.userId)
    assert.isNotNull(row.delivered_at)
    const validUntil = new Date(row.valid_until)
    assert.equal(
      Math.round(
        (validUntil.getTime() - new Date(todayInBrussels() + 'T00:00:00').getTime()) / 86400000
      ),
      90
    )

    const cancel = await call(client, org, 'delete', `/etat-dates/${id}`)
    cancel.assertStatus(409)
    assert.equal(cancel.body().errors[0].code, 'E_INVALID_STATE')
    ;(await call(client, org, 'put', `/etat-dates/${id}/generate`)).assertStatus(409)
    ;(await call(client, org, 'put', `/etat-dates/${id}/deliver`)).assertStatus(409)
    const actions = (await auditFor(id)).map((a) => a.action)
    assert.includeMembers(actions, [
      'legal.etat_date.requested',
      'legal.etat_date.generated',
      'legal.etat_date.delivered',
    ])
  }).timeout(60000)

  test('the PDF has the numbered sections in the notary language; accounting off → "no accounting kept"', async ({
    client,
    assert,
  }) => {
    const { org, unit } = await legalFixture(client)
    await setModule(client, org, 'accounting', false)
    const id = (
      await call(client, org, 'post', `/units/${unit.id}/etat-date`, requestBody())
    ).body().id
    ;(await call(client, org, 'put', `/etat-dates/${id}/generate`)).assertStatus(200)
    const snap = (await call(client, org, 'get', `/etat-dates/${id}/snapshot`)).body()
    for (const n of [3, 4, 5, 6, 14, 15]) {
      assert.isFalse(snap.sections[n - 1].available, `section ${n}`)
      assert.equal(snap.sections[n - 1].data.reason, 'module_disabled')
    }
    const stored = await withTenant(org.organisationId, async (trx) => {
      const r = await trx.from('legal_etat_dates').where('id', id).first()
      const drive = (await import('@adonisjs/drive/services/main')).default
      return Buffer.from(await drive.use().getBytes(r.pdf_storage_key))
    })
    assert.isTrue(isPdf(stored))
    const text = await pdfText(stored)
    assert.include(text, '1. Identification de l’immeuble et du lot')
    assert.include(text, '16. Coordonnées du syndic')
    assert.include(text, 'Aucune comptabilité n’est tenue dans cette plateforme')
    assert.include(text, 'Marie Dubois')
    assert.match(text, /VTE-2026-118 — v1\s+1\s*\/\s*\d/)
  }).timeout(60000)

  test('cancel before delivery; roles; module off; other organisation', async ({
    client,
    assert,
  }) => {
    const { org, unit } = await legalFixture(client)
    const id = (
      await call(client, org, 'post', `/units/${unit.id}/etat-date`, requestBody())
    ).body().id
    const accountant = await addMember(org, 'accountant')
    ;(await call(client, accountant, 'get', `/etat-dates/${id}`)).assertStatus(200)
    const denied = await call(client, accountant, 'delete', `/etat-dates/${id}`)
    denied.assertStatus(403)
    const owner = await addMember(org, 'owner')
    ;(await call(client, owner, 'get', `/etat-dates/${id}`)).assertStatus(403)

    const other = await signupOrg(client, 'Autre syndic')
    ;(await call(client, other, 'get', `/etat-dates/${id}`)).assertStatus(404)
    ;(await call(client, other, 'delete', `/etat-dates/${id}`)).assertStatus(404)
    ;(await call(client, other, 'post', `/units/${unit.id}/etat-date`, requestBody())).assertStatus(
      404
    )
    const [still] = await rowsOf('legal_etat_dates', { id })
    assert.equal(still.status, 'requested')

    ;(await call(client, org, 'delete', `/etat-dates/${id}`)).assertStatus(204)
    ;(await call(client, org, 'delete', `/etat-dates/${id}`)).assertStatus(409)

    await setModule(client, org, 'legal', false)
    const off = await call(client, org, 'get', `/etat-dates/${id}`)
    off.assertStatus(403)
    assert.equal(off.body().errors[0].code, 'E_MODULE_DISABLED')
  })

  test('deadline job: 5 and 2 working days left and overdue, once each; expiry after 90 days', async ({
    client,
    assert,
  }) => {
    const { org, unit } = await legalFixture(client)
    const id = (
      await call(client, org, 'post', `/units/${unit.id}/etat-date`, requestBody())
    ).body().id
    await db.connection('owner').from('legal_etat_dates').where('id', id).update({
      request_date: '2027-04-26',
      due_date: '2027-05-19',
    })
    const run = (today: string) => withTenant(org.organisationId, () => runEtatDateDeadlines(today))
    assert.deepInclude(await run('2027-05-10'), { reminded5: 0, reminded2: 0, overdue: 0 })
    assert.deepInclude(await run('2027-05-11'), { reminded5: 1 }) // 5 working days left
    assert.deepInclude(await run('2027-05-11'), { reminded5: 0 }) // twice the same day: once
    assert.deepInclude(await run('2027-05-14'), { reminded2: 1 }) // Whit Monday skipped: 2 left
    assert.deepInclude(await run('2027-05-20'), { overdue: 1 })
    assert.deepInclude(await run('2027-05-21'), { overdue: 0 })
    const notes = await db
      .connection('owner')
      .from('notifications')
      .where('organisation_id', org.organisationId)
      .whereIn('type', ['legal.etat_date_due_soon', 'legal.etat_date_overdue'])
    assert.lengthOf(notes, 3)

    await db.connection('owner').from('legal_etat_dates').where('id', id).update({
      status: 'delivered',
      valid_until: '2027-08-18',
    })
    assert.deepInclude(await run('2027-08-18'), { expired: 0 })
    assert.deepInclude(await run('2027-08-19'), { expired: 1 })
    const [row] = await rowsOf('legal_etat_dates', { id })
    assert.equal(row.status, 'expired')
  })
})
