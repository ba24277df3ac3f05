import { test } from '@japa/runner'
import {
  addCents,
  allocateCents,
  centsOf,
  compareCents,
  divRoundHalfUp,
  formatCents,
  fromCents,
  InvalidAmountError,
  MAX_CENTS,
  money,
  moneyOf,
  moneyOrNull,
  parseCents,
  subtractCents,
  sumCents,
  toCents,
  toCentsOrNull,
  toScaled,
} from '#services/money'

const BEYOND_2_53 = 2n ** 53n + 1n // 9007199254740993: not representable as a double

test.group('money: strict parse (parseCents)', () => {
  test('plain decimals with up to 2 decimals', ({ assert }) => {
    assert.equal(parseCents('1500'), 150000n)
    assert.equal(parseCents('1500.5'), 150050n)
    assert.equal(parseCents(' 1500.50 '), 150050n)
    assert.equal(parseCents(1500.5), 150050n)
    assert.equal(parseCents(0.1), 10n)
    assert.equal(parseCents('0'), 0n)
    assert.equal(parseCents('0.01'), 1n)
  })

  test('refuses what it would have to round or guess', ({ assert }) => {
    for (const bad of ['0.005', '10.001', '1e3', 'abc', '', ' ', '.5', '5.', '+5', '1,50']) {
      assert.isNull(parseCents(bad), bad)
    }
    assert.isNull(parseCents(0.005))
    assert.isNull(parseCents(1e21)) // exponent notation
    assert.isNull(parseCents(Number.NaN))
    assert.isNull(parseCents(Number.POSITIVE_INFINITY))
    assert.isNull(parseCents(null))
    assert.isNull(parseCents(undefined))
    assert.isNull(parseCents(12n))
    assert.isNull(parseCents({}))
  })

  test('negatives only when allowed', ({ assert }) => {
    assert.isNull(parseCents('-5'))
    assert.isNull(parseCents('-0'))
    assert.equal(parseCents('-5.25', { allowNegative: true }), -525n)
    assert.equal(parseCents(-0.1, { allowNegative: true }), -10n)
  })

  test('bounded by numeric(14,2) and by the digits asked for', ({ assert }) => {
    assert.equal(parseCents('999999999999.99'), MAX_CENTS)
    assert.isNull(parseCents('1000000000000.00')) // over numeric(14,2)
    assert.isNull(parseCents('1000000000000000'))
    assert.isNull(parseCents('0000000000000001')) // 16 digits, even if small
    assert.equal(parseCents('999999999.99', { integerDigits: 9 }), 99_999_999_999n)
    assert.isNull(parseCents('1000000000', { integerDigits: 9 }))
    assert.isNull(parseCents('101', { maxCents: 10000n }))
  })

  test('no float drift', ({ assert }) => {
    assert.equal(formatCents(parseCents(0.1)! + parseCents(0.2)!), '0.30')
  })
})

test.group('money: lenient amounts (toCents, half-up)', () => {
  test('half-up on the third decimal, away from zero', ({ assert }) => {
    assert.equal(toCents('1.005'), 101n)
    assert.equal(toCents('1.004999'), 100n) // only the third decimal counts
    assert.equal(toCents('0.005'), 1n)
    assert.equal(toCents('-0.005'), -1n)
    assert.equal(toCents('-12.5'), -1250n)
    assert.equal(toCents('2.675'), 268n) // a float would give 2.67
    assert.equal(toCents(1.005), 101n) // numbers go through toFixed(6)
    assert.equal(toCents(-2.675), -268n)
  })

  test('accepted shapes', ({ assert }) => {
    assert.equal(toCents('+3'), 300n)
    assert.equal(toCents('.5'), 50n)
    assert.equal(toCents('5.'), 500n)
    assert.equal(toCents(1500), 150000n)
    assert.equal(toCents(15n), 1500n) // bigint = whole euros
    assert.equal(toCents(null), 0n)
    assert.equal(toCents(undefined), 0n)
    assert.equal(toCents(''), 0n)
  })

  test('garbage throws', ({ assert }) => {
    for (const bad of ['abc', '.', '+', '-', ' ', '1,5', '1e3', '--1']) {
      assert.throws(() => toCents(bad), InvalidAmountError, /^Not a decimal amount/, bad)
    }
    assert.throws(() => toCents(Number.NaN), InvalidAmountError)
    assert.throws(() => toCents(Number.POSITIVE_INFINITY), InvalidAmountError)
  })

  test('exact beyond 2^53 cents', ({ assert }) => {
    assert.equal(toCents('90071992547409.93'), BEYOND_2_53)
    assert.equal(fromCents(BEYOND_2_53), '90071992547409.93')
    assert.equal(toCents('12345678901234567890.12'), 1234567890123456789012n)
    assert.equal(formatCents(toCents('90071992547409.93') + toCents('0.01')), '90071992547409.94')
  })

  test('toCentsOrNull: same rounding, null instead of errors', ({ assert }) => {
    assert.equal(toCentsOrNull('1.005'), 101n)
    assert.equal(toCentsOrNull(12.5), 1250n)
    assert.equal(toCentsOrNull('-3'), -300n)
    for (const bad of [null, undefined, '', 'abc', '.5', '+5', '5.', Number.NaN, {}, true]) {
      assert.isNull(toCentsOrNull(bad), String(bad))
    }
  })
})

