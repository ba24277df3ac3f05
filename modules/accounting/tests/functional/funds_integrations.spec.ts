/* eslint-disable @unicorn/no-await-expression-member -- tests read answers inline */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { withTenant } from '#tenancy/tenant_context'
import { isPdf, pdfText } from '#tests/helpers/pdf'
import { drainQueues } from '#tests/helpers/worker'
import { setFundsClock } from '../../services/funds/clock.js'
import { fundsPersonalData } from '../../services/funds/gdpr_contributor.js'
import { etatDateFinancials } from '../../index.js'
import { call, createDraftCall, fundsFixture } from './funds_helpers.js'

const ownerDb = () => db.connection('owner')

test.group('Funds: consumption lines (iot), état daté, GDPR', (group) => {
  group.each.setup(async () => {
    setFundsClock('2026-01-10')
    await drainQueues(['accounting'])
    return () => setFundsClock(null)
  })

  test('consumption lines are split by metered quantity, cent-exact, and shown on the PDF', async ({
    client,
    assert,
  }) => {
    const { org, building, units, owners } = await fundsFixture(client, { quotas: [500, 300, 200] })
    // Metered water: 10 m³, 20 m³, 0 (unit 3 has no meter).
    for (const [i, qty] of [10.5, 20].entries()) {
      const [device] = (
        await ownerDb().rawQuery(
          `insert into iot_devices (organisation_id, building_id, unit_id, kind, name) values (?, ?, ?, 'mqtt', ?) returning id`,
          [org.organisationId, building.id, units[i].id, `Compteur eau ${i + 1}`]
        )
      ).rows
      await ownerDb().rawQuery(
        `insert into iot_daily_rollups (organisation_id, device_id, metric, day, total, samples, min_value, max_value, unit)
         values (?, ?, 'water_m3', '2025-12-15', ?, 24, 0, 1, 'm³')`,
        [org.organisationId, device.id, qty]
      )
    }
    const draft = await createDraftCall(client, org, building.id, {
      ordinaryAmount: '1000.00',
      extraordinaryAmount: 0,
      consumptionLines: [
        {
          label: 'Eau froide',
          amount: '100.00',
          metric: 'water_m3',
          from: '2025-12-01',
          to: '2025-12-31',
        },
      ],
    })
    assert.equal(draft.consumptionAmount, '100.00')
    const byOwner = Object.fromEntries(draft.lines.map((l: any) => [l.ownerId, l]))
    // 100 × 10.5 / 30.5 = 34.4262… ; 100 × 20 / 30.5 = 65.5737… → 34.43 + 65.57 = 100.00
    assert.equal(byOwner[owners[0].id].consumptionAmount, '34.43')
    assert.equal(byOwner[owners[1].id].consumptionAmount, '65.57')
    assert.equal(byOwner[owners[2].id].consumptionAmount, '0.00')
    assert.equal(byOwner[owners[0].id].amount, '534.43')
    assert.equal(draft.calledAmount, '1100.00')
    assert.equal(byOwner[owners[0].id].consumption[0].quantity, '10.500')
    await call(client, org, 'put', `/call-for-funds/${draft.id}/send`)
    const entry = (
      await call(
        client,
        org,
        'get',
        `/journal-entries/${(await call(client, org, 'get', `/call-for-funds/${draft.id}`)).body().journalEntryId}`
      )
    ).body()
    assert.equal(entry.lines.find((l: any) => l.accountCode === '700').credit, '1100.00')
    const res = await call(
      client,
      org,
      'get',
      `/call-for-funds/${draft.id}/owners/${owners[0].id}/pdf`
    )
    const pdf = Buffer.from(
      res.body() instanceof Buffer ? res.body() : res.text(),
      res.body() instanceof Buffer ? undefined : 'binary'
    )
    assert.isTrue(isPdf(pdf))
    const text = await pdfText(pdf)
    assert.include(text, 'Eau froide')
    assert.include(text, '10.500')
    const none = await call(client, org, 'post', `/buildings/${building.id}/call-for-funds`, {
      title: 'X',
      period: 'one_time',
      periodStart: '2026-01-01',
      dueDate: '2026-01-31',
      consumptionLines: [
        { label: 'Gaz', amount: 10, metric: 'gas_m3', from: '2025-12-01', to: '2025-12-31' },
      ],
    })
    none.assertStatus(422)
    assert.equal(none.body().errors[0].field, 'consumptionLines.0.metric')
  })

  test('état daté financials: balances, provisions, works voted not called, history, reserve fund', async ({
    client,
    assert,
  }) => {
    const { org, building, units, owners } = await fundsFixture(client, { quotas: [250, 750] })
    const budget = (
      await call(client, org, 'post', `/buildings/${building.id}/budgets`, {
        fiscalYear: 2026,
        ordinaryAmount: '12000',
        extraordinaryAmount: '8000',
        notes: 'Toiture',
      })
    ).body()
    await call(client, org, 'put', `/budgets/${budget.id}/vote`, { votedAt: '2025-12-01' })
    setFundsClock('2025-03-01')
    const old = await createDraftCall(client, org, building.id, {
      title: 'Provisions 2025',
      period: 'yearly',
      periodStart: '2025-01-01',
      dueDate: '2025-03-31',
      ordinaryAmount: '8000',
      extraordinaryAmount: '2000',
    })
    await call(client, org, 'put', `/call-for-funds/${old.id}/send`)
    setFundsClock('2026-01-10')
    const q1 = await createDraftCall(client, org, building.id, {
      title: 'T1 2026',
      periodStart: '2026-01-01',
      budgetId: budget.id,
      ordinaryAmount: undefined,
      extraordinaryAmount: undefined,
    })
    await call(client, org, 'put', `/call-for-funds/${q1.id}/send`)
    await call(client, org, 'post', `/buildings/${building.id}/payments`, {
      ownerId: owners[0].id,
      amount: '2500.00',
      date: '2026-01-12',
      method: 'transfer',
    })
    // 5,000 EUR in the reserve fund (160).
    await call(client, org, 'post', `/buildings/${building.id}/journal-entries`, {
      date: '2026-01-05',
      journal: 'misc',
      type: 'manual',
      description: 'Dotation fonds de réserve',
      lines: [
        { accountCode: '550', debit: '5000.00' },
        { accountCode: '160', credit: '5000.00' },
      ],
    })
    const f = await withTenant(org.organisationId, () =>
      etatDateFinancials({ buildingId: building.id, unitId: units[0].id, asOf: '2026-02-15' })
    )
    // Unit 1 (250/1000): 2025 call 2,500.00 + T1 2026 (3,000 + 2,000) × 25 % = 1,250.00; paid 2,500.00.
    assert.deepEqual(f.ownerBalance, [
      { ownerId: owners[0].id, name: 'Owner Number1', balance: '1250.00' },
    ])
    assert.equal(f.balanceDue, '1250.00')
    assert.deepEqual(f.provisions, {
      ordinary: '750.00',
      extraordinary: '500.00',
      period: 'quarterly',
    })
    assert.deepEqual(f.worksVotedNotCalled, [
      { description: 'Budget 2026 – extraordinary: Toiture', amount: '1500.00' },
    ])
    assert.deepEqual(f.chargesHistory, [
      { fiscalYear: 2023, ordinary: '0.00', extraordinary: '0.00' },
      { fiscalYear: 2024, ordinary: '0.00', extraordinary: '0.00' },
      { fiscalYear: 2025, ordinary: '2000.00', extraordinary: '500.00' },
    ])
    assert.deepEqual(f.reserveFund, { total: '5000.00', unitShare: '1250.00' })
  })

  test('GDPR: export of calls, payments, reminders; unpaid balance blocks erase; erase blanks references only', async ({
    client,
    assert,
  }) => {
    const { org, building, owners } = await fundsFixture(client, { quotas: [1000] })
    const draft = await createDraftCall(client, org, building.id)
    await call(client, org, 'put', `/call-for-funds/${draft.id}/send`)
    await call(client, org, 'post', `/buildings/${building.id}/payments`, {
      ownerId: owners[0].id,
      amount: '100.00',
      date: '2026-01-12',
      method: 'transfer',
      reference: 'Paiement Jan Peeters',
    })
    const subject = {
      userId: org.userId,
      email: owners[0].email,
      organisationId: org.organisationId,
      ownerIds: [owners[0].id],
    }
    await withTenant(org.organisationId, async (trx) => {
      const data = await fundsPersonalData.export(subject, trx)
      assert.lengthOf(data.calls_for_funds, 1)
      assert.equal(data.calls_for_funds[0].amount, '15000.00')
      assert.equal(data.payments[0].reference, 'Paiement Jan Peeters')
      assert.deepEqual(await fundsPersonalData.eraseBlockers!(subject, trx), [
        'Unpaid balance of 14900.00 EUR',
      ])
      await fundsPersonalData.erase!(subject, trx, { name: 'x', email: 'y' })
    })
    const rows = (
      await ownerDb().rawQuery(
        'select reference, amount from accounting_payments where owner_id = ?',
        [owners[0].id]
      )
    ).rows
    assert.isNull(rows[0].reference)
    assert.equal(Number(rows[0].amount), 100)
  })
})
