import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import {
  checkInWindow,
  isFreeCancellation,
  isLateCheckout,
  openIntervals,
  priceCents,
  withinOpeningHours,
} from '../../bookings/booking_rules.js'
import { queryWords } from '../../skills/skill_search.js'

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' })

test.group('Community booking rules', () => {
  test('price: hourly, daily (started days), the cheaper of both', ({ assert }) => {
    const s = utc('2026-03-02T08:00:00Z')
    assert.equal(priceCents('12.50', null, s, s.plus({ minutes: 90 })), 1875)
    assert.equal(priceCents(null, '40.00', s, s.plus({ hours: 30 })), 8000)
    assert.equal(priceCents('5.00', '30.00', s, s.plus({ hours: 10 })), 3000)
    assert.equal(priceCents(null, null, s, s.plus({ hours: 3 })), 0)
  })

  test('opening hours are Brussels local time, across the DST change', ({ assert }) => {
    const hours = { sat: [{ from: '08:00', to: '22:00' }], sun: [{ from: '10:00', to: '18:00' }] }
    // 2026-03-28 is a Saturday (CET, UTC+1); 2026-03-29 Sunday switches to CEST (UTC+2).
    assert.isTrue(
      withinOpeningHours(hours, utc('2026-03-28T07:00:00Z'), utc('2026-03-28T09:00:00Z'))
    )
    assert.isFalse(
      withinOpeningHours(hours, utc('2026-03-28T06:30:00Z'), utc('2026-03-28T09:00:00Z'))
    )
    assert.isTrue(
      withinOpeningHours(hours, utc('2026-03-29T08:00:00Z'), utc('2026-03-29T16:00:00Z'))
    )
    assert.isFalse(
      withinOpeningHours(hours, utc('2026-03-30T08:00:00Z'), utc('2026-03-30T09:00:00Z'))
    )
    const open = openIntervals(hours, utc('2026-03-28T00:00:00Z'), utc('2026-03-30T00:00:00Z'))
    assert.deepEqual(
      open.map((i) => [i.start.toISO(), i.end.toISO()]),
      [
        ['2026-03-28T07:00:00.000Z', '2026-03-28T21:00:00.000Z'],
        ['2026-03-29T08:00:00.000Z', '2026-03-29T16:00:00.000Z'],
      ]
    )
    assert.isTrue(
      withinOpeningHours(null, utc('2026-03-30T01:00:00Z'), utc('2026-03-30T02:00:00Z'))
    )
  })

  test('check-in ±30 min, free cancellation until 24 h, late checkout after 1 h', ({ assert }) => {
    const start = utc('2026-05-01T10:00:00Z')
    const w = checkInWindow(start)
    assert.equal(w.opens.toISO(), '2026-05-01T09:30:00.000Z')
    assert.equal(w.closes.toISO(), '2026-05-01T10:30:00.000Z')
    assert.isTrue(isFreeCancellation(start, start.minus({ hours: 24 })))
    assert.isFalse(isFreeCancellation(start, start.minus({ hours: 23, minutes: 59 })))
    assert.isFalse(isLateCheckout(start, start.plus({ minutes: 60 })))
    assert.isTrue(isLateCheckout(start, start.plus({ minutes: 61 })))
  })

  test('search words: letters and digits only (no tsquery syntax), at most 8', ({ assert }) => {
    assert.deepEqual(queryWords('réparation vélo'), ['réparation', 'vélo'])
    assert.deepEqual(queryWords("a & b | !c:* 'd'"), ['a', 'b', 'c', 'd'])
    assert.deepEqual(queryWords('  '), [])
    assert.lengthOf(queryWords('a b c d e f g h i j'), 8)
  })
})
