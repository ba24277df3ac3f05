import { test } from '@japa/runner'
import { peakPercentage, percentageHundredths, type Period } from '#services/ownership_service'

/*
| Ownership shares are numeric(5,2) percentages; the "Σ ≤ 100 %" check counts them in
| exact hundredths (bigint), never as floats.
*/
test.group('ownership percentages in exact hundredths', () => {
  test('a validated percentage → hundredths, exactly', ({ assert }) => {
    assert.equal(percentageHundredths(33.33), 3333n)
    assert.equal(percentageHundredths('33.34'), 3334n)
    assert.equal(percentageHundredths(0.29), 29n) // 0.29 × 100 = 28.999999999999996 as a float
    assert.equal(percentageHundredths(0.07), 7n)
    assert.equal(percentageHundredths(100), 10000n)
    assert.equal(percentageHundredths('50.5'), 5050n)
  })

  test('anything a numeric(5,2) ≤ 100 cannot hold is refused, not rounded', ({ assert }) => {
    for (const bad of [100.01, '12.345', 0.001, 1000, '-5', 'half', '1e2']) {
      assert.throws(() => percentageHundredths(bad), /Invalid percentage/, String(bad))
    }
  })

  test('peak of overlapping shares: 33.33 + 33.33 + 33.34 is exactly 100.00', ({ assert }) => {
    const p = (start: string, end: string | null, value: number): Period => ({
      start,
      end,
      cents: percentageHundredths(value),
    })
    const others = [p('2020-01-01', null, 33.33), p('2020-01-01', null, 33.33)]
    assert.strictEqual(peakPercentage(others, p('2020-01-01', null, 33.34)), 10000n)
    assert.strictEqual(peakPercentage(others, p('2020-01-01', null, 33.35)), 10001n)
    // Many small shares: a float sum of 0.1-steps drifts (0.1 × 3 ≠ 0.3), hundredths do not.
    const tenths = Array.from({ length: 999 }, () => p('2021-01-01', null, 0.1))
    assert.strictEqual(peakPercentage(tenths, p('2021-01-01', null, 0.1)), 10000n)
    // A share that ended before the candidate starts does not count.
    const ended = [p('2019-01-01', '2020-01-01', 60), p('2020-01-01', null, 40)]
    assert.strictEqual(peakPercentage(ended, p('2020-01-01', null, 60)), 10000n)
    // Only days inside the candidate's period matter (a sale recorded ahead).
    const sale = [p('2020-01-01', '2030-01-01', 100)]
    assert.strictEqual(peakPercentage(sale, p('2030-01-01', null, 100)), 10000n)
    assert.strictEqual(peakPercentage(sale, p('2029-12-31', null, 100)), 20000n)
  })
})
