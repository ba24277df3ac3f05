/* eslint-disable @unicorn/no-await-expression-member -- tests read answers inline */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { addMember, auditFor } from '#tests/functional/buildings/helpers'
import { call, fundsFixture, signupOrg } from './funds_helpers.js'

test.group('Funds: budgets', () => {
  test('create → vote → activate → close with monthly provision; each write audited', async ({
    client,
    assert,
  }) => {
    const { org, building } = await fundsFixture(client, { quotas: [1000] })
    const created = await call(client, org, 'post', `/buildings/${building.id}/budgets`, {
      fiscalYear: 2026,
      ordinaryAmount: 12000,
      extraordinaryAmount: '6000.50',
      lines: [
        { accountCode: '610', kind: 'ordinary', amount: '4000' },
        { accountCode: '611', kind: 'ordinary', amount: 2000 },
      ],
      notes: 'Budget voté en AG',
    })
    created.assertStatus(201)
    const budget = created.body()
    assert.equal(budget.status, 'draft')
    assert.equal(budget.ordinaryAmount, '12000.00')
    assert.equal(budget.extraordinaryAmount, '6000.50')
    assert.equal(budget.totalAmount, '18000.50')
    // 18000.50 / 12 = 1500.0416… → 1500.04
    assert.equal(budget.monthlyProvision, '1500.04')
    assert.lengthOf(budget.lines, 2)

    const got = await call(client, org, 'get', `/budgets/${budget.id}`)
    got.assertStatus(200)
    assert.equal(got.body().monthlyProvision, '1500.04')

    ;(await call(client, org, 'put', `/budgets/${budget.id}/activate`)).assertStatus(409)
    const voted = await call(client, org, 'put', `/budgets/${budget.id}/vote`, {
      votedAt: '2025-12-10',
    })
    voted.assertStatus(200)
    assert.equal(voted.body().status, 'voted')
    assert.equal(voted.body().votedAt, '2025-12-10')
    ;(
      await call(client, org, 'put', `/budgets/${budget.id}/vote`, { votedAt: '2025-12-10' })
    ).assertStatus(409)
    ;(await call(client, org, 'delete', `/budgets/${budget.id}`)).assertStatus(409)
    const active = await call(client, org, 'put', `/budgets/${budget.id}/activate`)
    active.assertStatus(200)
    assert.equal(active.body().status, 'active')
    const closed = await call(client, org, 'put', `/budgets/${budget.id}/close`)
    closed.assertStatus(200)
    assert.equal(closed.body().status, 'closed')
    ;(await call(client, org, 'put', `/budgets/${budget.id}/close`)).assertStatus(409)

    const actions = (await auditFor(budget.id)).map((a) => a.action)
    assert.includeMembers(actions, [
      'accounting.budget.created',
      'accounting.budget.voted',
      'accounting.budget.active',
      'accounting.budget.closed',
    ])
    const list = await call(client, org, 'get', `/buildings/${building.id}/budgets?status=closed`)
    list.assertStatus(200)
    assert.equal(list.body().meta.total, 1)
  })

  test('only one active budget per building and fiscal year (409), drafts delete (204)', async ({
    client,
    assert,
  }) => {
    const { org, building } = await fundsFixture(client, { quotas: [1000] })
    const make = async () =>
      (
        await call(client, org, 'post', `/buildings/${building.id}/budgets`, {
          fiscalYear: 2026,
          ordinaryAmount: 1,
          extraordinaryAmount: 0,
        })
      ).body()
    const a = await make()
    const b = await make()
    for (const x of [a, b])
      (
        await call(client, org, 'put', `/budgets/${x.id}/vote`, { votedAt: '2026-01-05' })
      ).assertStatus(200)
    ;(await call(client, org, 'put', `/budgets/${a.id}/activate`)).assertStatus(200)
    const conflict = await call(client, org, 'put', `/budgets/${b.id}/activate`)
    conflict.assertStatus(409)
    assert.equal(conflict.body().errors[0].code, 'E_CONFLICT')
    const c = await make()
    ;(await call(client, org, 'delete', `/budgets/${c.id}`)).assertStatus(204)
    ;(await call(client, org, 'get', `/budgets/${c.id}`)).assertStatus(404)
  })

  test('422 on bad input, one entry per field', async ({ client, assert }) => {
    const { org, building } = await fundsFixture(client, { quotas: [1000] })
    const res = await call(client, org, 'post', `/buildings/${building.id}/budgets`, {
      fiscalYear: 10000,
      ordinaryAmount: -1,
      extraordinaryAmount: '12.345',
    })
    res.assertStatus(422)
    const fields = res.body().errors.map((e: any) => e.field)
    assert.includeMembers(fields, ['fiscalYear', 'ordinaryAmount', 'extraordinaryAmount'])
    const unknownAccount = await call(client, org, 'post', `/buildings/${building.id}/budgets`, {
      fiscalYear: 2026,
      ordinaryAmount: 100,
      extraordinaryAmount: 0,
      lines: [{ accountCode: '699999', kind: 'ordinary', amount: 10 }],
    })
    unknownAccount.assertStatus(422)
    assert.equal(unknownAccount.body().errors[0].field, 'lines.0.accountCode')
    const tooMuch = await call(client, org, 'post', `/buildings/${building.id}/budgets`, {
      fiscalYear: 2026,
      ordinaryAmount: 100,
      extraordinaryAmount: 0,
      lines: [{ accountCode: '610', kind: 'ordinary', amount: 100.01 }],
    })
    tooMuch.assertStatus(422)
    const vote = await call(client, org, 'post', `/buildings/${building.id}/budgets`, {
      fiscalYear: 2026,
      ordinaryAmount: 1,
      extraordinaryAmount: 0,
    })
    const badDate = await call(client, org, 'put', `/budgets/${vote.body().id}/vote`, {
      votedAt: '2026-02-30',
    })
    badDate.assertStatus(422)
    assert.equal(badDate.body().errors[0].field, 'votedAt')
  })

  test('404 for unknown, malformed and other organisations’ ids (nothing changes)', async ({
    client,
    assert,
  }) => {
    const { org, building } = await fundsFixture(client, { quotas: [1000] })
    const other = await signupOrg(client, 'Other syndic')
    const budget = (
      await call(client, org, 'post', `/buildings/${building.id}/budgets`, {
        fiscalYear: 2026,
        ordinaryAmount: 1,
        extraordinaryAmount: 0,
      })
    ).body()
    ;(await call(client, org, 'get', '/budgets/not-a-uuid')).assertStatus(404)
    ;(await call(client, org, 'get', '/budgets/00000000-0000-4000-8000-000000000000')).assertStatus(
      404
    )
    ;(await call(client, other, 'get', `/budgets/${budget.id}`)).assertStatus(404)
    ;(
      await call(client, other, 'put', `/budgets/${budget.id}/vote`, { votedAt: '2026-01-01' })
    ).assertStatus(404)
    ;(await call(client, other, 'delete', `/budgets/${budget.id}`)).assertStatus(404)
    ;(
      await call(client, other, 'post', `/buildings/${building.id}/budgets`, {
        fiscalYear: 2026,
        ordinaryAmount: 1,
        extraordinaryAmount: 0,
      })
    ).assertStatus(404)
    const row = await db
      .connection('owner')
      .rawQuery('select status from accounting_budgets where id = ?', [budget.id])
    assert.equal(row.rows[0].status, 'draft')
  })

  test('roles: council reads, owners are refused; disabled module → 403 E_MODULE_DISABLED', async ({
    client,
    assert,
  }) => {
    const { org, building } = await fundsFixture(client, { quotas: [1000] })
    const council = await addMember(org, 'board_member')
    const owner = await addMember(org, 'owner')
    ;(await call(client, council, 'get', `/buildings/${building.id}/budgets`)).assertStatus(200)
    ;(
      await call(client, council, 'post', `/buildings/${building.id}/budgets`, {
        fiscalYear: 2026,
        ordinaryAmount: 1,
        extraordinaryAmount: 0,
      })
    ).assertStatus(403)
    ;(await call(client, owner, 'get', `/buildings/${building.id}/budgets`)).assertStatus(403)
    ;(
      await call(client, org, 'put', '/organisation/modules/accounting', { enabled: false })
    ).assertStatus(200)
    const res = await call(client, org, 'get', `/buildings/${building.id}/budgets`)
    res.assertStatus(403)
    assert.equal(res.body().errors[0].code, 'E_MODULE_DISABLED')
  })

  test('variance per month and per line from the ledger, alerts notified once at 90 % and 100 %', async ({
    client,
    assert,
  }) => {
    const { org, building } = await fundsFixture(client, { quotas: [1000] })
    const budget = (
      await call(client, org, 'post', `/buildings/${building.id}/budgets`, {
        fiscalYear: 2026,
        ordinaryAmount: 12000,
        extraordinaryAmount: 0,
        lines: [
          { accountCode: '610', kind: 'ordinary', amount: 1200 },
          { accountCode: '611', kind: 'ordinary', amount: 1000 },
          { accountCode: '612', kind: 'ordinary', amount: 0 },
        ],
      })
    ).body()
    await call(client, org, 'put', `/budgets/${budget.id}/vote`, { votedAt: '2026-01-05' })
    await call(client, org, 'put', `/budgets/${budget.id}/activate`)
    const post = (date: string, account: string, amount: string) =>
      call(client, org, 'post', `/buildings/${building.id}/journal-entries`, {
        date,
        journal: 'purchases',
        type: 'manual',
        description: `Facture ${account}`,
        lines: [
          { accountCode: account, debit: amount },
          { accountCode: '440', credit: amount },
        ],
      })
    ;(await post('2026-01-15', '610', '300.00')).assertStatus(201)
    ;(await post('2026-02-10', '611', '950.00')).assertStatus(201)

    const res = await call(client, org, 'get', `/budgets/${budget.id}/variance`)
    res.assertStatus(200)
    const v = res.body()
    assert.lengthOf(v.months, 12)
    assert.equal(v.months[0].month, '2026-01')
    assert.equal(v.months[0].budgeted, '1000.00')
    assert.equal(v.months[0].actual, '300.00')
    assert.equal(v.months[0].variancePercent, '-70.00')
    assert.equal(v.months[1].actual, '950.00')
    const l610 = v.lines.find((l: any) => l.accountCode === '610')
    assert.equal(l610.actual, '300.00')
    assert.equal(l610.variancePercent, '-75.00')
    const l611 = v.lines.find((l: any) => l.accountCode === '611')
    assert.equal(l611.alert, 'warning')
    const l612 = v.lines.find((l: any) => l.accountCode === '612')
    assert.isNull(l612.variancePercent)
    assert.deepEqual(
      v.alerts.map((a: any) => [a.accountCode, a.level]),
      [['611', 'warning']]
    )

    // The year so far, as seen mid-February.
    const { setFundsClock } = await import('../../services/funds/clock.js')
    setFundsClock('2026-02-15')
    try {
      const mid = (await call(client, org, 'get', `/budgets/${budget.id}/variance`)).body()
      assert.deepEqual(mid.toDate, {
        asOf: '2026-02-15',
        months: 2,
        budgeted: '2000.00',
        actual: '1250.00',
        variancePercent: '-37.50',
      })
    } finally {
      setFundsClock(null)
    }

    const { checkBudgetAlerts } = await import('../../services/funds/variance_service.js')
    const { withTenant } = await import('#tenancy/tenant_context')
    const first = await withTenant(org.organisationId, () => checkBudgetAlerts())
    assert.deepEqual(
      first.map((a) => [a.accountCode, a.level]),
      [['611', 90]]
    )
    const again = await withTenant(org.organisationId, () => checkBudgetAlerts())
    assert.lengthOf(again, 0)
    ;(await post('2026-03-10', '611', '100.00')).assertStatus(201)
    const over = await withTenant(org.organisationId, () => checkBudgetAlerts())
    assert.deepEqual(
      over.map((a) => [a.accountCode, a.level]),
      [['611', 100]]
    )
    const notes = await db
      .connection('owner')
      .rawQuery(
        `select type from notifications where organisation_id = ? and type like 'accounting.budget%' order by created_at`,
        [org.organisationId]
      )
    assert.deepEqual(
      notes.rows.map((r: any) => r.type),
      ['accounting.budget_warning', 'accounting.budget_over']
    )
  })
})
