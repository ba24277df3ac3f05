/* eslint-disable @unicorn/no-await-expression-member -- tests read answers inline */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { addMember, auditFor, createOwner, linkOwner } from '#tests/functional/buildings/helpers'
import { isPdf, pdfText, pdfToPng } from '#tests/helpers/pdf'
import { drainQueues } from '#tests/helpers/worker'
import { setFundsClock } from '../../services/funds/clock.js'
import { isValidStructuredCommunication } from '../../services/funds/structured_communication.js'
import { call, createDraftCall, fundsFixture, signupOrg } from './funds_helpers.js'

const owner = db.connection.bind(db)

test.group('Funds: calls for funds', (group) => {
  group.each.setup(async () => {
    setFundsClock('2026-01-10')
    await drainQueues(['accounting'])
    return () => setFundsClock(null)
  })

  test('a draft computes every owner’s line by the split rule (the preview), parts sum to the total', async ({
    client,
    assert,
  }) => {
    const { org, building, units, owners } = await fundsFixture(client, {
      quotas: [100, 200, 300, 400],
    })
    // Unit 1 (100/1000) is shared 50/50 with a second co-owner.
    const second = await createOwner(client, org, { firstName: 'Marie', lastName: 'Dupont' })
    const res0 = await call(client, org, 'get', `/units/${units[0].id}/owners`)
    const ownership = (res0.body().data ?? res0.body())[0]
    ;(
      await call(client, org, 'put', `/unit-owners/${ownership.id}`, { percentage: 50 })
    ).assertStatus(200)
    await linkOwner(client, org, units[0].id, second.id, {
      percentage: 50,
      startDate: '2020-01-01',
    })

    const draft = await createDraftCall(client, org, building.id)
    assert.equal(draft.status, 'draft')
    assert.equal(draft.totalAmount, '15000.00')
    assert.equal(draft.calledAmount, '15000.00')
    assert.equal(draft.unallocatedAmount, '0.00')
    assert.lengthOf(draft.lines, 5)
    const byOwner = Object.fromEntries(draft.lines.map((l: any) => [l.ownerId, l]))
    assert.equal(byOwner[owners[0].id].amount, '750.00')
    assert.equal(byOwner[second.id].amount, '750.00')
    assert.equal(byOwner[owners[0].id].ordinaryAmount, '500.00')
    assert.equal(byOwner[owners[0].id].extraordinaryAmount, '250.00')
    assert.equal(byOwner[owners[1].id].amount, '3000.00')
    assert.equal(byOwner[owners[3].id].amount, '6000.00')
    for (const l of draft.lines)
      assert.isTrue(
        isValidStructuredCommunication(l.structuredCommunication),
        l.structuredCommunication
      )
    const sum = draft.lines.reduce((a: number, l: any) => a + Math.round(Number(l.amount) * 100), 0)
    assert.equal(sum, 1500000)
    assert.includeMembers(
      (await auditFor(draft.id)).map((a) => a.action),
      ['accounting.call_for_funds.created']
    )
  })

  test('10.00 over three lots of quota 1 in a total of 3 → 3.33 / 3.33 / 3.34', async ({
    client,
    assert,
  }) => {
    const { org, building } = await fundsFixture(client, { quotas: [1, 1, 1], totalQuota: 3 })
    const draft = await createDraftCall(client, org, building.id, {
      ordinaryAmount: '10.00',
      extraordinaryAmount: 0,
    })
    assert.deepEqual(
      draft.lines.map((l: any) => l.amount),
      ['3.33', '3.33', '3.34']
    )
    assert.equal(draft.calledAmount, '10.00')
  })

  test('from a budget without amounts: budget ÷ periods, the last months absorbing the cents', async ({
    client,
    assert,
  }) => {
    const { org, building } = await fundsFixture(client, { quotas: [1000] })
    const budget = (
      await call(client, org, 'post', `/buildings/${building.id}/budgets`, {
        fiscalYear: 2026,
        ordinaryAmount: '10000.00',
        extraordinaryAmount: '1200.00',
      })
    ).body()
    const fromDraft = await call(client, org, 'post', `/buildings/${building.id}/call-for-funds`, {
      title: 'Provision janvier',
      period: 'monthly',
      periodStart: '2026-01-01',
      dueDate: '2026-01-15',
      budgetId: budget.id,
    })
    fromDraft.assertStatus(409)
    await call(client, org, 'put', `/budgets/${budget.id}/vote`, { votedAt: '2025-12-01' })
    const jan = await createDraftCall(client, org, building.id, {
      title: 'Janvier',
      period: 'monthly',
      periodStart: '2026-01-01',
      budgetId: budget.id,
      ordinaryAmount: undefined,
      extraordinaryAmount: undefined,
    })
    assert.equal(jan.ordinaryAmount, '833.33')
    assert.equal(jan.extraordinaryAmount, '100.00')
    const dec = await createDraftCall(client, org, building.id, {
      title: 'Décembre',
      period: 'monthly',
      periodStart: '2026-12-01',
      dueDate: '2026-12-15',
      budgetId: budget.id,
      ordinaryAmount: undefined,
      extraordinaryAmount: undefined,
    })
    assert.equal(dec.ordinaryAmount, '833.34')
    const q = await createDraftCall(client, org, building.id, {
      title: 'T2',
      period: 'quarterly',
      periodStart: '2026-04-01',
      budgetId: budget.id,
      ordinaryAmount: undefined,
      extraordinaryAmount: undefined,
    })
    assert.equal(q.ordinaryAmount, '2500.00')
    assert.equal(q.extraordinaryAmount, '300.00')
    const outside = await call(client, org, 'post', `/buildings/${building.id}/call-for-funds`, {
      title: 'X',
      period: 'monthly',
      periodStart: '2027-01-01',
      dueDate: '2027-01-15',
      budgetId: budget.id,
    })
    outside.assertStatus(422)
    assert.equal(outside.body().errors[0].field, 'periodStart')
  })

  test('send posts D 410 per owner / C 700–701, freezes the call and queues the delivery; 409 twice', async ({
    client,
    assert,
  }) => {
    const { org, building, owners } = await fundsFixture(client)
    const draft = await createDraftCall(client, org, building.id)
    const sent = await call(client, org, 'put', `/call-for-funds/${draft.id}/send`)
    sent.assertStatus(200)
    const body = sent.body()
    assert.equal(body.status, 'sent')
    assert.equal(body.bookedOn, '2026-01-10')
    assert.deepEqual(body.delivery, { status: 'queued', total: 4, done: 0, failed: 0 })
    const entry = (await call(client, org, 'get', `/journal-entries/${body.journalEntryId}`)).body()
    assert.equal(entry.type, 'call_for_funds')
    assert.equal(entry.date, '2026-01-10')
    const d410 = entry.lines.filter((l: any) => l.accountCode === '410')
    assert.lengthOf(d410, 4)
    assert.deepEqual(
      d410.map((l: any) => [l.ownerId, l.debit]).sort(),
      [
        [owners[0].id, '1500.00'],
        [owners[1].id, '3000.00'],
        [owners[2].id, '4500.00'],
        [owners[3].id, '6000.00'],
      ].sort()
    )
    assert.equal(entry.lines.find((l: any) => l.accountCode === '700').credit, '10000.00')
    assert.equal(entry.lines.find((l: any) => l.accountCode === '701').credit, '5000.00')
    assert.equal(entry.totalDebit, '15000.00')
    const again = await call(client, org, 'put', `/call-for-funds/${draft.id}/send`)
    again.assertStatus(409)
    assert.equal(again.body().errors[0].code, 'E_INVALID_STATE')
    ;(await call(client, org, 'delete', `/call-for-funds/${draft.id}`)).assertStatus(409)
    const job = await db.connection().rawQuery('select 1') // keep the connection warm
    assert.exists(job)
  })

  test('send without the building’s IBAN → 422 and nothing posted', async ({ client, assert }) => {
    const { org, building } = await fundsFixture(client, { iban: false })
    const draft = await createDraftCall(client, org, building.id)
    const res = await call(client, org, 'put', `/call-for-funds/${draft.id}/send`)
    res.assertStatus(422)
    assert.equal(res.body().errors[0].field, 'iban')
    const rows = await owner('owner').rawQuery(
      'select status, journal_entry_id from accounting_calls_for_funds where id = ?',
      [draft.id]
    )
    assert.equal(rows.rows[0].status, 'draft')
    assert.isNull(rows.rows[0].journal_entry_id)
  })

  test('mark-paid records every open line (D 550 / C 410) → paid; drafts cannot be marked (409)', async ({
    client,
    assert,
  }) => {
    const { org, building } = await fundsFixture(client)
    const draft = await createDraftCall(client, org, building.id)
    ;(await call(client, org, 'put', `/call-for-funds/${draft.id}/mark-paid`, {})).assertStatus(409)
    await call(client, org, 'put', `/call-for-funds/${draft.id}/send`)
    const paid = await call(client, org, 'put', `/call-for-funds/${draft.id}/mark-paid`, {
      date: '2026-01-20',
      method: 'transfer',
    })
    paid.assertStatus(200)
    assert.equal(paid.body().status, 'paid')
    assert.equal(paid.body().outstandingAmount, '0.00')
    assert.isTrue(paid.body().lines.every((l: any) => l.paidAmount === l.amount))
    ;(await call(client, org, 'put', `/call-for-funds/${draft.id}/mark-paid`, {})).assertStatus(409)
    const payments = (await call(client, org, 'get', `/buildings/${building.id}/payments`)).body()
    assert.equal(payments.meta.total, 4)
    const balance = (
      await call(client, org, 'get', `/buildings/${building.id}/journal-entries/balance`)
    ).body()
    const acc = (code: string) =>
      (balance.accounts ?? balance.data ?? []).find((a: any) => a.accountCode === code)
    assert.equal(acc('550')?.balance, '15000.00')
    assert.equal(acc('410')?.balance ?? '0.00', '0.00')
  })

  test('delete only a draft (204); 422 on bad input; 404 cross-organisation; roles', async ({
    client,
    assert,
  }) => {
    const { org, building } = await fundsFixture(client)
    const other = await signupOrg(client, 'Other')
    const draft = await createDraftCall(client, org, building.id)
    ;(await call(client, other, 'get', `/call-for-funds/${draft.id}`)).assertStatus(404)
    ;(await call(client, other, 'put', `/call-for-funds/${draft.id}/send`)).assertStatus(404)
    ;(await call(client, other, 'delete', `/call-for-funds/${draft.id}`)).assertStatus(404)
    ;(
      await call(
        client,
        other,
        'get',
        `/call-for-funds/${draft.id}/owners/${draft.lines[0].ownerId}/pdf`
      )
    ).assertStatus(404)
    ;(await call(client, org, 'get', '/call-for-funds/123')).assertStatus(404)
    const council = await addMember(org, 'board_member')
    ;(await call(client, council, 'get', `/call-for-funds/${draft.id}`)).assertStatus(200)
    ;(await call(client, council, 'put', `/call-for-funds/${draft.id}/send`)).assertStatus(403)
    const bad = await call(client, org, 'post', `/buildings/${building.id}/call-for-funds`, {
      title: '',
      period: 'weekly',
      periodStart: '2026-13-01',
      dueDate: 'tomorrow',
      ordinaryAmount: 'abc',
    })
    bad.assertStatus(422)
    assert.includeMembers(
      bad.body().errors.map((e: any) => e.field),
      ['title', 'period', 'periodStart', 'dueDate', 'ordinaryAmount']
    )
    const none = await call(client, org, 'post', `/buildings/${building.id}/call-for-funds`, {
      title: 'Rien',
      period: 'one_time',
      periodStart: '2026-01-01',
      dueDate: '2026-01-31',
    })
    none.assertStatus(422)
    ;(await call(client, org, 'delete', `/call-for-funds/${draft.id}`)).assertStatus(204)
    ;(await call(client, org, 'get', `/call-for-funds/${draft.id}`)).assertStatus(404)
  })

  test('an owner’s PDF: lot, quota, split, due date, IBAN, structured communication', async ({
    client,
    assert,
  }) => {
    const { org, building, owners } = await fundsFixture(client)
    const draft = await createDraftCall(client, org, building.id)
    await call(client, org, 'put', `/call-for-funds/${draft.id}/send`)
    const res = await call(
      client,
      org,
      'get',
      `/call-for-funds/${draft.id}/owners/${owners[0].id}/pdf`
    )
    res.assertStatus(200)
    assert.equal(res.header('content-type'), 'application/pdf')
    const pdf = Buffer.from(
      res.body() instanceof Buffer ? res.body() : res.text(),
      res.body() instanceof Buffer ? undefined : 'binary'
    )
    assert.isTrue(isPdf(pdf))
    const text = await pdfText(pdf)
    const line = draft.lines.find((l: any) => l.ownerId === owners[0].id)
    assert.include(text, 'Appel de fonds')
    assert.include(text, '100 / 1000')
    await pdfToPng(pdf, 'funds-call-owner-pdf')
    const flat = text.replace(/[\u202f\u00a0]/g, ' ')
    assert.include(flat, '500,00')
    assert.include(flat, '1 500,00')
    assert.include(text, 'BE68 5390 0754 7034')
    assert.include(text, line.structuredCommunication)
    assert.include(text, '31 janvier 2026')
  })
})
