import { test } from '@japa/runner'
import { utcIso } from '#services/utc_iso'

test.group('utcIso', () => {
  test('equals Date#toISOString on random instants of 1970–9999 and on the edges', ({ assert }) => {
    const max = Date.UTC(10_000, 0, 1)
    const edges = [
      0,
      1,
      999,
      1000,
      86_399_999,
      86_400_000,
      max - 1,
      Date.UTC(2024, 1, 29, 23, 59, 59, 999),
    ]
    for (const ms of edges) assert.equal(utcIso(ms), new Date(ms).toISOString(), String(ms))
    for (let i = 0; i < 200_000; i++) {
      const ms = Math.floor(Math.random() * max)
      if (utcIso(ms) !== new Date(ms).toISOString()) assert.fail(`${ms}: ${utcIso(ms)}`)
    }
  })

  test('instants outside 1970–9999 and fractional milliseconds go through Date', ({ assert }) => {
    for (const ms of [-1, -86_400_001, Date.UTC(10_000, 0, 1), 1.5, Date.UTC(1969, 11, 31, 23)])
      assert.equal(utcIso(ms), new Date(ms).toISOString())
    assert.throws(() => utcIso(Number.NaN))
  })
})
