// Status checks chain on the awaited response: the idiom of these API tests.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { signupOrg } from '#tests/helpers/api'
import { call, createBuilding } from '#tests/functional/buildings/helpers'
import { drainQueues, startTestWorker, waitForJob, type WorkerHandle } from '#tests/helpers/worker'
import { startFakeMetering, type FakeMetering } from '../helpers/fake_metering.js'
import { configuredDevice, ownerCount, pointFrom, useFake } from '../helpers/iot_test_helpers.js'

const ZONE = 'Europe/Brussels'
const yesterday = () => DateTime.now().setZone(ZONE).startOf('day').minus({ days: 1 })

test.group('iot: Linky configure + sync', (group) => {
  let fake: FakeMetering
  let worker: WorkerHandle
  group.setup(async () => {
    fake = await startFakeMetering()
    useFake(fake)
    await drainQueues(['iot'])
    worker = startTestWorker({ queues: ['iot'], concurrency: 1 })
    return async () => {
      await worker.close()
      await fake.close()
    }
  })

  test('pointId must have 14–18 digits and a refused code stores nothing', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const building = await createBuilding(client, org)
    const bad = await call(client, org, 'post', `/buildings/${building.id}/iot/linky/configure`, {
      provider: 'enedis',
      pointId: '1234',
      authorizationCode: 'x',
      redirectUri: 'https://app.example.test/cb',
    })
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'pointId')

    const refused = await call(
      client,
      org,
      'post',
      `/buildings/${building.id}/iot/linky/configure`,
      {
        provider: 'enedis',
        pointId: pointFrom(1),
        authorizationCode: 'not-a-code',
        redirectUri: 'https://app.example.test/cb',
      }
    )
    refused.assertStatus(422)
    assert.equal(refused.body().errors[0].field, 'authorizationCode')
    assert.include(refused.body().errors[0].message, 'invalid_grant')
    assert.equal(
      await ownerCount('select count(*) n from iot_devices where organisation_id = ?', [
        org.organisationId,
      ]),
      0
    )
    assert.equal(
      await ownerCount('select count(*) n from iot_device_tokens where organisation_id = ?', [
        org.organisationId,
      ]),
      0
    )
  })

  test('configure → sync → readings, statistics, anomalies; sync twice stores nothing twice', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const pointId = pointFrom(42)
    const y = yesterday()
    const spike = y.minus({ days: 3 }).toISODate()!
    const mild = y.minus({ days: 12 }).toISODate()!
    // Flat 10 kWh/day, one day at 125 % and one at 119 % of the previous week.
    fake.setDaily(pointId, (d) => (d === spike ? 12500 : d === mild ? 11900 : 10000))
    const { building, device } = await configuredDevice(client, org, fake, pointId)
    assert.notProperty(device, 'accessToken')
    assert.notInclude(JSON.stringify(device), 'token')
    const tokens = await db
      .connection('owner')
      .rawQuery('select * from iot_device_tokens where device_id = ?', [device.id])
    assert.match(tokens.rows[0].access_token_enc, /^v1\./)

    const sync = await call(client, org, 'post', `/buildings/${building.id}/iot/linky/sync`, {})
    sync.assertStatus(202)
    const job = await waitForJob('iot', sync.body().jobId, 120_000)
    assert.equal(await job.getState(), 'completed', job.failedReason)
    const status = await call(client, org, 'get', `/iot/sync-jobs/${sync.body().jobId}`)
    status.assertStatus(200)
    assert.equal(status.body().state, 'completed')
    assert.deepEqual(status.body().progress, { done: 1, total: 1 })

    const counts = async () => ({
      raw: await ownerCount('select count(*) n from iot_readings where device_id = ?', [device.id]),
      rollups: await ownerCount('select count(*) n from iot_daily_rollups where device_id = ?', [
        device.id,
      ]),
      sum: await ownerCount(
        `select sum(total) n from iot_daily_rollups where device_id = ? and metric = 'energy_wh'`,
        [device.id]
      ),
    })
    const first = await counts()
    assert.isAbove(first.raw, 700 * 48)

    // Daily readings over the last 30 days.
    const readings = await call(
      client,
      org,
      'get',
      `/buildings/${building.id}/iot/readings?granularity=day&from=${y.minus({ days: 29 }).toISODate()}&to=${y.toISODate()}`
    )
    readings.assertStatus(200)
    assert.equal(readings.body().meta.total, 30)
    assert.equal(readings.body().data.find((r: any) => r.local === spike).sum, 12500)

    const stats = await call(
      client,
      org,
      'get',
      `/buildings/${building.id}/iot/statistics?from=${y.minus({ months: 2 }).startOf('month').toISODate()}&to=${y.toISODate()}`
    )
    stats.assertStatus(200)
    const months = stats.body().data
    assert.isAtLeast(months.length, 2)
    assert.match(months[1].momChange ?? '0.00', /^-?\d+\.\d{2}$/)
    assert.match(months[0].yoyChange ?? '0.00', /^-?\d+\.\d{2}$/)

    const anomalies = await call(client, org, 'get', `/buildings/${building.id}/iot/anomalies`)
    anomalies.assertStatus(200)
    const days = anomalies.body().data.map((a: any) => a.day)
    assert.include(days, spike)
    assert.notInclude(days, mild)
    assert.equal(anomalies.body().data.find((a: any) => a.day === spike).ratio, '125.00')
    const notified = await ownerCount(
      `select count(*) n from notifications where organisation_id = ? and type = 'iot.anomaly_detected'`,
      [org.organisationId]
    )
    assert.isAbove(notified, 0)

    // Second sync: same counts, no new notification.
    const again = await call(client, org, 'post', `/buildings/${building.id}/iot/linky/sync`, {})
    const job2 = await waitForJob('iot', again.body().jobId, 60_000)
    assert.equal(await job2.getState(), 'completed', job2.failedReason)
    assert.deepEqual(await counts(), first)
    assert.equal(
      await ownerCount(
        `select count(*) n from notifications where organisation_id = ? and type = 'iot.anomaly_detected'`,
        [org.organisationId]
      ),
      notified
    )
  }).timeout(180_000)

  test('expired token → 401 → refresh → retry; 429 Retry-After honoured', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const pointId = pointFrom(77)
    const { building, device } = await configuredDevice(client, org, fake, pointId)
    const before = { ...fake.stats }
    const first = await call(client, org, 'post', `/buildings/${building.id}/iot/linky/sync`, {})
    await waitForJob('iot', first.body().jobId, 120_000)
    const tokensBefore = (
      await db
        .connection('owner')
        .rawQuery('select access_token_enc from iot_device_tokens where device_id = ?', [device.id])
    ).rows[0]

    fake.expireTokens()
    fake.rateLimitNext(1, 0)
    await db
      .connection('owner')
      .rawQuery(`delete from iot_readings where device_id = ? and ts > now() - interval '3 days'`, [
        device.id,
      ])
    const res = await call(client, org, 'post', `/buildings/${building.id}/iot/linky/sync`, {})
    const job = await waitForJob('iot', res.body().jobId, 60_000)
    assert.equal(await job.getState(), 'completed', job.failedReason)
    assert.equal(fake.stats.refreshes, before.refreshes + 1)
    assert.isAbove(fake.stats.unauthorized, before.unauthorized)
    assert.isAbove(fake.stats.rateLimited, before.rateLimited)
    const tokensAfter = (
      await db
        .connection('owner')
        .rawQuery('select access_token_enc from iot_device_tokens where device_id = ?', [device.id])
    ).rows[0]
    assert.notEqual(tokensAfter.access_token_enc, tokensBefore.access_token_enc)
    // Every call stayed within the provider's windows.
    for (const c of fake.calls.filter((x) => x.path.includes('load_curve'))) {
      assert.isAtMost(
        DateTime.fromISO(c.query.end).diff(DateTime.fromISO(c.query.start), 'days').days,
        7
      )
    }
    assert.notInclude(
      fake.calls.filter((c) => c.path.startsWith('/metering')).map((c) => c.status),
      400
    )
  }).timeout(180_000)
})
