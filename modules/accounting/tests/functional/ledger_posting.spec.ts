import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { withTenant } from '#tenancy/tenant_context'
import { call, createBuilding, createOwner, signupOrg } from '#tests/functional/buildings/helpers'
import {
  accountBalances,
  postJournalEntry,
  reverseJournalEntry,
} from '#modules/accounting/services/ledger/posting_service'
import { ensureChart } from '#modules/accounting/services/ledger/chart_service'

async function expectApiError(promise: Promise<unknown>, status: number, code: string) {
  try {
    await promise
  } catch (error: any) {
    if (error.status !== status || error.code !== code) {
      throw new Error(
        `expected ${status} ${code}, got ${error.status} ${error.code}: ${error.message}`
      )
    }
    return error
  }
  throw new Error(`expected ${status} ${code}, got success`)
}

test.group('Ledger posting service @accounting', () => {
  test('a new building has the standard chart; ensureChart is idempotent', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org)
    const codes = await withTenant(org.organisationId, async (trx) => {
      assert.equal(await ensureChart(b.id, trx), 0)
      const res = await trx.rawQuery(
        'select code from accounting_accounts where building_id = ? order by code',
        [b.id]
      )
      return res.rows.map((r: any) => r.code)
    })
    for (const code of [
      '100',
      '160',
      '400',
      '410',
      '440',
      '451',
      '411',
      '550',
      '551',
      '57',
      '600',
      '610',
      '614',
      '700',
      '701',
      '750',
    ]) {
      assert.include(codes, code)
    }
  })

  test('posts a balanced entry with a sequential number and computes balances', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org)
    const owner = await createOwner(client, org)
    await withTenant(org.organisationId, async () => {
      const first = await postJournalEntry({
        buildingId: b.id,
        date: '2026-01-05',
        journal: 'sales',
        type: 'call_for_funds',
        description: 'Appel de fonds T1',
        lines: [
          { accountCode: '410', debit: '1500.10', ownerId: owner.id },
          { accountCode: '700', credit: 1000.1 },
          { accountCode: '701', credit: '500' },
        ],
        source: { type: 'call_for_funds', id: owner.id },
      })
      assert.equal(first.number, '2026-000001')
      assert.equal(first.totalDebit, '1500.10')
      assert.equal(first.lines.length, 3)
      assert.equal(first.lines[1].credit, '1000.10')
      const second = await postJournalEntry({
        buildingId: b.id,
        date: '2026-02-05',
        journal: 'bank',
        type: 'payment_received',
        description: 'Paiement',
        lines: [
          { accountCode: '550', debit: '1000.00' },
          { accountCode: '410', credit: '1000.00', ownerId: owner.id },
        ],
      })
      assert.equal(second.number, '2026-000002')
      const owners = await accountBalances({
        buildingId: b.id,
        accountPrefix: '410',
        ownerId: owner.id,
      })
      assert.equal(owners.totals.balance, '500.10')
      const all = await accountBalances({ buildingId: b.id })
      assert.equal(all.totals.debit, all.totals.credit)
      assert.equal(all.totals.debit, '2500.10')
      const asOf = await accountBalances({
        buildingId: b.id,
        asOf: '2026-01-31',
        accountPrefix: '410',
      })
      assert.equal(asOf.accounts[0].balance, '1500.10')

      const reversal = await reverseJournalEntry(second.id, { date: '2026-02-06' })
      assert.equal(reversal.number, '2026-000003')
      assert.equal(reversal.reversalOfId, second.id)
      assert.equal(reversal.lines[0].credit, '1000.00')
      await expectApiError(
        reverseJournalEntry(second.id, { date: '2026-02-07' }),
        409,
        'E_INVALID_STATE'
      )
    })
  })

  test('refuses unbalanced, one-sided and unknown-account entries with 422', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org)
    await withTenant(org.organisationId, async () => {
      const base = {
        buildingId: b.id,
        date: '2026-03-01',
        journal: 'misc' as const,
        type: 'manual' as const,
        description: 'Test',
      }
      const e1 = await expectApiError(
        postJournalEntry({
          ...base,
          lines: [
            { accountCode: '550', debit: '10.00' },
            { accountCode: '700', credit: '10.01' },
          ],
        }),
        422,
        'E_VALIDATION'
      )
      assert.equal(e1.entries[0].field, 'lines')
      const e2 = await expectApiError(
        postJournalEntry({
          ...base,
          lines: [
            { accountCode: '550', debit: '10.00', credit: '10.00' },
            { accountCode: '700', credit: '10.00' },
          ],
        }),
        422,
        'E_VALIDATION'
      )
      assert.equal(e2.entries[0].field, 'lines.0')
      const e3 = await expectApiError(
        postJournalEntry({
          ...base,
          lines: [
            { accountCode: '999', debit: '10.00' },
            { accountCode: '700', credit: '10.00' },
          ],
        }),
        422,
        'E_VALIDATION'
      )
      assert.equal(e3.entries[0].field, 'lines.0.accountCode')
      await expectApiError(
        postJournalEntry({
          ...base,
          lines: [
            { accountCode: '550', debit: '10.001' },
            { accountCode: '700', credit: '10.001' },
          ],
        }),
        422,
        'E_VALIDATION'
      )
    })
  })

  test('the deferred trigger rejects an unbalanced entry written with raw SQL as the app role', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org)
    const role = await db.rawQuery('select current_user as u')
    assert.notEqual(role.rows[0].u, 'postgres')

    /** Raw inserts of an entry whose lines are off by `creditCents` from 100.00. */
    const writeRaw = async (trx: any, year: number, credit: string) => {
      const fy = await trx.rawQuery(
        `insert into accounting_fiscal_years (organisation_id, building_id, year, start_date, end_date)
         values (?, ?, ?, ?, ?) returning id`,
        [org.organisationId, b.id, year, `${year}-01-01`, `${year}-12-31`]
      )
      const entry = await trx.rawQuery(
        `insert into accounting_journal_entries (organisation_id, building_id, fiscal_year_id, sequence, number, date, journal, type, description)
         values (?, ?, ?, 1, ?, ?, 'misc', 'manual', 'raw') returning id`,
        [org.organisationId, b.id, fy.rows[0].id, `${year}-000001`, `${year}-01-02`]
      )
      const accounts = await trx.rawQuery(
        `select id, code from accounting_accounts where building_id = ? and code in ('550','700') order by code`,
        [b.id]
      )
      await trx.rawQuery(
        `insert into accounting_journal_lines (organisation_id, entry_id, building_id, line_no, account_id, account_code, debit, credit)
         values (?, ?, ?, 1, ?, '550', 100.00, 0), (?, ?, ?, 2, ?, '700', 0, ?)`,
        [
          org.organisationId,
          entry.rows[0].id,
          b.id,
          accounts.rows[0].id,
          org.organisationId,
          entry.rows[0].id,
          b.id,
          accounts.rows[1].id,
          credit,
        ]
      )
    }

    // 1. At COMMIT: the statements succeed, the commit fails with 23514 and nothing stays.
    const trx = await db.transaction()
    await trx.rawQuery(`select set_config('app.tenant_id', ?, true)`, [org.organisationId])
    await writeRaw(trx, 2031, '99.99')
    await trx.commit()
    const outcome = await (trx.knexClient as any).executionPromise.then(
      () => null,
      (e: any) => e
    )
    assert.equal(outcome?.code, '23514')
    const count = async () =>
      await db
        .connection('owner')
        .rawQuery(
          `select count(*)::int as n from accounting_journal_entries where building_id = ?`,
          [b.id]
        )
        .then((r) => r.rows[0].n)
    assert.equal(await count(), 0)

    // 2. Inside a tenant transaction, the pending check can be forced early.
    let error: any = null
    try {
      await withTenant(org.organisationId, async (t) => {
        await writeRaw(t, 2032, '100.01')
        await t.rawQuery('set constraints all immediate')
      })
    } catch (e) {
      error = e
    }
    assert.equal(error?.code, '23514')
    assert.equal(await count(), 0)

    // 3. A balanced raw entry commits.
    await withTenant(org.organisationId, (t) => writeRaw(t, 2033, '100.00'))
    assert.equal(await count(), 1)
  })

  test('fiscal years follow the building start month', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org, { fiscalYearStartMonth: 7 })
    void call
    await withTenant(org.organisationId, async (trx) => {
      const e = await postJournalEntry({
        buildingId: b.id,
        date: '2026-03-01',
        journal: 'misc',
        type: 'manual',
        description: 'Test',
        lines: [
          { accountCode: '550', debit: '1' },
          { accountCode: '100', credit: '1' },
        ],
      })
      assert.equal(e.number, '2025-000001')
      const fy = await trx.rawQuery(
        `select start_date::text as s, end_date::text as e from accounting_fiscal_years where id = ?`,
        [e.fiscalYearId]
      )
      assert.deepEqual(fy.rows[0], { s: '2025-07-01', e: '2026-06-30' })
    })
  })
})
