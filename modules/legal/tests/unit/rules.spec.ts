import { test } from '@japa/runner'
import { regionOf } from '#config/legal'
import { defaultValidUntil, periodicityMonths } from '../../services/inspection_rules.js'
import {
  buildSections,
  SECTION_KEYS,
  type EtatDateInput,
} from '../../services/etat_date_sections.js'
import { etatDateHtml, formatMoney } from '../../pdf/etat_date_html.js'

test.group('legal: inspection periodicity defaults', () => {
  test('regions from Belgian postal codes', ({ assert }) => {
    assert.equal(regionOf('1050'), 'brussels')
    assert.equal(regionOf('1300'), 'wallonia')
    assert.equal(regionOf('4000'), 'wallonia')
    assert.equal(regionOf('2000'), 'flanders')
    assert.equal(regionOf('9000'), 'flanders')
  })

  test('{type} → {months} months')
    .with([
      { type: 'electrical', ctx: { constructionYear: 1995 }, months: 300 },
      { type: 'electrical', ctx: { constructionYear: 1970 }, months: 300 },
      { type: 'heating', ctx: { heatingPowerKw: 150, heatingFuel: 'gas' }, months: 12 },
      { type: 'heating', ctx: { heatingFuel: 'gas', postalCode: '1000' }, months: 24 },
      { type: 'heating', ctx: { heatingFuel: 'gas', postalCode: '5000' }, months: 36 },
      { type: 'heating', ctx: { heatingFuel: 'oil', postalCode: '9000' }, months: 12 },
      { type: 'elevator', ctx: {}, months: 12 },
      { type: 'fire_safety', ctx: {}, months: 36 },
      { type: 'peb', ctx: {}, months: 120 },
    ] as const)
    .run(({ assert }, { type, ctx, months }) => {
      assert.equal(periodicityMonths({ type, ...(ctx as object) } as any), months)
    })

  test('validUntil defaults from the inspection date', ({ assert }) => {
    assert.equal(defaultValidUntil('2026-03-10', { type: 'fire_safety' }), '2029-03-10')
    assert.equal(defaultValidUntil('2024-02-29', { type: 'elevator' }), '2025-02-28')
    assert.equal(defaultValidUntil('2026-01-15', { type: 'peb' }), '2036-01-15')
  })
})

function input(overrides: Partial<EtatDateInput> = {}): EtatDateInput {
  return {
    etatDate: {
      id: '00000000-0000-4000-8000-000000000001',
      reference: 'VTE-1',
      requestDate: '2027-04-26',
      dueDate: '2027-05-19',
      saleDate: null,
      notaryName: 'Maître Lambert',
      notaryEmail: 'l@n.test',
      notaryOffice: null,
      locale: 'nl',
    },
    asOf: '2027-05-03',
    building: {
      id: 'b',
      name: 'Résidence',
      street: 'Rue 1',
      postalCode: '1000',
      city: 'Bruxelles',
      enterpriseNumber: null,
      totalQuota: 1000,
      constructionYear: null,
    },
    unit: { id: 'u', number: 'A1', type: 'apartment', floor: '1', area: '80.00', quota: 125 },
    owners: [{ ownerId: 'o', name: 'Marie Dubois', percentage: '100.00', email: null }],
    financials: {
      kept: true,
      data: {
        ownerBalance: [{ ownerId: 'o', name: 'Marie Dubois', balance: '1234.56' }],
        provisions: { ordinary: '300.00', extraordinary: '50.00', period: '2027-Q2' },
        balanceDue: '1234.56',
        worksVotedNotCalled: [{ description: 'Toiture', amount: '25000.00' }],
        chargesHistory: [
          { fiscalYear: 2023, ordinary: '1.00', extraordinary: '0.00' },
          { fiscalYear: 2024, ordinary: '2.00', extraordinary: '0.00' },
          { fiscalYear: 2025, ordinary: '3.00', extraordinary: '0.00' },
          { fiscalYear: 2026, ordinary: '4.00', extraordinary: '0.00' },
        ],
        reserveFund: { total: '40000.00', unitShare: '5000.00' },
      },
    },
    disputes: [
      { kind: 'dispute', title: 'D', status: 'open' },
      { kind: 'legal_proceeding', title: 'P', status: 'open' },
    ],
    insuranceClaims: [
      { claimDate: '2023-01-01', description: 'old', amount: '1.00', status: 'paid' },
      { claimDate: '2025-01-01', description: 'recent', amount: '2.00', status: 'paid' },
    ],
    insuranceContracts: [
      { insurer: 'AG', active: true },
      { insurer: 'Old', active: false },
    ],
    serviceContracts: [
      { supplier: 'A', endDate: null },
      { supplier: 'B', endDate: '2020-01-01' },
    ],
    documents: [],
    minutes: [],
    syndic: {
      name: 'Syndic',
      address: null,
      email: null,
      phone: null,
      vatNumber: null,
      handledBy: null,
    },
    ...overrides,
  }
}

test.group('legal: état daté section builders', () => {
  test('16 numbered sections in the legal order', ({ assert }) => {
    const sections = buildSections(input())
    assert.deepEqual(
      sections.map((s) => s.key),
      [...SECTION_KEYS]
    )
    assert.deepEqual(
      sections.map((s) => s.number),
      Array.from({ length: 16 }, (_, i) => i + 1)
    )
  })

  test('registers are split and filtered: disputes vs proceedings, claims of the last 3 years, current contracts', ({
    assert,
  }) => {
    const s = buildSections(input())
    assert.deepEqual(
      (s[6].data.items as any[]).map((d) => d.title),
      ['D']
    )
    assert.deepEqual(
      (s[7].data.items as any[]).map((d) => d.title),
      ['P']
    )
    assert.deepEqual(
      (s[8].data.items as any[]).map((d) => d.description),
      ['recent']
    )
    assert.deepEqual(
      (s[11].data.items as any[]).map((d) => d.insurer),
      ['AG']
    )
    assert.deepEqual(
      (s[12].data.items as any[]).map((d) => d.supplier),
      ['A']
    )
    assert.lengthOf(s[13].data.years as any[], 3)
    assert.deepEqual(s[10].data.items, [])
    assert.equal((s[1].data.ordinary as any).fraction, '125/1000')
  })

  test('without accounting, the ledger sections are marked unavailable (never invented)', ({
    assert,
  }) => {
    const s = buildSections(input({ financials: { kept: false, reason: 'module_disabled' } }))
    for (const n of [3, 4, 5, 6, 14, 15]) assert.isFalse(s[n - 1].available)
    for (const n of [1, 2, 7, 8, 9, 10, 11, 12, 13, 16]) assert.isTrue(s[n - 1].available)
    const html = etatDateHtml(
      {
        schema: 1,
        version: 1,
        generatedAt: '2027-05-03T10:00:00.000Z',
        asOf: '2027-05-03',
        locale: 'nl',
        etatDate: input().etatDate,
        sections: s,
      },
      { name: 'Syndic' }
    )
    assert.include(html, '3. Financiële toestand van de mede-eigenaar')
    assert.include(html, 'Er wordt in dit platform geen boekhouding gevoerd')
    assert.include(html, 'Er zijn in dit platform geen notulen')
  })

  test('amounts are formatted from the ledger strings, in the notary language', ({ assert }) => {
    assert.equal(formatMoney('1234.56', 'fr').replace(/\s/g, ' '), '1 234,56 €')
    assert.equal(formatMoney('1234.56', 'en'), '€1,234.56')
    assert.equal(formatMoney(null, 'nl'), '—')
  })
})
