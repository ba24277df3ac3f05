import { test } from '@japa/runner'
import { centsOf, formatCents, moneyOf, parseCents } from '#services/money'
import {
  fiscalYearBounds,
  isIsoDate,
} from '#modules/accounting/services/ledger/fiscal_year_service'
import { checkEntryShape } from '#modules/accounting/services/ledger/posting_service'
import { STANDARD_CHART } from '#modules/accounting/services/ledger/standard_chart'

test.group('Ledger rules @accounting', () => {
  test('amounts are parsed to cents exactly, never through floats', ({ assert }) => {
    assert.equal(parseCents('1500'), 150000n)
    assert.equal(parseCents('1500.5'), 150050n)
    assert.equal(parseCents(1500.5), 150050n)
    assert.equal(parseCents(0.1), 10n)
    assert.equal(parseCents('0.10'), 10n)
    assert.isNull(parseCents('10.001'))
    assert.isNull(parseCents('-5'))
    assert.isNull(parseCents('1e3'))
    assert.isNull(parseCents('abc'))
    assert.isNull(parseCents('1000000000000000'))
    assert.equal(formatCents(-12345n), '-123.45')
    assert.equal(formatCents(5n), '0.05')
    assert.equal(centsOf('-0.5'), -50n)
    assert.equal(moneyOf('12.5'), '12.50')
    // 0.1 + 0.2 in cents is 0.30, to the cent.
    assert.equal(formatCents(parseCents(0.1)! + parseCents(0.2)!), '0.30')
  })

  test('fiscal years follow the start month; dates are real calendar dates', ({ assert }) => {
    assert.deepEqual(fiscalYearBounds('2026-03-01', 1), {
      year: 2026,
      startDate: '2026-01-01',
      endDate: '2026-12-31',
    })
    assert.deepEqual(fiscalYearBounds('2026-03-01', 7), {
      year: 2025,
      startDate: '2025-07-01',
      endDate: '2026-06-30',
    })
    assert.deepEqual(fiscalYearBounds('2024-02-29', 3), {
      year: 2023,
      startDate: '2023-03-01',
      endDate: '2024-02-29',
    })
    assert.isTrue(isIsoDate('2024-02-29'))
    assert.isFalse(isIsoDate('2026-02-29'))
    assert.isFalse(isIsoDate('2026-1-5'))
  })

  test('an entry balances to the cent, one side per line, at least two lines', ({ assert }) => {
    const base = {
      buildingId: '00000000-0000-4000-8000-000000000000',
      date: '2026-01-01',
      journal: 'misc' as const,
      type: 'manual' as const,
      description: 'x',
    }
    const ok = checkEntryShape({
      ...base,
      lines: [
        { accountCode: '600', debit: 0.1 },
        { accountCode: '601', debit: 0.2 },
        { accountCode: '440', credit: '0.30' },
      ],
    })
    assert.lengthOf(ok, 3)
    assert.throws(() =>
      checkEntryShape({
        ...base,
        lines: [
          { accountCode: '600', debit: '10.00' },
          { accountCode: '440', credit: '10.01' },
        ],
      })
    )
    assert.throws(() => checkEntryShape({ ...base, lines: [{ accountCode: '600', debit: '1' }] }))
    assert.throws(() =>
      checkEntryShape({
        ...base,
        lines: [
          { accountCode: '600', debit: '1', credit: '1' },
          { accountCode: '440', credit: '0' },
        ],
      })
    )
  })

  test('the standard chart has the SPEC accounts, unique codes, names in 4 languages', ({
    assert,
  }) => {
    const codes = STANDARD_CHART.map((a) => a.code)
    assert.equal(new Set(codes).size, codes.length)
    for (const code of ['100', '160', '400', '410', '440', '451', '411', '550', '551', '57']) {
      assert.include(codes, code)
    }
    assert.isTrue(codes.some((c) => /^6[0-4]/.test(c)))
    assert.includeMembers(codes, ['700', '701', '750'])
    // Every seeded account is a leaf: no seeded code is a prefix of another.
    for (const a of codes)
      assert.isFalse(
        codes.some((b) => b !== a && b.startsWith(a)),
        a
      )
    for (const a of STANDARD_CHART) {
      for (const locale of ['fr', 'nl', 'de', 'en'] as const) assert.isNotEmpty(a.names[locale])
    }
  })
})