test.group('money: database values (centsOf) and formatting', () => {
  test('centsOf reads numeric strings exactly', ({ assert }) => {
    assert.equal(centsOf('-0.5'), -50n)
    assert.equal(centsOf('12'), 1200n)
    assert.equal(centsOf('0.00'), 0n)
    assert.equal(centsOf(null), 0n)
    assert.equal(centsOf('90071992547409.93'), BEYOND_2_53)
    assert.equal(centsOf('1.239'), 123n) // an average's extra digits are cut
    assert.throws(() => centsOf('abc'), InvalidAmountError)
    assert.throws(() => centsOf('+1'), InvalidAmountError)
  })

  test('formatCents', ({ assert }) => {
    assert.equal(formatCents(-12345n), '-123.45')
    assert.equal(formatCents(5n), '0.05')
    assert.equal(formatCents(-5n), '-0.05')
    assert.equal(formatCents(0n), '0.00')
    assert.equal(formatCents(100n), '1.00')
  })

  test('money / moneyOf / moneyOrNull', ({ assert }) => {
    assert.equal(money('12.5'), '12.50')
    assert.equal(money(null), '0.00')
    assert.equal(money('1.005'), '1.01')
    assert.equal(moneyOf('12.5'), '12.50')
    assert.equal(moneyOf(undefined), '0.00')
    assert.equal(moneyOrNull('1500'), '1500.00')
    assert.isNull(moneyOrNull(null))
    assert.isNull(moneyOrNull('n/a'))
  })
})

test.group('money: arithmetic', () => {
  test('add, subtract, sum, compare', ({ assert }) => {
    assert.equal(addCents(10n, 20n, -5n), 25n)
    assert.equal(addCents(), 0n)
    assert.equal(subtractCents(10n, 25n), -15n)
    assert.equal(sumCents([BEYOND_2_53, BEYOND_2_53]), 2n * BEYOND_2_53)
    assert.equal(compareCents(1n, 2n), -1)
    assert.equal(compareCents(2n, 2n), 0)
    assert.equal(compareCents(-1n, -2n), 1)
    assert.deepEqual([3n, -1n, 2n].sort(compareCents), [-1n, 2n, 3n])
  })

  test('divRoundHalfUp rounds halves away from zero', ({ assert }) => {
    assert.equal(divRoundHalfUp(5n, 2n), 3n)
    assert.equal(divRoundHalfUp(-5n, 2n), -3n)
    assert.equal(divRoundHalfUp(4n, 3n), 1n)
    assert.equal(divRoundHalfUp(0n, 7n), 0n)
    assert.throws(() => divRoundHalfUp(1n, 0n))
  })

  test('toScaled', ({ assert }) => {
    assert.equal(toScaled('4.5', 4), 45000n)
    assert.equal(toScaled('4.56789', 2), 456n)
    assert.equal(toScaled(4.5, 2), 450n)
    assert.throws(() => toScaled('-1', 2), InvalidAmountError)
  })
})

test.group('money: allocation by quotas (largest remainder)', () => {
  test('parts sum exactly to the total; ties go to the later parts', ({ assert }) => {
    assert.deepEqual(allocateCents(1000n, [1n, 1n, 1n], 3n).map(formatCents), [
      '3.33',
      '3.33',
      '3.34',
    ])
    const parts = allocateCents(toCents('15000'), [333n, 333n, 334n], 1000n)
    assert.equal(sumCents(parts), toCents('15000'))
  })

  test('largest remainder wins, not the last part', ({ assert }) => {
    // 100 cents by 1/6, 2/6, 3/6 → 16.67, 33.33, 50 → floors 16, 33, 50 + 1 to the first
    assert.deepEqual(allocateCents(100n, [1n, 2n, 3n], 6n), [17n, 33n, 50n])
  })

  test('partial weights round the covered total half-up', ({ assert }) => {
    // half of 0.01 → 0.005 → 0.01 (half-up) given to the part with the remainder
    assert.deepEqual(allocateCents(1n, [1n, 0n], 2n), [1n, 0n])
    assert.deepEqual(allocateCents(1000n, [0n, 0n], 3n), [0n, 0n])
  })

  test('exact with amounts beyond 2^53 cents', ({ assert }) => {
    const parts = allocateCents(BEYOND_2_53, [1n, 1n, 1n], 3n)
    assert.equal(sumCents(parts), BEYOND_2_53)
    assert.deepEqual(parts, [3002399751580331n, 3002399751580331n, 3002399751580331n])
  })

  test('refuses negative totals, negative weights and a zero denominator', ({ assert }) => {
    assert.throws(() => allocateCents(-1n, [1n], 1n))
    assert.throws(() => allocateCents(1n, [-1n], 1n))
    assert.throws(() => allocateCents(1n, [1n], 0n))
  })
})
