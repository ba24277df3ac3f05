import { test } from '@japa/runner'
import { DateTime, Settings } from 'luxon'
import { isoDateTime, today } from '#services/unit_service'

/*
| The units list formats timestamps without luxon (app/services/unit_service.ts
| `isoDateTime`) and caches today's Brussels date per minute (`today`). Both must give
| exactly what luxon gives, in any process time zone, across DST changes.
*/
const ZONES = ['UTC', 'Europe/Brussels', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Chatham']

function samples() {
  const dates = [
    new Date('2026-03-29T00:59:59.999Z'),
    new Date('2026-03-29T01:00:00.000Z'),
    new Date('2026-10-25T00:59:59.999Z'),
    new Date('2026-10-25T01:00:00.001Z'),
    new Date('2000-01-01T00:00:00.000Z'),
    new Date('1901-12-13T20:45:52.000Z'),
    new Date('9999-12-31T23:59:59.999Z'),
    new Date('1850-06-01T12:00:00.000Z'),
    new Date(Number.NaN),
  ]
  let seed = 42
  for (let i = 0; i < 300; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    dates.push(new Date(Date.UTC(1970, 0, 1) + (seed / 2 ** 31) * 2.2e12))
  }
  return dates
}

test.group('Perf parity: timestamps and today without luxon', (group) => {
  const tz = process.env.TZ
  group.each.teardown(() => {
    if (tz === undefined) delete process.env.TZ
    else process.env.TZ = tz
    Settings.now = () => Date.now()
  })

  test('isoDateTime equals DateTime.fromJSDate(d).toISO() in every time zone', ({ assert }) => {
    for (const zone of ZONES) {
      process.env.TZ = zone
      for (const date of samples()) {
        assert.equal(
          isoDateTime(date),
          DateTime.fromJSDate(date).toISO(),
          `${zone} ${date.getTime()}`
        )
      }
    }
    assert.isNull(isoDateTime(null))
  })

  test("today() is Brussels' date and turns at Brussels midnight", ({ assert }) => {
    assert.equal(today(), DateTime.now().setZone('Europe/Brussels').toISODate())
    for (const [instant, date] of [
      ['2026-03-28T22:59:59.999Z', '2026-03-28'],
      ['2026-03-28T23:00:00.000Z', '2026-03-29'],
      ['2026-10-24T21:59:59.999Z', '2026-10-24'],
      ['2026-10-24T22:00:00.000Z', '2026-10-25'],
      ['2026-12-31T23:00:00.000Z', '2027-01-01'],
    ]) {
      const ms = Date.parse(instant)
      Settings.now = () => ms
      assert.equal(today(), date, instant)
      assert.equal(today(), DateTime.now().setZone('Europe/Brussels').toISODate(), instant)
    }
  })
})
