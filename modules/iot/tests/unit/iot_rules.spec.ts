import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { withTenant } from '#tenancy/tenant_context'
import { isAnomaly, anomalyFilterSql, anomalyWindowSql } from '../../services/anomaly_service.js'
import { parseLoadCurve, splitWindows } from '../../services/metering_client.js'
import { ingestReadings, type ReadingInput } from '../../services/ingest_service.js'
import { percentChange } from '../../services/readings_service.js'

const ZONE = 'Europe/Brussels'

async function tempOrganisation() {
  const slug = `iot-unit-${randomUUID().slice(0, 8)}`
  const res = await db
    .connection('owner')
    .rawQuery(`insert into organisations (name, slug) values (?, ?) returning id`, [
      'IoT unit',
      slug,
    ])
  return res.rows[0].id as string
}

test.group('iot: anomaly rule', () => {
  const week = [1000, 1000, 1000, 1000, 1000, 1000, 1000]
  test('125 % of the previous 7-day average is flagged, 120 % and 119 % are not', ({ assert }) => {
    assert.isTrue(isAnomaly(1250, week))
    assert.isFalse(isAnomaly(1200, week))
    assert.isFalse(isAnomaly(1190, week))
  })
  test('fewer than 7 previous days are never flagged', ({ assert }) => {
    assert.isFalse(isAnomaly(5000, week.slice(1)))
  })

  test('the SQL window applies the same rule to a synthetic series', async ({ assert }) => {
    const org = await tempOrganisation()
    const device = randomUUID()
    // Day 0..6 at 1000; day 5 at 5000 but with only 5 previous days → not flagged;
    // then day 7 = 125 %, day 15 = 119 % of their previous weeks.
    const values: number[] = [1000, 1000, 1000, 1000, 1000, 5000, 1000]
    values.push(Math.round((values.reduce((a, b) => a + b, 0) / 7) * 1.25)) // day 7
    while (values.length < 15) values.push(1000)
    const prev = values.slice(8, 15).reduce((a, b) => a + b, 0) / 7
    values.push(Math.floor(prev * 1.19)) // day 15
    const start = DateTime.fromISO('2025-03-01', { zone: ZONE })
    const flagged = await withTenant(org, async (trx) => {
      await ingestReadings(
        values.map((v, i) => ({
          deviceId: device,
          metric: 'energy_wh',
          ts: start.plus({ days: i }).toJSDate(),
          value: v,
          unit: 'Wh',
        }))
      )
      const res = await trx.rawQuery(
        `SELECT day::text AS day FROM (${anomalyWindowSql()}) x ORDER BY day`,
        [org, 'energy_wh']
      )
      const kept = await trx.rawQuery(
        `SELECT day::text AS day FROM (${anomalyFilterSql()}) x ORDER BY day`,
        [org, 'energy_wh']
      )
      return { window: res.rows.map((r: any) => r.day), kept: kept.rows.map((r: any) => r.day) }
    })
    assert.deepEqual(flagged.window, ['2025-03-08'])
    assert.deepEqual(flagged.kept, ['2025-03-08'])

    // A missing day among the 7 previous ones: not 7 previous days → never flagged.
    const gap = randomUUID()
    const gapFlagged = await withTenant(org, async (trx) => {
      const days = [0, 1, 2, 4, 5, 6, 7, 8] // day 3 missing; day 8 at 200 %
      await ingestReadings(
        days.map((i) => ({
          deviceId: gap,
          metric: 'energy_wh',
          ts: start.plus({ days: i }).toJSDate(),
          value: i === 8 ? 2000 : 1000,
          unit: 'Wh',
        }))
      )
      const res = await trx.rawQuery(
        `SELECT day::text AS day FROM (${anomalyWindowSql(' AND device_id = ?')}) x`,
        [org, 'energy_wh', gap]
      )
      return res.rows.map((r: any) => r.day)
    })
    assert.deepEqual(gapFlagged, [])

    // The 7-day sums kept at ingest agree with the window even when days arrive out of
    // order and in separate batches (later days first, then the earlier ones, then a gap filled).
    const ooo = randomUUID()
    const series = [
      900, 1000, 1100, 1000, 950, 1050, 1000, 1400, 1000, 1000, 1300, 1000, 990, 1010, 1000, 1290,
    ]
    const reading = (i: number) => ({
      deviceId: ooo,
      metric: 'energy_wh',
      ts: start.plus({ days: i }).toJSDate(),
      value: series[i],
      unit: 'Wh',
    })
    const both = await withTenant(org, async (trx) => {
      await ingestReadings([8, 9, 11, 12, 13, 14, 15].map(reading))
      await ingestReadings([0, 1, 2, 3, 4, 5, 6, 7].map(reading))
      await ingestReadings([10].map(reading))
      const w = await trx.rawQuery(
        `SELECT day::text AS day FROM (${anomalyWindowSql(' AND device_id = ?')}) x ORDER BY day`,
        [org, 'energy_wh', ooo]
      )
      const f = await trx.rawQuery(
        `SELECT day::text AS day FROM (${anomalyFilterSql(' AND device_id = ?')}) x ORDER BY day`,
        [org, 'energy_wh', ooo]
      )
      return { w: w.rows.map((r: any) => r.day), f: f.rows.map((r: any) => r.day) }
    })
    assert.isAbove(both.w.length, 0)
    assert.deepEqual(both.f, both.w)
  })
})

