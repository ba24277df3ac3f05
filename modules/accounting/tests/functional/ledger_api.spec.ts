import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import {
  addMember,
  auditFor,
  bodyOf,
  call,
  expectStatus,
  createBuilding,
  createOwner,
  createUnit,
  linkOwner,
  signupOrg,
} from '#tests/functional/buildings/helpers'
import { isPdf, pdfText } from '#tests/helpers/pdf'
import { baseUrl } from '#tests/helpers/api'

const owner = () => db.connection('owner')

function entry(overrides: Record<string, unknown> = {}) {
  return {
    date: '2026-03-10',
    journal: 'purchases',
    type: 'manual',
    description: 'Facture électricité Engie',
    lines: [
      { accountCode: '600', debit: '250.40' },
      { accountCode: '440', credit: 250.4 },
    ],
    ...overrides,
  }
}

test.group('Ledger API: chart of accounts @accounting', () => {
  test('lists, creates, updates and deletes accounts with 409/422/404', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org)
    const list = await call(client, org, 'get', `/buildings/${b.id}/accounts?perPage=100`)
    list.assertStatus(200)
    const codes = list.body().data.map((a: any) => a.code)
    assert.includeMembers(codes, ['100', '160', '410', '440', '550', '700', '701'])
    assert.equal(list.body().meta.perPage, 100)
    const filtered = await call(client, org, 'get', `/buildings/${b.id}/accounts?class=6`)
    assert.isTrue(filtered.body().data.every((a: any) => a.class === 6))

    const created = await call(client, org, 'post', `/buildings/${b.id}/accounts`, {
      code: '6120',
      name: 'Entretien ascenseur',
    })
    created.assertStatus(201)
    assert.equal(created.body().class, 6)
    assert.isTrue(created.body().isLeaf)
    assert.equal(
      await auditFor(created.body().id).then((r) => r[0].action),
      'accounting.account.created'
    )
    // 612 now has a sub-account: no longer a leaf, refuses postings.
    const parent = await bodyOf(
      call(client, org, 'get', `/buildings/${b.id}/accounts?code=612`)
    ).then((r) => r.data[0])
    assert.isFalse(parent.isLeaf)
    const toParent = await call(client, org, 'post', `/buildings/${b.id}/journal-entries`, {
      ...entry(),
      lines: [
        { accountCode: '612', debit: '10' },
        { accountCode: '440', credit: '10' },
      ],
    })
    toParent.assertStatus(422)
    assert.equal(toParent.body().errors[0].field, 'lines.0.accountCode')

    await expectStatus(
      call(client, org, 'post', `/buildings/${b.id}/accounts`, { code: '6120', name: 'x' }),
      409
    )
    await expectStatus(
      call(client, org, 'post', `/buildings/${b.id}/accounts`, { code: 'ABC', name: 'x' }),
      422
    )
    await expectStatus(
      call(client, org, 'post', `/buildings/${b.id}/accounts`, { code: '6121' }),
      422
    )

    const renamed = await call(client, org, 'put', `/accounts/${created.body().id}`, {
      name: 'Ascenseur',
    })
    renamed.assertStatus(200)
    assert.equal(renamed.body().name, 'Ascenseur')

    // A used account: code frozen, no deletion, no sub-accounts.
    const used = await bodyOf(
      call(client, org, 'get', `/buildings/${b.id}/accounts?code=600`)
    ).then((r) => r.data[0])
    await expectStatus(
      call(client, org, 'post', `/buildings/${b.id}/journal-entries`, entry()),
      201
    )
    await expectStatus(call(client, org, 'delete', `/accounts/${used.id}`), 409)
    await expectStatus(call(client, org, 'put', `/accounts/${used.id}`, { code: '609' }), 409)
    await expectStatus(
      call(client, org, 'post', `/buildings/${b.id}/accounts`, { code: '6001', name: 'x' }),
      409
    )

    await expectStatus(call(client, org, 'delete', `/accounts/${created.body().id}`), 204)
    await expectStatus(call(client, org, 'get', `/accounts/${created.body().id}`), 404)
    await expectStatus(call(client, org, 'delete', `/accounts/not-a-uuid`), 404)
    await expectStatus(
      call(client, org, 'get', `/buildings/00000000-0000-4000-8000-000000000000/accounts`),
      404
    )
  })
})

