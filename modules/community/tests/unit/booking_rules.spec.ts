import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import {
  checkInWindow,
  isFreeCancellation,
  isLateCheckout,
  openIntervals,
  openIntervalsMs,
  priceCents,
  ZONE,
  withinOpeningHours,
} from '../../bookings/booking_rules.js'
import { queryWords } from '../../skills/skill_search.js'

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' })

/** The luxon calendar math openIntervalsMs replaces (day by day, `DateTime#set`). */
function luxonOpenIntervals(
  hours: Record<string, { from: string; to: string }[]>,
  from: DateTime,
  to: DateTime
) {
  const keys = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']
  const atLocal = (day: DateTime, hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number)
    return h >= 24 ? day.plus({ days: 1 }).startOf('day') : day.set({ hour: h, minute: m })
  }
  const out: [number, number][] = []
  for (let day = from.setZone(ZONE).startOf('day'); day < to; day = day.plus({ days: 1 })) {
    for (const slot of hours[keys[day.weekday - 1]] ?? []) {
      const s = Math.max(atLocal(day, slot.from).toMillis(), from.toMillis())
      const e = Math.min(atLocal(day, slot.to).toMillis(), to.toMillis())
      if (e > s) out.push([s, e])
    }
  }
  return out
}

test.group('Community booking rules', () => {
  test('price: hourly, daily (started days), the cheaper of both', ({ assert }) => {
    const s = utc('2026-03-02T08:00:00Z')
    assert.equal(priceCents('12.50', null, s, s.plus({ minutes: 90 })), 1875n)
    assert.equal(priceCents(null, '40.00', s, s.plus({ hours: 30 })), 8000n)
    assert.equal(priceCents('5.00', '30.00', s, s.plus({ hours: 10 })), 3000n)
    assert.equal(priceCents(null, null, s, s.plus({ hours: 3 })), 0n)
    // 0.29 × 100 is 28.999… in floating point: cents are exact here.
    assert.equal(priceCents('0.29', null, s, s.plus({ hours: 3 })), 87n)
    // 20 minutes at 10.00/h = 3.333… → 3.33; 10 minutes at 0.03/h = 0.005 → 0.01 (half-up).
    assert.equal(priceCents('10.00', null, s, s.plus({ minutes: 20 })), 333n)
    assert.equal(priceCents('0.03', null, s, s.plus({ minutes: 10 })), 1n)
    assert.equal(priceCents(null, '40.00', s, s.plus({ hours: 24 })), 4000n)
    assert.equal(priceCents(null, '40.00', s, s.plus({ hours: 24, minutes: 1 })), 8000n)
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

  test('opening intervals equal luxon calendar math on every day of two years, DST gaps and overlaps included', ({
    assert,
  }) => {
    const every = (slots: { from: string; to: string }[]) =>
      Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, slots]))
    const configs = [
      every([{ from: '08:00', to: '22:00' }]),
      // 02:30 does not exist on the last Sunday of March and happens twice in October.
      every([
        { from: '00:00', to: '02:30' },
        { from: '02:30', to: '24:00' },
      ]),
      { sun: [{ from: '01:45', to: '03:15' }], sat: [{ from: '23:00', to: '24:00' }] },
      {
        mon: [
          { from: '07:30', to: '12:00' },
          { from: '13:00', to: '18:45' },
        ],
        fri: [],
      },
    ]
    let compared = 0
    for (const hours of configs) {
      // Ranges starting at odd instants (mid-slot, just before midnight Brussels, in a gap).
      for (const [from, days] of [
        ['2026-01-01T00:00:00Z', 730],
        ['2026-03-28T22:59:00Z', 3],
        ['2026-03-29T01:30:00Z', 1],
        ['2026-10-25T00:30:00Z', 2],
        ['2027-03-27T23:00:00Z', 2],
      ] as const) {
        const f = utc(from)
        const t = f.plus({ days, minutes: 17 })
        const fast = openIntervalsMs(hours, f.toMillis(), t.toMillis()).map((i) => [i.start, i.end])
        assert.deepEqual(
          fast,
          luxonOpenIntervals(hours, f, t),
          `${JSON.stringify(hours)} from ${from}`
        )
        compared += fast.length
      }
    }
    assert.isAbove(compared, 2500)
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
