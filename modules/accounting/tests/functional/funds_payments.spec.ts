/* eslint-disable @unicorn/no-await-expression-member -- tests read answers inline */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { addMember, auditFor } from '#tests/functional/buildings/helpers'
import { drainQueues } from '#tests/helpers/worker'
import { setFundsClock } from '../../services/funds/clock.js'
import { call, createDraftCall, fundsFixture, signupOrg } from './funds_helpers.js'

test.group('Funds: payments, balance, statement', (group) => {
  group.each.setup(async () => {
    setFundsClock('2026-01-10')
    await drainQueues(['accounting'])
    return () => setFundsClock(null)
  })

  test('a payment posts D 550 / C 410 and is allocated to the oldest open lines; the rest is credit', async ({
    client,
    assert,
  }) => {
    const { org, building, owners } = await fundsFixture(client, { quotas: [100, 900] })
    const q1 = await createDraftCall(client, org, building.id, {
      title: 'T1',
      dueDate: '2026-01-31',
    })
    await call(client, org, 'put', `/call-for-funds/${q1.id}/send`)
    setFundsClock('2026-04-01')
    const q2 = await createDraftCall(client, org, building.id, {
      title: 'T2',
      periodStart: '2026-04-01',
      dueDate: '2026-04-30',
    })
    await call(client, org, 'put', `/call-for-funds/${q2.id}/send`)
    // Owner 1 owes 1,500.00 per quarter: pays 2,000.00 → T1 paid, 500.00 on T2.
    const res = await call(client, org, 'post', `/buildings/${building.id}/payments`, {
      ownerId: owners[0].id,
      amount: '2000.00',
      date: '2026-04-02',
      method: 'transfer',
      reference: '+++123/4567/89012+++',
    })
    res.assertStatus(201)
    const payment = res.body()
    assert.equal(payment.amount, '2000.00')
    assert.equal(payment.allocatedAmount, '2000.00')
    assert.equal(payment.unallocatedAmount, '0.00')
    assert.deepEqual(
      payment.allocations.map((a: any) => [a.callTitle, a.amount]),
      [
        ['T1', '1500.00'],
        ['T2', '500.00'],
      ]
    )
    const entry = (
      await call(client, org, 'get', `/journal-entries/${payment.journalEntryId}`)
    ).body()
    assert.equal(entry.type, 'payment_received')
    assert.deepEqual(
      entry.lines.map((l: any) => [l.accountCode, l.debit, l.credit, l.ownerId]),
      [
        ['550', '2000.00', '0.00', null],
        ['410', '0.00', '2000.00', owners[0].id],
      ]
    )
    assert.includeMembers(
      (await auditFor(payment.id)).map((a) => a.action),
      ['accounting.payment.recorded']
    )

    const t1 = (await call(client, org, 'get', `/call-for-funds/${q1.id}`)).body()
    assert.equal(t1.lines.find((l: any) => l.ownerId === owners[0].id).outstandingAmount, '0.00')
    const balance = (await call(client, org, 'get', `/owners/${owners[0].id}/balance`)).body()
    assert.equal(balance.called, '3000.00')
    assert.equal(balance.paid, '2000.00')
    assert.equal(balance.balance, '1000.00')

    // 1,200.00 more: 1,000.00 settles T2, 200.00 stays as credit for the next call.
    const more = (
      await call(client, org, 'post', `/buildings/${building.id}/payments`, {
        ownerId: owners[0].id,
        amount: 1200,
        date: '2026-04-20',
        method: 'sepa_direct_debit',
      })
    ).body()
    assert.equal(more.unallocatedAmount, '200.00')
    setFundsClock('2026-07-01')
    const q3 = await createDraftCall(client, org, building.id, {
      title: 'T3',
      periodStart: '2026-07-01',
      dueDate: '2026-07-31',
    })
    const sent = (await call(client, org, 'put', `/call-for-funds/${q3.id}/send`)).body()
    assert.equal(sent.lines.find((l: any) => l.ownerId === owners[0].id).paidAmount, '200.00')

    const statement = (await call(client, org, 'get', `/owners/${owners[0].id}/statement`)).body()
    assert.deepEqual(
      statement.movements.map((m: any) => [m.date, m.type, m.debit, m.credit, m.balance]),
      [
        ['2026-01-10', 'call_for_funds', '1500.00', '0.00', '1500.00'],
        ['2026-04-01', 'call_for_funds', '1500.00', '0.00', '3000.00'],
        ['2026-04-02', 'payment', '0.00', '2000.00', '1000.00'],
        ['2026-04-20', 'payment', '0.00', '1200.00', '-200.00'],
        ['2026-07-01', 'call_for_funds', '1500.00', '0.00', '1300.00'],
      ]
    )
    assert.equal(statement.closingBalance, '1300.00')
    const from = (
      await call(client, org, 'get', `/owners/${owners[0].id}/statement?from=2026-04-02`)
    ).body()
    assert.equal(from.openingBalance, '3000.00')
    assert.lengthOf(from.movements, 3)
    // The ledger agrees: 410 of that owner.
    const tb = await db
      .connection('owner')
      .rawQuery(
        `select sum(debit) - sum(credit) as b from accounting_journal_lines where owner_id = ? and account_code = '410'`,
        [owners[0].id]
      )
    assert.equal(Number(tb.rows[0].b).toFixed(2), '1300.00')
  })

  test('410 movements posted outside calls and payments (opening balance) count in the balance and statement', async ({
    client,
    assert,
  }) => {
    const { org, building, owners } = await fundsFixture(client, { quotas: [1000] })
    const opening = await call(client, org, 'post', `/buildings/${building.id}/journal-entries`, {
      date: '2026-01-02',
      journal: 'misc',
      type: 'manual',
      description: 'Reprise du solde de l’ancien syndic',
      lines: [
        { accountCode: '410', debit: '321.00', ownerId: owners[0].id },
        { accountCode: '100', credit: '321.00' },
      ],
    })
    opening.assertStatus(201)
    const draft = await createDraftCall(client, org, building.id, {
      ordinaryAmount: '1000',
      extraordinaryAmount: 0,
    })
    await call(client, org, 'put', `/call-for-funds/${draft.id}/send`)
    const balance = (await call(client, org, 'get', `/owners/${owners[0].id}/balance`)).body()
    assert.equal(balance.called, '1000.00')
    assert.equal(balance.otherMovements, '321.00')
    assert.equal(balance.balance, '1321.00')
    const statement = (await call(client, org, 'get', `/owners/${owners[0].id}/statement`)).body()
    assert.deepEqual(
      statement.movements.map((m: any) => [m.date, m.type, m.balance]),
      [
        ['2026-01-02', 'ledger', '321.00'],
        ['2026-01-10', 'call_for_funds', '1321.00'],
      ]
    )
  })

  test('422 per field, 404 cross-organisation, roles', async ({ client, assert }) => {
    const { org, building, owners } = await fundsFixture(client, { quotas: [1000] })
    const other = await signupOrg(client, 'Other')
    const bad = await call(client, org, 'post', `/buildings/${building.id}/payments`, {
      ownerId: 'nope',
      amount: 0,
      date: '2026-02-31',
      method: 'bitcoin',
    })
    bad.assertStatus(422)
    assert.includeMembers(
      bad.body().errors.map((e: any) => e.field),
      ['ownerId', 'amount', 'date', 'method']
    )
    const unknownOwner = await call(client, org, 'post', `/buildings/${building.id}/payments`, {
      ownerId: '00000000-0000-4000-8000-000000000000',
      amount: 10,
      date: '2026-01-05',
      method: 'cash',
    })
    unknownOwner.assertStatus(422)
    assert.equal(unknownOwner.body().errors[0].field, 'ownerId')
    const ok = (
      await call(client, org, 'post', `/buildings/${building.id}/payments`, {
        ownerId: owners[0].id,
        amount: 10,
        date: '2026-01-05',
        method: 'cash',
      })
    ).body()
    ;(await call(client, other, 'get', `/payments/${ok.id}`)).assertStatus(404)
    ;(await call(client, other, 'get', `/owners/${owners[0].id}/balance`)).assertStatus(404)
    ;(await call(client, other, 'get', `/owners/${owners[0].id}/statement`)).assertStatus(404)
    ;(
      await call(client, other, 'post', `/buildings/${building.id}/payments`, {
        ownerId: owners[0].id,
        amount: 10,
        date: '2026-01-05',
        method: 'cash',
      })
    ).assertStatus(404)
    ;(await call(client, other, 'get', `/buildings/${building.id}/arrears`)).assertStatus(404)
    const council = await addMember(org, 'board_member')
    ;(await call(client, council, 'get', `/owners/${owners[0].id}/balance`)).assertStatus(200)
    ;(
      await call(client, council, 'post', `/buildings/${building.id}/payments`, {
        ownerId: owners[0].id,
        amount: 10,
        date: '2026-01-05',
        method: 'cash',
      })
    ).assertStatus(403)
    ;(
      await call(client, org, 'get', `/owners/${owners[0].id}/statement?from=yesterday`)
    ).assertStatus(422)
    const rates = await call(client, org, 'put', '/accounting/interest-rates/2026', { rate: 6 })
    rates.assertStatus(200)
    assert.deepEqual(rates.body(), { year: 2026, rate: '6.000' })
    ;(await call(client, org, 'put', '/accounting/interest-rates/2026', { rate: -1 })).assertStatus(
      422
    )
    ;(
      await call(client, org, 'put', `/buildings/${building.id}/funds-settings`, {
        iban: 'BE00 0000 0000 0000',
      })
    ).assertStatus(422)
  })
})