test.group('Ledger API: journal entries @accounting', () => {
  test('POST creates a numbered entry; GET shows it; list filters', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org)
    const res = await call(client, org, 'post', `/buildings/${b.id}/journal-entries`, entry())
    res.assertStatus(201)
    const e = res.body()
    assert.equal(e.number, '2026-000001')
    assert.equal(e.totalDebit, '250.40')
    assert.deepEqual(
      e.lines.map((l: any) => [l.accountCode, l.debit, l.credit]),
      [
        ['600', '250.40', '0.00'],
        ['440', '0.00', '250.40'],
      ]
    )
    assert.equal(await auditFor(e.id).then((r) => r[0].action), 'accounting.journal_entry.created')
    const shown = await call(client, org, 'get', `/journal-entries/${e.id}`)
    shown.assertStatus(200)
    assert.equal(shown.body().number, '2026-000001')

    await call(
      client,
      org,
      'post',
      `/buildings/${b.id}/journal-entries`,
      entry({
        date: '2026-04-01',
        journal: 'bank',
        type: 'expense_payment',
        description: 'Paiement Engie',
        lines: [
          { accountCode: '440', debit: '250.40' },
          { accountCode: '550', credit: '250.40' },
        ],
      })
    )
    const byJournal = await call(
      client,
      org,
      'get',
      `/buildings/${b.id}/journal-entries?journal=bank`
    )
    assert.equal(byJournal.body().meta.total, 1)
    assert.equal(byJournal.body().data[0].number, '2026-000002')
    const byAccount = await call(
      client,
      org,
      'get',
      `/buildings/${b.id}/journal-entries?accountCode=440`
    )
    assert.equal(byAccount.body().meta.total, 2)
    const byDate = await call(
      client,
      org,
      'get',
      `/buildings/${b.id}/journal-entries?dateFrom=2026-03-15&dateTo=2026-12-31`
    )
    assert.equal(byDate.body().meta.total, 1)
    const byType = await call(
      client,
      org,
      'get',
      `/buildings/${b.id}/journal-entries?type=manual&perPage=1`
    )
    assert.equal(byType.body().meta.total, 1)
    assert.equal(byType.body().meta.lastPage, 1)
    await expectStatus(
      call(client, org, 'get', `/buildings/${b.id}/journal-entries?journal=nope`),
      422
    )
    await expectStatus(
      call(client, org, 'get', `/buildings/${b.id}/journal-entries?dateFrom=2026-13-01`),
      422
    )
    await expectStatus(
      call(client, org, 'get', `/buildings/${b.id}/journal-entries?perPage=101`),
      422
    )
  })

  test('422 on shape, balance to the cent and unknown accounts; 404 on ids', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org)
    const post = (body: object) =>
      call(client, org, 'post', `/buildings/${b.id}/journal-entries`, body)
    const unbalanced = await post(
      entry({
        lines: [
          { accountCode: '600', debit: '100.00' },
          { accountCode: '440', credit: '99.99' },
        ],
      })
    )
    unbalanced.assertStatus(422)
    assert.equal(unbalanced.body().errors[0].code, 'E_VALIDATION')
    assert.equal(unbalanced.body().errors[0].field, 'lines')
    const single = await post(entry({ lines: [{ accountCode: '600', debit: '1' }] }))
    single.assertStatus(422)
    assert.equal(single.body().errors[0].field, 'lines')
    const both = await post(
      entry({
        lines: [
          { accountCode: '600', debit: '1', credit: '1' },
          { accountCode: '440', credit: '0' },
        ],
      })
    )
    both.assertStatus(422)
    const negative = await post(
      entry({
        lines: [
          { accountCode: '600', debit: '-5' },
          { accountCode: '440', credit: '-5' },
        ],
      })
    )
    negative.assertStatus(422)
    assert.equal(negative.body().errors[0].field, 'lines.0.debit')
    await expectStatus(post(entry({ journal: 'cash' })), 422)
    await expectStatus(post(entry({ type: 'gift' })), 422)
    await expectStatus(post(entry({ date: '2026-02-30' })), 422)
    await expectStatus(post(entry({ description: '' })), 422)
    const unknownOwner = await post(
      entry({
        lines: [
          { accountCode: '410', debit: '5', ownerId: '00000000-0000-4000-8000-000000000000' },
          { accountCode: '700', credit: '5' },
        ],
      })
    )
    unknownOwner.assertStatus(422)
    assert.equal(unknownOwner.body().errors[0].field, 'lines.0.ownerId')
    const count = await owner().rawQuery(
      `select count(*)::int as n from accounting_journal_entries where building_id = ?`,
      [b.id]
    )
    assert.equal(count.rows[0].n, 0)
    await expectStatus(call(client, org, 'get', `/journal-entries/nope`), 404)
    await expectStatus(
      call(client, org, 'get', `/journal-entries/00000000-0000-4000-8000-000000000000`),
      404
    )
    await expectStatus(
      call(
        client,
        org,
        'post',
        `/buildings/00000000-0000-4000-8000-000000000000/journal-entries`,
        entry()
      ),
      404
    )
  })

  test('20 concurrent posts get numbers 1..20 with no gap and no duplicate', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org)
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(
          client,
          org,
          'post',
          `/buildings/${b.id}/journal-entries`,
          entry({ description: `Facture ${i + 1}` })
        )
      )
    )
    for (const r of responses) r.assertStatus(201)
    const numbers = responses.map((r) => r.body().sequence).sort((x, y) => x - y)
    assert.deepEqual(
      numbers,
      Array.from({ length: 20 }, (_, i) => i + 1)
    )
    const names = new Set(responses.map((r) => r.body().number))
    assert.equal(names.size, 20)
    const fy = await owner().rawQuery(
      `select last_number from accounting_fiscal_years where building_id = ?`,
      [b.id]
    )
    assert.equal(fy.rows[0].last_number, 20)
  })

  test('DELETE voids a manual entry (number kept); automatic entries are reversed', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org)
    const manual = await call(
      client,
      org,
      'post',
      `/buildings/${b.id}/journal-entries`,
      entry()
    ).then((r) => r.body())
    const auto = await call(
      client,
      org,
      'post',
      `/buildings/${b.id}/journal-entries`,
      entry({
        journal: 'bank',
        type: 'expense_payment',
        lines: [
          { accountCode: '440', debit: '250.40' },
          { accountCode: '550', credit: '250.40' },
        ],
      })
    ).then((r) => r.body())
    await expectStatus(call(client, org, 'delete', `/journal-entries/${auto.id}`), 409)
    await expectStatus(call(client, org, 'delete', `/journal-entries/${manual.id}`), 204)
    await expectStatus(call(client, org, 'get', `/journal-entries/${manual.id}`), 404)
    await expectStatus(call(client, org, 'delete', `/journal-entries/${manual.id}`), 404)
    assert.equal(
      await auditFor(manual.id).then((r) => r[0].action),
      'accounting.journal_entry.deleted'
    )
    const voided = await call(
      client,
      org,
      'get',
      `/buildings/${b.id}/journal-entries?status=voided`
    )
    assert.equal(voided.body().data[0].number, '2026-000001')

    const reversal = await call(client, org, 'post', `/journal-entries/${auto.id}/reverse`, {
      date: '2026-04-02',
    })
    reversal.assertStatus(201)
    assert.equal(reversal.body().number, '2026-000003')
    assert.equal(reversal.body().lines[0].credit, '250.40')
    await expectStatus(call(client, org, 'post', `/journal-entries/${auto.id}/reverse`, {}), 409)
    const shown = await bodyOf(call(client, org, 'get', `/journal-entries/${auto.id}`))
    assert.equal(shown.reversedById, reversal.body().id)
    const tb = await bodyOf(call(client, org, 'get', `/buildings/${b.id}/journal-entries/balance`))
    const bank = tb.accounts.find((a: any) => a.accountCode === '550')
    assert.equal(bank.balance, '0.00')
  })

  test('trial balance per account, totals equal, asOf', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org)
    await call(client, org, 'post', `/buildings/${b.id}/journal-entries`, entry())
    await call(
      client,
      org,
      'post',
      `/buildings/${b.id}/journal-entries`,
      entry({
        date: '2026-06-01',
        lines: [
          { accountCode: '611', debit: '99.60' },
          { accountCode: '440', credit: '99.60' },
        ],
      })
    )
    const tb = await call(client, org, 'get', `/buildings/${b.id}/journal-entries/balance`)
    tb.assertStatus(200)
    assert.deepEqual(tb.body().totals, { debit: '350.00', credit: '350.00', balance: '0.00' })
    const supplier = tb.body().accounts.find((a: any) => a.accountCode === '440')
    assert.deepEqual(
      [supplier.debit, supplier.credit, supplier.balance],
      ['0.00', '350.00', '-350.00']
    )
    const early = await call(
      client,
      org,
      'get',
      `/buildings/${b.id}/journal-entries/balance?asOf=2026-05-31`
    )
    assert.equal(early.body().totals.debit, '250.40')
    await expectStatus(
      call(client, org, 'get', `/buildings/${b.id}/journal-entries/balance?asOf=yesterday`),
      422
    )
  })

  test('year-end closing: result into 140, opening entry carries balances, year locked', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org)
    const unit = await createUnit(client, org, b.id)
    const o1 = await createOwner(client, org)
    const o2 = await createOwner(client, org)
    await linkOwner(client, org, unit.id, o1.id, { percentage: 50 })
    await linkOwner(client, org, unit.id, o2.id, { percentage: 50 })
    const post = async (body: object) => {
      const r = await call(client, org, 'post', `/buildings/${b.id}/journal-entries`, body)
      r.assertStatus(201)
      return r.body()
    }
    await post({
      date: '2025-01-15',
      journal: 'sales',
      type: 'call_for_funds',
      description: 'Appel 2025',
      lines: [
        { accountCode: '410', debit: '1200.00', ownerId: o1.id },
        { accountCode: '410', debit: '1200.00', ownerId: o2.id },
        { accountCode: '700', credit: '2000.00' },
        { accountCode: '701', credit: '400.00' },
      ],
    })
    await post({
      date: '2025-02-01',
      journal: 'bank',
      type: 'payment_received',
      description: 'Paiement',
      lines: [
        { accountCode: '550', debit: '1200.00' },
        { accountCode: '410', credit: '1200.00', ownerId: o1.id },
      ],
    })
    await post({
      date: '2025-03-01',
      journal: 'purchases',
      type: 'manual',
      description: 'Assurance AG',
      lines: [
        { accountCode: '610', debit: '1500.00' },
        { accountCode: '440', credit: '1500.00' },
      ],
    })
    await post({
      date: '2025-12-31',
      journal: 'bank',
      type: 'expense_payment',
      description: 'Frais bancaires',
      lines: [
        { accountCode: '643', debit: '12.50' },
        { accountCode: '550', credit: '12.50' },
      ],
    })
    // A posting of next year before the closing exists already.
    await post(entry({ date: '2026-01-05' }))

    const before = await call(
      client,
      org,
      'get',
      `/buildings/${b.id}/journal-entries/balance?asOf=2025-12-31`
    ).then((r) => r.body())
    const closing = await call(
      client,
      org,
      'post',
      `/buildings/${b.id}/journal-entries/year-end-closing`,
      { fiscalYear: 2025 }
    )
    closing.assertStatus(200)
    const c = closing.body()
    assert.equal(c.fiscalYear.status, 'closed')
    assert.equal(c.result, '887.50') // 2400 − 1500 − 12.50
    assert.equal(c.closingEntry.type, 'year_end_closing')
    assert.equal(c.closingEntry.date, '2025-12-31')
    const result = c.closingEntry.lines.find((l: any) => l.accountCode === '140')
    assert.equal(result.credit, '887.50')
    assert.equal(c.openingEntry.date, '2026-01-01')
    assert.equal(c.openingEntry.number, '2026-000002')
    assert.isTrue(c.openingEntry.isCarryForward)

    // Round trip: every balance-sheet balance (per co-owner) at closing = opening line.
    const closingBalances = new Map<string, string>()
    for (const a of before.accounts) {
      if (a.accountClass >= 6) continue
      closingBalances.set(a.accountCode, a.balance)
    }
    closingBalances.set('140', '-887.50')
    const opening = new Map<string, bigint>()
    for (const l of c.openingEntry.lines) {
      const cents =
        BigInt(Math.round(Number(l.debit) * 100)) - BigInt(Math.round(Number(l.credit) * 100))
      opening.set(l.accountCode, (opening.get(l.accountCode) ?? 0n) + cents)
    }
    for (const [code, balance] of closingBalances) {
      if (balance === '0.00') continue
      assert.equal(opening.get(code), BigInt(Math.round(Number(balance) * 100)), `account ${code}`)
    }
    const ownerLines = c.openingEntry.lines.filter((l: any) => l.accountCode === '410')
    assert.deepEqual(
      ownerLines.map((l: any) => [l.ownerId, l.debit]).sort(),
      [[o2.id, '1200.00']].sort()
    )
    // Year view of 2026 = opening + its own movements; cumulative view agrees.
    const tb2026 = await call(
      client,
      org,
      'get',
      `/buildings/${b.id}/journal-entries/balance?fiscalYear=2026`
    ).then((r) => r.body())
    const cumulative = await call(
      client,
      org,
      'get',
      `/buildings/${b.id}/journal-entries/balance`
    ).then((r) => r.body())
    const bal = (tb: any, code: string) =>
      tb.accounts.find((a: any) => a.accountCode === code)?.balance
    assert.equal(bal(tb2026, '550'), bal(cumulative, '550'))
    assert.equal(bal(tb2026, '550'), '1187.50')
    assert.equal(bal(cumulative, '610'), undefined === bal(cumulative, '610') ? undefined : '0.00')
    assert.equal(tb2026.totals.debit, tb2026.totals.credit)

    // Locked: posting, deleting, closing again → 409; the DB refuses raw writes too.
    const late = await call(
      client,
      org,
      'post',
      `/buildings/${b.id}/journal-entries`,
      entry({ date: '2025-06-01' })
    )
    late.assertStatus(409)
    assert.equal(late.body().errors[0].code, 'E_INVALID_STATE')
    await expectStatus(
      call(client, org, 'post', `/buildings/${b.id}/journal-entries/year-end-closing`, {
        fiscalYear: 2025,
      }),
      409
    )
    const old = await call(
      client,
      org,
      'get',
      `/buildings/${b.id}/journal-entries?fiscalYear=2025&type=manual`
    ).then((r) => r.body().data[0])
    await expectStatus(call(client, org, 'delete', `/journal-entries/${old.id}`), 409)
    await expectStatus(
      call(
        client,
        org,
        'post',
        `/buildings/${b.id}/journal-entries`,
        entry({ date: '2024-06-01' })
      ),
      409
    )
    await expectStatus(
      call(client, org, 'post', `/buildings/${b.id}/journal-entries/year-end-closing`, {
        fiscalYear: 'x',
      }),
      422
    )
    // Income statement of the closed year still shows its charges and income.
    const is = await call(
      client,
      org,
      'get',
      `/buildings/${b.id}/reports/income-statement?fiscalYear=2025`
    ).then((r) => r.body())
    assert.equal(is.totalIncome, '2400.00')
    assert.equal(is.totalCharges, '1512.50')
    assert.equal(is.result, '887.50')
  })

  test('closing in order: a later year cannot close before the earlier one', async ({ client }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org)
    await call(
      client,
      org,
      'post',
      `/buildings/${b.id}/journal-entries`,
      entry({ date: '2025-03-01' })
    )
    await call(
      client,
      org,
      'post',
      `/buildings/${b.id}/journal-entries`,
      entry({ date: '2026-03-01' })
    )
    await expectStatus(
      call(client, org, 'post', `/buildings/${b.id}/journal-entries/year-end-closing`, {
        fiscalYear: 2026,
      }),
      409
    )
    await expectStatus(
      call(client, org, 'post', `/buildings/${b.id}/journal-entries/year-end-closing`, {
        fiscalYear: 2025,
      }),
      200
    )
    await expectStatus(
      call(client, org, 'post', `/buildings/${b.id}/journal-entries/year-end-closing`, {
        fiscalYear: 2026,
      }),
      200
    )
  })
})

