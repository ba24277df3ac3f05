import { test } from '@japa/runner'
import { formatCents, toCents } from '#services/money'
import {
  DEFAULT_INTEREST_RATE,
  formatRate,
  interestCents,
  lateInterestCents,
  parseRate,
} from '../../services/funds/interest.js'

/*
| Late-interest rates are numeric(6,3): 4.125 % must stay 4.125 % from the payload to the
| computation (it used to be shown and used as 4.13).
*/
test.group('Funds: interest rates with 3 decimals @accounting', () => {
  test('parseRate / formatRate keep the column scale exactly', ({ assert }) => {
    assert.equal(parseRate('4.125'), 4125n)
    assert.equal(parseRate(4.125), 4125n)
    assert.equal(parseRate('6'), 6000n)
    assert.equal(parseRate(' 4.5 '), 4500n)
    assert.equal(parseRate('0'), 0n)
    assert.equal(parseRate('100.000'), 100000n)
    assert.equal(formatRate(4125n), '4.125')
    assert.equal(formatRate(6000n), '6.000')
    assert.equal(formatRate(5n), '0.005')
    assert.equal(formatRate(parseRate(DEFAULT_INTEREST_RATE)!), '4.500')
  })

  test('parseRate refuses what it would have to round', ({ assert }) => {
    for (const bad of ['4.1255', 4.1255, '100.001', '-1', '1e1', 'abc', '', null, Number.NaN]) {
      assert.isNull(parseRate(bad), String(bad))
    }
  })

  test('4.125 % is used as 4.125 %, rounded half-up once to the cent', ({ assert }) => {
    // 3,650.00 × 4.125 % × 90 / 365 = 37.125 exactly → 37.13 (4.13 % would give 37.17).
    assert.equal(formatCents(interestCents(toCents('3650'), '4.125', 90)), '37.13')
    assert.equal(formatCents(interestCents(toCents('3650'), '4.13', 90)), '37.17')
    // Over two calendar years (10 days each): 100,000.00 × 4.125 % × 20 / 365 = 226.027… → 226.03.
    const rates: Record<number, string> = { 2025: '4.125', 2026: '4.125' }
    const cents = lateInterestCents(toCents('100000'), '2025-12-21', '2026-01-10', (y) => rates[y])
    assert.equal(formatCents(cents), '226.03')
  })

  test('a malformed rate is an error, not a silently truncated rate', ({ assert }) => {
    assert.throws(() => interestCents(toCents('100'), '4.1255', 10), /rate/)
  })
})
