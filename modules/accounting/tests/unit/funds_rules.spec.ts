import { test } from '@japa/runner'
import { fromCents, toCents } from '#services/money'
import { splitByQuota, splitCents } from '../../services/funds/split.js'
import {
  checkDigits,
  formatStructuredCommunication,
  isValidStructuredCommunication,
  makeStructuredCommunication,
  randomStructuredCommunication,
} from '../../services/funds/structured_communication.js'
import { interestCents, lateInterestCents } from '../../services/funds/interest.js'
import { alertLevel, variancePercent } from '../../services/funds/variance.js'
import { epcPayload } from '../../services/funds/epc_qr.js'

const euros = (parts: bigint[]) => parts.map(fromCents)
const total = (parts: bigint[]) => fromCents(parts.reduce((a, b) => a + b, 0n))

test.group('Funds: split rule (largest remainder, integer cents)', () => {
  test('10,000 + 5,000 EUR, unit 100/1000, sole owner → 1,500.00', ({ assert }) => {
    const parts = splitByQuota(
      toCents('10000') + toCents('5000'),
      [{ quota: 100, percentage: '100.00' }],
      1000
    )
    assert.deepEqual(euros(parts), ['1500.00'])
  })

  test('two co-owners 50/50 of that unit → 750.00 each', ({ assert }) => {
    const parts = splitByQuota(
      toCents('15000.00'),
      [
        { quota: 100, percentage: '50.00' },
        { quota: 100, percentage: '50.00' },
      ],
      1000
    )
    assert.deepEqual(euros(parts), ['750.00', '750.00'])
  })

  test('100.00 over co-owners holding 33.34 / 33.33 / 33.33 % of a unit holding all quotas', ({
    assert,
  }) => {
    const parts = splitByQuota(
      toCents('100.00'),
      [
        { quota: 1000, percentage: '33.34' },
        { quota: 1000, percentage: '33.33' },
        { quota: 1000, percentage: '33.33' },
      ],
      1000
    )
    assert.deepEqual(euros(parts), ['33.34', '33.33', '33.33'])
    assert.equal(total(parts), '100.00')
  })

  test('10.00 over three sole-owned units of quota 1 in a total of 3 → 3.33 / 3.33 / 3.34, never 9.99 or 10.01', ({
    assert,
  }) => {
    const holders = [1, 2, 3].map(() => ({ quota: 1, percentage: '100.00' }))
    const parts = splitByQuota(toCents('10.00'), holders, 3)
    assert.deepEqual(euros(parts), ['3.33', '3.33', '3.34'])
    assert.equal(total(parts), '10.00')
    assert.notEqual(total(parts), '9.99')
    assert.notEqual(total(parts), '10.01')
    // Stable: the same input always gives the same parts.
    assert.deepEqual(euros(splitByQuota(toCents('10.00'), holders, 3)), ['3.33', '3.33', '3.34'])
  })

  test('parts always sum exactly to the total over many awkward splits', ({ assert }) => {
    for (const amount of ['0.01', '0.02', '1.00', '99.99', '1234567.89', '15000.00']) {
      for (const n of [1, 2, 3, 7, 13, 1000]) {
        const holders = Array.from({ length: n }, (_, i) => ({
          quota: (i % 5) + 1,
          percentage: '100.00',
        }))
        const sumQuota = holders.reduce((a, h) => a + h.quota, 0)
        const parts = splitByQuota(toCents(amount), holders, sumQuota)
        assert.equal(total(parts), amount, `${amount} over ${n}`)
        for (const p of parts) assert.isTrue(p >= 0n)
      }
    }
  })

  test('weights not covering the whole building: parts sum to the rounded share', ({ assert }) => {
    const parts = splitCents(1000n, [1n, 1n], 3n)
    assert.deepEqual(euros(parts), ['3.33', '3.34'])
  })

  test('money parsing is exact and half-up', ({ assert }) => {
    assert.equal(toCents('0.1') + toCents('0.2'), toCents('0.3'))
    assert.equal(fromCents(toCents('1.005')), '1.01')
    assert.equal(fromCents(toCents(1500)), '1500.00')
    assert.equal(fromCents(toCents('-12.5')), '-12.50')
  })
})