test.group('iot: windows and DST', () => {
  test('ranges are split into provider windows (7 / 365 days, end exclusive)', ({ assert }) => {
    assert.deepEqual(splitWindows('2025-01-01', '2025-01-16', 7), [
      ['2025-01-01', '2025-01-08'],
      ['2025-01-08', '2025-01-15'],
      ['2025-01-15', '2025-01-16'],
    ])
    const yearly = splitWindows('2023-01-01', '2026-01-01', 365)
    assert.lengthOf(yearly, 4)
    assert.equal(yearly[0][1], '2024-01-01')
    assert.equal(yearly[3][1], '2026-01-01')
    assert.deepEqual(splitWindows('2025-01-01', '2025-01-01', 7), [])
  })

  test('load-curve local times across the autumn change get distinct UTC instants', ({
    assert,
  }) => {
    const pts = ['01:30:00', '02:00:00', '02:30:00', '02:00:00', '02:30:00', '03:00:00'].map(
      (t) => ({
        value: '100',
        date: `2025-10-26 ${t}`,
        interval_length: 'PT30M',
      })
    )
    const parsed = parseLoadCurve(pts).map((p) => p.ts.toISOString())
    assert.deepEqual(parsed, [
      '2025-10-25T23:00:00.000Z',
      '2025-10-25T23:30:00.000Z',
      '2025-10-26T00:00:00.000Z',
      '2025-10-26T00:30:00.000Z',
      '2025-10-26T01:00:00.000Z',
      '2025-10-26T01:30:00.000Z',
    ])
  })

  test('hour and day aggregation in Brussels time: DST days have 23 and 25 hours', async ({
    assert,
  }) => {
    const org = await tempOrganisation()
    const device = randomUUID()
    const rows: ReadingInput[] = []
    for (const day of ['2025-03-30', '2025-10-26', '2025-10-27']) {
      const s = DateTime.fromISO(day, { zone: ZONE })
      const e = s.plus({ days: 1 })
      for (let t = s; t < e; t = t.plus({ minutes: 30 })) {
        rows.push({ deviceId: device, metric: 'power_w', ts: t.toJSDate(), value: 100, unit: 'W' })
      }
    }
    const result = await withTenant(org, async (trx) => {
      await ingestReadings(rows)
      const hours = await trx.rawQuery(
        `SELECT (date_trunc('hour', ts, 'Europe/Brussels') AT TIME ZONE 'Europe/Brussels')::date::text AS day, count(DISTINCT date_trunc('hour', ts, 'Europe/Brussels'))::int AS hours
         FROM iot_readings WHERE device_id = ? GROUP BY 1 ORDER BY 1`,
        [device]
      )
      const days = await trx.rawQuery(
        `SELECT day::text AS day, samples FROM iot_daily_rollups WHERE device_id = ? ORDER BY day`,
        [device]
      )
      return { hours: hours.rows, days: days.rows }
    })
    assert.deepEqual(result.hours, [
      { day: '2025-03-30', hours: 23 },
      { day: '2025-10-26', hours: 25 },
      { day: '2025-10-27', hours: 24 },
    ])
    assert.deepEqual(
      result.days.map((d: any) => d.samples),
      [46, 50, 48]
    )
  })

  test('ingest is idempotent: duplicates inside a batch, overlaps and re-ingest store each reading once', async ({
    assert,
  }) => {
    const org = await tempOrganisation()
    const device = randomUUID()
    const at = (h: number) => new Date(Date.UTC(2025, 5, 1, h))
    const r = (h: number, value = 10) => ({
      deviceId: device,
      metric: 'energy_wh',
      ts: at(h),
      value,
      unit: 'Wh',
    })
    const result = await withTenant(org, async (trx) => {
      const first = await ingestReadings([r(1), r(2), r(2), r(3)]) // duplicate → fallback path
      const second = await ingestReadings([r(2), r(3), r(4), r(5)]) // overlap + new (fast path)
      const third = await ingestReadings([r(1), r(5)])
      const rollup = await trx.rawQuery(
        `select total, samples from iot_daily_rollups where device_id = ?`,
        [device]
      )
      return { first, second, third, rollup: rollup.rows[0] }
    })
    assert.equal(result.first.inserted, 3)
    assert.equal(result.second.inserted, 2)
    assert.equal(result.third.inserted, 0)
    assert.deepEqual(result.rollup, { total: 50, samples: 5 })
  })

  test('percent change is a decimal string with 2 decimals', ({ assert }) => {
    assert.equal(percentChange(110, 100), '10.00')
    assert.equal(percentChange(90, 120), '-25.00')
    assert.isNull(percentChange(10, 0))
    assert.isNull(percentChange(null, 10))
  })
})
