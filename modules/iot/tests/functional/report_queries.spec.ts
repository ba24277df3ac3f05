import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { signupOrg } from '#tests/helpers/api'
import { call, expectStatus } from '#tests/functional/buildings/helpers'
import { isPdf, pdfText, pdfToPng } from '#tests/helpers/pdf'
import { withTenant } from '#tenancy/tenant_context'
import { ingestReadings, type ReadingInput } from '../../services/ingest_service.js'
import { scanAnomalies } from '../../services/anomaly_service.js'
import { startFakeMetering, type FakeMetering } from '../helpers/fake_metering.js'
import { configuredDevice, pointFrom, useFake } from '../helpers/iot_test_helpers.js'

test.group('iot: report PDF and query validation', (group) => {
  let fake: FakeMetering
  group.setup(async () => {
    fake = await startFakeMetering()
    useFake(fake)
    return () => fake.close()
  })

  test('energy report PDF over a period; bad queries → 422; malformed ids → 404', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const { building, device } = await configuredDevice(client, org, fake, pointFrom(501))
    const today = DateTime.now().setZone('Europe/Brussels').startOf('day')
    const rows: ReadingInput[] = []
    for (let d = today.minus({ days: 60 }); d < today; d = d.plus({ days: 1 })) {
      rows.push({
        deviceId: device.id,
        metric: 'energy_wh',
        ts: d.toJSDate(),
        value: d.equals(today.minus({ days: 5 })) ? 20000 : 10000,
        unit: 'Wh',
      })
    }
    await withTenant(org.organisationId, async () => {
      await ingestReadings(rows)
      await scanAnomalies({ deviceIds: [device.id] })
    })

    const from = today.minus({ days: 60 }).toISODate()
    const to = today.minus({ days: 1 }).toISODate()
    const res = await client
      .get(`/api/v1/buildings/${building.id}/iot/report?from=${from}&to=${to}`)
      .bearerToken(org.token)
      .header('accept-language', 'nl')
    res.assertStatus(200)
    assert.equal(res.header('content-type'), 'application/pdf')
    const pdf = Buffer.from(res.body() as any)
    assert.isTrue(isPdf(pdf))
    await pdfToPng(pdf, 'iot-energy-report')
    const text = await pdfText(pdf)
    assert.include(text, building.name)
    assert.include(text, 'Afwijkingen')
    assert.include(text, today.minus({ days: 5 }).toISODate()!)

    await expectStatus(
      call(client, org, 'get', `/buildings/${building.id}/iot/report?from=${from}`),
      422
    )
    await expectStatus(
      call(client, org, 'get', `/buildings/${building.id}/iot/readings?granularity=week`),
      422
    )
    await expectStatus(
      call(client, org, 'get', `/buildings/${building.id}/iot/readings?from=2026-13-45`),
      422
    )
    await expectStatus(
      call(client, org, 'get', `/buildings/${building.id}/iot/statistics?period=decade`),
      422
    )
    await expectStatus(call(client, org, 'get', `/buildings/not-a-uuid/iot/readings`), 404)
    await expectStatus(
      call(
        client,
        org,
        'get',
        `/buildings/${building.id}/iot/readings?deviceId=00000000-0000-4000-8000-000000000000`
      ),
      404
    )

    const hourly = await call(
      client,
      org,
      'get',
      `/buildings/${building.id}/iot/readings?granularity=month&from=${from}&to=${to}`
    )
    hourly.assertStatus(200)
    assert.isAtLeast(hourly.body().data.length, 2)
    const latest = await call(client, org, 'get', `/buildings/${building.id}/iot/readings/latest`)
    latest.assertStatus(200)
    assert.equal(latest.body().data[0].deviceId, device.id)
  }).timeout(60_000)
})