test.group('Funds: structured communication (mod 97)', () => {
  test('check digits are the base mod 97, 97 when it is 0', ({ assert }) => {
    assert.equal(checkDigits('1234567890'), String(1234567890n % 97n).padStart(2, '0'))
    assert.equal(checkDigits('0000000097'), '97')
    assert.equal(makeStructuredCommunication('0000000001'), '000000000101')
    assert.equal(formatStructuredCommunication('123456789002'), '+++123/4567/89002+++')
  })

  test('validates the printed form and rejects a wrong check', ({ assert }) => {
    const good = makeStructuredCommunication('1234567890')
    assert.isTrue(isValidStructuredCommunication(formatStructuredCommunication(good)))
    const bad = good.slice(0, 10) + String((Number(good.slice(10)) % 97) + 1).padStart(2, '0')
    assert.isFalse(isValidStructuredCommunication(bad))
    assert.isFalse(isValidStructuredCommunication('+++123/4567/8900+++'))
    for (let i = 0; i < 200; i++)
      assert.isTrue(isValidStructuredCommunication(randomStructuredCommunication()))
  })
})

test.group('Funds: late interest', () => {
  test('amount × 4.5 % × days ÷ 365', ({ assert }) => {
    // 1,000.00 × 4.5 % × 365 / 365 = 45.00
    assert.equal(fromCents(interestCents(toCents('1000'), '4.50', 365)), '45.00')
    // 1,500.00 × 4.5 % × 30 / 365 = 5.5479… → 5.55
    assert.equal(fromCents(interestCents(toCents('1500'), '4.50', 30)), '5.55')
    assert.equal(fromCents(interestCents(toCents('1500'), '4.50', 0)), '0.00')
  })

  test('a delay over two calendar years uses each year’s rate', ({ assert }) => {
    const rates: Record<number, string> = { 2025: '4.50', 2026: '6.00' }
    // due 2025-12-21: 10 days in 2025 (22–31/12) at 4.5 %, 10 days in 2026 at 6 %.
    const cents = lateInterestCents(toCents('3650'), '2025-12-21', '2026-01-10', (y) => rates[y])
    // 3650 × (0.045 × 10 + 0.06 × 10) / 365 = 4.50 + 6.00
    assert.equal(fromCents(cents), '10.50')
    assert.equal(
      fromCents(lateInterestCents(toCents('100'), '2026-01-10', '2026-01-10', () => '4.5')),
      '0.00'
    )
  })
})

test.group('Funds: budget variance', () => {
  test('(actual − budgeted) ÷ budgeted × 100, null when budgeted is 0', ({ assert }) => {
    assert.equal(variancePercent('1100.00', '1000.00'), '10.00')
    assert.equal(variancePercent('900.00', '1000.00'), '-10.00')
    assert.equal(variancePercent('0.00', '1000.00'), '-100.00')
    assert.equal(variancePercent('1000.00', '3000.00'), '-66.67')
    assert.isNull(variancePercent('50.00', '0.00'))
  })

  test('alert levels: 90 % warning, over 100 % alert', ({ assert }) => {
    assert.equal(alertLevel('899.99', '1000'), 0)
    assert.equal(alertLevel('900.00', '1000'), 90)
    assert.equal(alertLevel('1000.00', '1000'), 90)
    assert.equal(alertLevel('1000.01', '1000'), 100)
  })
})

test.group('Funds: EPC QR payload (EPC069-12)', () => {
  test('version 002, UTF-8, SCT, IBAN, amount and the structured reference', ({ assert }) => {
    const payload = epcPayload({
      bic: 'GEBABEBB',
      name: 'ACP Résidence Les Tilleuls',
      iban: 'BE68 5390 0754 7034',
      amount: '1500.00',
      structuredCommunication: '123456789002',
    })
    assert.deepEqual(payload.split('\n'), [
      'BCD',
      '002',
      '1',
      'SCT',
      'GEBABEBB',
      'ACP Résidence Les Tilleuls',
      'BE68539007547034',
      'EUR1500.00',
      '',
      '123456789002',
    ])
  })
})
