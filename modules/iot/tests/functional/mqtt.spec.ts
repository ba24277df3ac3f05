import { test } from '@japa/runner'
import mqtt from 'mqtt'
import { signupOrg } from '#tests/helpers/api'
import { expectStatus, call, createBuilding } from '#tests/functional/buildings/helpers'
import { overrideMqttConfig } from '../../services/mqtt_config.js'
import { MqttIngestor } from '../../services/mqtt_ingest_service.js'
import { startMosquitto, type TestBroker } from '../helpers/mosquitto.js'
import { ownerCount } from '../helpers/iot_test_helpers.js'

async function until(fn: () => Promise<boolean>, ms = 5000) {
  const start = Date.now()
  while (Date.now() - start < ms) {
    if (await fn()) return true
    await new Promise((r) => setTimeout(r, 50))
  }
  return false
}

test.group('iot: MQTT devices (Mosquitto dynamic security)', (group) => {
  let broker: TestBroker
  let ingestor: MqttIngestor
  group.setup(async () => {
    broker = await startMosquitto()
    overrideMqttConfig({
      url: broker.url,
      adminUsername: broker.adminUsername,
      adminPassword: broker.adminPassword,
    })
    try {
      ingestor = await new MqttIngestor({ flushMs: 20 }).start()
    } catch (error) {
      // Never leave the broker running when the setup fails half-way.
      overrideMqttConfig(undefined)
      await broker.stop()
      throw error
    }
    return async () => {
      await ingestor.stop()
      overrideMqttConfig(undefined)
      await broker.stop()
    }
  })

  test('credentials once; valid publish stored; wrong topic refused by the broker; bad JSON rejected; delete revokes', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const building = await createBuilding(client, org)
    const res = await call(client, org, 'post', `/buildings/${building.id}/iot/devices`, {
      name: 'Eau chaude',
    })
    res.assertStatus(201)
    const { id, credentials } = res.body()
    assert.match(credentials.password, /^[A-Za-z0-9_-]{20,}$/)
    const show = await call(client, org, 'get', `/iot/devices/${id}`)
    assert.notInclude(show.text(), credentials.password)
    assert.notProperty(show.body(), 'credentials')

    const device = await mqtt.connectAsync(broker.url, {
      username: credentials.username,
      password: credentials.password,
      protocolVersion: 5,
      reconnectPeriod: 0,
    })
    const base = `orgs/${org.organisationId}/devices/${id}`
    const ts = new Date(Date.now() - 60_000).toISOString()
    await device.publishAsync(`${base}/water_l`, JSON.stringify({ value: 12.5, unit: 'L', ts }), {
      qos: 1,
    })
    assert.isTrue(
      await until(
        async () =>
          (await ownerCount('select count(*) n from iot_readings where device_id = ?', [id])) === 1
      )
    )

    // Another device's topic: the broker refuses (MQTT 5 PUBACK reason 135 "not authorised").
    let refused: unknown = null
    try {
      await device.publishAsync(
        `orgs/${org.organisationId}/devices/00000000-0000-4000-8000-000000000000/water_l`,
        '{"value":1,"unit":"L","ts":"2026-01-01T00:00:00Z"}',
        { qos: 1 }
      )
    } catch (error) {
      refused = error
    }
    assert.isNotNull(refused)
    assert.match(String((refused as Error).message), /not authori[sz]ed|135/i)

    await device.publishAsync(`${base}/water_l`, '{not json', { qos: 1 })
    await device.publishAsync(`${base}/water_l`, JSON.stringify({ value: 'abc', unit: 'L', ts }), {
      qos: 1,
    })
    assert.isTrue(
      await until(
        async () =>
          (await ownerCount('select count(*) n from iot_rejected_messages where device_id = ?', [
            id,
          ])) === 2
      )
    )
    const rejected = await call(
      client,
      org,
      'get',
      `/buildings/${building.id}/iot/rejected-messages`
    )
    rejected.assertStatus(200)
    assert.sameMembers(
      rejected.body().data.map((r: any) => r.reason),
      ['invalid JSON', 'value must be a finite number']
    )
    await device.endAsync()

    await expectStatus(call(client, org, 'delete', `/iot/devices/${id}`), 204)
    let denied: unknown = null
    try {
      const again = await mqtt.connectAsync(broker.url, {
        username: credentials.username,
        password: credentials.password,
        reconnectPeriod: 0,
        connectTimeout: 3000,
      })
      await again.endAsync()
    } catch (error) {
      denied = error
    }
    assert.isNotNull(denied)
    assert.equal(
      await ownerCount('select count(*) n from iot_readings where device_id = ?', [id]),
      1
    )
  }).timeout(30_000)
})