test.group('Ledger API: export and reports @accounting', () => {
  test('FEC and CSV exports stream every line of the tenant only', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const other = await signupOrg(client)
    const b = await createBuilding(client, org)
    const ob = await createBuilding(client, other)
    const o = await createOwner(client, org, { firstName: 'Anne', lastName: 'Dupont|Smet' })
    await call(
      client,
      org,
      'post',
      `/buildings/${b.id}/journal-entries`,
      entry({ description: 'Facture "Engie", mars' })
    )
    await call(
      client,
      org,
      'post',
      `/buildings/${b.id}/journal-entries`,
      entry({
        date: '2026-04-01',
        journal: 'sales',
        type: 'call_for_funds',
        description: 'Appel T2',
        lines: [
          { accountCode: '410', debit: '1500', ownerId: o.id },
          { accountCode: '700', credit: '1500' },
        ],
      })
    )
    await call(client, other, 'post', `/buildings/${ob.id}/journal-entries`, entry())

    const fec = await call(
      client,
      org,
      'get',
      `/buildings/${b.id}/journal-entries/export?format=fec`
    )
    fec.assertStatus(200)
    assert.match(fec.header('content-type') ?? '', /text\/plain/)
    const lines = fec.text().trim().split('\n')
    assert.equal(lines.length, 5)
    assert.equal(
      lines[0],
      'JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|Montantdevise|Idevise'
    )
    for (const l of lines) assert.equal(l.split('|').length, 18)
    // Empty fields are empty: no quote bytes (COPY quotes an empty string) nor other controls.
    const controls = [...fec.text()].filter((c) => c < ' ' && c !== '\n' && c !== '\t')
    assert.lengthOf(controls, 0)
    assert.match(lines[1], /\|\|\|\d{8}\|\|EUR$/)
    const ownerLine = lines.find((l) => l.includes(o.id))!
    assert.include(ownerLine, 'Anne Dupont Smet')
    assert.include(ownerLine, '|1500,00|0,00|')
    assert.include(lines[1], '|20260310|')

    const csv = await call(
      client,
      org,
      'get',
      `/buildings/${b.id}/journal-entries/export?format=csv`
    )
    csv.assertStatus(200)
    assert.match(csv.header('content-type') ?? '', /text\/csv/)
    assert.match(csv.header('content-disposition') ?? '', /attachment/)
    const rows = csv.text().trim().split('\n')
    assert.equal(rows.length, 5)
    assert.include(csv.text(), '"Facture ""Engie"", mars"')
    await expectStatus(
      call(client, org, 'get', `/buildings/${b.id}/journal-entries/export?format=xml`),
      422
    )
    await expectStatus(
      call(client, org, 'get', `/buildings/${ob.id}/journal-entries/export?format=csv`),
      404
    )
  })

  test('balance sheet, income statement and owner balances in JSON, CSV and PDF', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org)
    const o1 = await createOwner(client, org, { firstName: 'Luc', lastName: 'Peeters' })
    const o2 = await createOwner(client, org, { firstName: 'Marie', lastName: 'Janssens' })
    const post = (body: object) =>
      call(client, org, 'post', `/buildings/${b.id}/journal-entries`, body)
    await expectStatus(
      post({
        date: '2026-01-10',
        journal: 'sales',
        type: 'call_for_funds',
        description: 'Appel T1',
        lines: [
          { accountCode: '410', debit: '750.00', ownerId: o1.id },
          { accountCode: '410', debit: '750.00', ownerId: o2.id },
          { accountCode: '700', credit: '1000.00' },
          { accountCode: '701', credit: '500.00' },
        ],
      }),
      201
    )
    await expectStatus(
      post({
        date: '2026-01-20',
        journal: 'bank',
        type: 'payment_received',
        description: 'Paiement',
        lines: [
          { accountCode: '550', debit: '1000.00' },
          { accountCode: '410', credit: '1000.00', ownerId: o1.id },
        ],
      }),
      201
    )
    await expectStatus(post(entry({ date: '2026-02-01' })), 201)

    const bs = await call(
      client,
      org,
      'get',
      `/buildings/${b.id}/reports/balance-sheet?asOf=2026-12-31`
    ).then((r) => r.body())
    assert.isTrue(bs.balanced)
    assert.equal(bs.totalAssets, bs.totalLiabilities)
    // Marie owes 750 (asset), Luc paid 250 in advance (liability).
    assert.deepEqual(bs.assets.find((l: any) => l.accountCode === '410').amount, '750.00')
    assert.deepEqual(bs.liabilities.find((l: any) => l.accountCode === '410').amount, '250.00')
    assert.equal(bs.resultOfPeriod, '1249.60')

    const is = await call(
      client,
      org,
      'get',
      `/buildings/${b.id}/reports/income-statement?fiscalYear=2026`
    ).then((r) => r.body())
    assert.equal(is.totalIncome, '1500.00')
    assert.equal(is.totalCharges, '250.40')
    assert.equal(is.result, '1249.60')

    const ob = await bodyOf(call(client, org, 'get', `/buildings/${b.id}/reports/owner-balances`))
    const byName = Object.fromEntries(ob.owners.map((o: any) => [o.ownerName, o.balance]))
    assert.equal(byName['Luc Peeters'], '-250.00')
    assert.equal(byName['Marie Janssens'], '750.00')
    assert.equal(ob.totals.balance, '500.00')

    const csv = await call(
      client,
      org,
      'get',
      `/buildings/${b.id}/reports/owner-balances?format=csv`
    )
    csv.assertStatus(200)
    assert.match(csv.header('content-type') ?? '', /text\/csv/)
    assert.include(csv.text(), 'Marie Janssens')
    const bsCsv = await call(
      client,
      org,
      'get',
      `/buildings/${b.id}/reports/balance-sheet?format=csv&asOf=2026-12-31`
    )
    assert.include(bsCsv.text(), 'totalAssets')
    await expectStatus(
      call(client, org, 'get', `/buildings/${b.id}/reports/balance-sheet?format=doc`),
      422
    )

    const res = await fetch(
      `${baseUrl()}/api/v1/buildings/${b.id}/reports/income-statement?format=pdf&fiscalYear=2026`,
      { headers: { 'Authorization': `Bearer ${org.token}`, 'Accept-Language': 'nl' } }
    )
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), 'application/pdf')
    const buffer = Buffer.from(await res.arrayBuffer())
    assert.isTrue(isPdf(buffer))
    const text = await pdfText(buffer)
    assert.include(text, 'Resultatenrekening')
    assert.include(text, 'Kosten')
    assert.include(text, 'Électricité')
  }).timeout(60_000)

  test('permissions, module gate and cross-organisation 404s', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const other = await signupOrg(client)
    const b = await createBuilding(client, org)
    const e = await call(client, org, 'post', `/buildings/${b.id}/journal-entries`, entry()).then(
      (r) => r.body()
    )
    const board = await addMember(org, 'board_member')
    const accountant = await addMember(org, 'accountant')
    await expectStatus(call(client, board, 'get', `/buildings/${b.id}/journal-entries`), 200)
    await expectStatus(call(client, board, 'get', `/buildings/${b.id}/reports/balance-sheet`), 200)
    await expectStatus(
      call(client, board, 'post', `/buildings/${b.id}/journal-entries`, entry()),
      403
    )
    await expectStatus(call(client, board, 'delete', `/journal-entries/${e.id}`), 403)
    await expectStatus(
      call(client, board, 'post', `/buildings/${b.id}/accounts`, { code: '6129', name: 'x' }),
      403
    )
    await expectStatus(
      call(client, accountant, 'post', `/buildings/${b.id}/journal-entries`, entry()),
      201
    )
    const ownerRole = await addMember(org, 'owner')
    await expectStatus(call(client, ownerRole, 'get', `/buildings/${b.id}/journal-entries`), 403)

    // Org B sees nothing of org A and changes nothing.
    await expectStatus(call(client, other, 'get', `/journal-entries/${e.id}`), 404)
    await expectStatus(call(client, other, 'delete', `/journal-entries/${e.id}`), 404)
    await expectStatus(call(client, other, 'post', `/journal-entries/${e.id}/reverse`, {}), 404)
    await expectStatus(
      call(client, other, 'post', `/buildings/${b.id}/journal-entries`, entry()),
      404
    )
    await expectStatus(
      call(client, other, 'get', `/buildings/${b.id}/journal-entries/export?format=csv`),
      404
    )
    const account = await bodyOf(
      call(client, org, 'get', `/buildings/${b.id}/accounts?code=100`)
    ).then((r) => r.data[0])
    await expectStatus(
      call(client, other, 'put', `/accounts/${account.id}`, { name: 'Hacked' }),
      404
    )
    await expectStatus(call(client, other, 'delete', `/accounts/${account.id}`), 404)
    const still = await owner().rawQuery(`select name from accounting_accounts where id = ?`, [
      account.id,
    ])
    assert.notEqual(still.rows[0].name, 'Hacked')
    const entries = await owner().rawQuery(
      `select count(*)::int as n from accounting_journal_entries where building_id = ? and status = 'posted'`,
      [b.id]
    )
    assert.equal(entries.rows[0].n, 2)

    // Module disabled → 403 E_MODULE_DISABLED, data kept.
    await expectStatus(
      call(client, org, 'put', '/organisation/modules/accounting', { enabled: false }),
      200
    )
    const gated = await call(client, org, 'get', `/buildings/${b.id}/journal-entries`)
    gated.assertStatus(403)
    assert.equal(gated.body().errors[0].code, 'E_MODULE_DISABLED')
    await expectStatus(
      call(client, org, 'put', '/organisation/modules/accounting', { enabled: true }),
      200
    )
    await expectStatus(call(client, org, 'get', `/journal-entries/${e.id}`), 200)
  })
})
