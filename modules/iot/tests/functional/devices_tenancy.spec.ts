// Status checks chain on the awaited response: the idiom of these API tests.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { signupOrg } from '#tests/helpers/api'
import { addMember, expectStatus, call, createUnit } from '#tests/functional/buildings/helpers'
import { withTenant } from '#tenancy/tenant_context'
import NightlySyncJob from '../../jobs/nightly_sync_job.js'
import MaintainPartitionsJob from '../../jobs/maintain_partitions_job.js'
import { partitionDdl, partitionName, monthsBetween } from '../../services/partition_sql.js'
import { ingestReadings, resetPartitionBoundsCache } from '../../services/ingest_service.js'
import { unitConsumptionShares } from '../../index.js'
import { startFakeMetering, type FakeMetering } from '../helpers/fake_metering.js'
import { configuredDevice, ownerCount, pointFrom, useFake } from '../helpers/iot_test_helpers.js'

test.group('iot: devices, tenancy, module gate, partitions', (group) => {
  let fake: FakeMetering
  group.setup(async () => {
    fake = await startFakeMetering()
    useFake(fake)
    return () => fake.close()
  })

  test('devices: list, rename, attach, deactivate, delete keeps readings unless purge', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const { building, device } = await configuredDevice(client, org, fake, pointFrom(101))
    const unit2 = await createUnit(client, org, building.id)
    await withTenant(org.organisationId, () =>
      ingestReadings([
        {
          deviceId: device.id,
          metric: 'energy_wh',
          ts: new Date(Date.now() - 86400_000),
          value: 1234,
          unit: 'Wh',
        },
      ])
    )
    const list = await call(client, org, 'get', `/buildings/${building.id}/iot/devices`)
    list.assertStatus(200)
    assert.equal(list.body().meta.total, 1)
    assert.equal(list.body().data[0].latest[0].value, 1234)

    const upd = await call(client, org, 'put', `/iot/devices/${device.id}`, {
      name: 'Compteur général',
      unitId: unit2.id,
      active: false,
    })
    upd.assertStatus(200)
    assert.equal(upd.body().name, 'Compteur général')
    assert.equal(upd.body().unitId, unit2.id)
    assert.isFalse(upd.body().active)
    const badUnit = await call(client, org, 'put', `/iot/devices/${device.id}`, {
      unitId: '00000000-0000-4000-8000-000000000000',
    })
    badUnit.assertStatus(422)
    ;(
      await call(client, org, 'put', `/iot/devices/${device.id}`, { name: 'x'.repeat(200) })
    ).assertStatus(422)
    await expectStatus(call(client, org, 'get', `/iot/devices/not-a-uuid`), 404)

    // Charge key: the unit's consumption over the period.
    const day = new Date(Date.now() - 86400_000).toISOString().slice(0, 10)
    const shares = await withTenant(org.organisationId, () =>
      unitConsumptionShares({
        buildingId: building.id,
        metric: 'energy_wh',
        from: '2000-01-01',
        to: '2100-01-01',
      })
    )
    assert.deepEqual(shares, [{ unitId: unit2.id, quantity: '1234.000', unit: 'Wh' }])
    assert.isString(day)

    await expectStatus(call(client, org, 'delete', `/iot/devices/${device.id}`), 204)
    await expectStatus(call(client, org, 'get', `/iot/devices/${device.id}`), 404)
    assert.equal(
      await ownerCount('select count(*) n from iot_readings where device_id = ?', [device.id]),
      1
    )

    const second = await configuredDevice(client, org, fake, pointFrom(102))
    await withTenant(org.organisationId, () =>
      ingestReadings([
        {
          deviceId: second.device.id,
          metric: 'energy_wh',
          ts: new Date(Date.now() - 86400_000),
          value: 5,
          unit: 'Wh',
        },
      ])
    )
    ;(
      await call(client, org, 'delete', `/iot/devices/${second.device.id}?purge=true`)
    ).assertStatus(204)
    assert.equal(
      await ownerCount('select count(*) n from iot_readings where device_id = ?', [
        second.device.id,
      ]),
      0
    )
    assert.equal(
      await ownerCount('select count(*) n from iot_device_tokens where device_id = ?', [
        second.device.id,
      ]),
      0
    )
  })

  test('another organisation gets 404 and changes nothing; roles without iot.write get 403', async ({
    client,
    assert,
  }) => {
    const orgA = await signupOrg(client)
    const orgB = await signupOrg(client)
    const { building, device } = await configuredDevice(client, orgA, fake, pointFrom(201))
    await expectStatus(call(client, orgB, 'get', `/iot/devices/${device.id}`), 404)
    ;(
      await call(client, orgB, 'put', `/iot/devices/${device.id}`, { name: 'hijack' })
    ).assertStatus(404)
    await expectStatus(call(client, orgB, 'delete', `/iot/devices/${device.id}`), 404)
    await expectStatus(call(client, orgB, 'get', `/buildings/${building.id}/iot/readings`), 404)
    ;(
      await call(client, orgB, 'post', `/buildings/${building.id}/iot/linky/sync`, {})
    ).assertStatus(404)
    const row = await db
      .connection('owner')
      .rawQuery('select name, deleted_at from iot_devices where id = ?', [device.id])
    assert.notEqual(row.rows[0].name, 'hijack')
    assert.isNull(row.rows[0].deleted_at)

    const accountant = await addMember(orgA, 'accountant')
    ;(await call(client, accountant, 'get', `/buildings/${building.id}/iot/devices`)).assertStatus(
      200
    )
    ;(
      await call(client, accountant, 'put', `/iot/devices/${device.id}`, { name: 'x' })
    ).assertStatus(403)
    const owner = await addMember(orgA, 'owner')
    await expectStatus(call(client, owner, 'get', `/buildings/${building.id}/iot/readings`), 403)
  })

  test('module off → 403 E_MODULE_DISABLED and the nightly job skips the organisation', async ({
    client,
    assert,
  }) => {
    const on = await signupOrg(client)
    const off = await signupOrg(client)
    await configuredDevice(client, on, fake, pointFrom(301))
    const { building } = await configuredDevice(client, off, fake, pointFrom(302))
    ;(await call(client, off, 'put', '/organisation/modules/iot', { enabled: false })).assertStatus(
      200
    )
    const res = await call(client, off, 'get', `/buildings/${building.id}/iot/devices`)
    res.assertStatus(403)
    assert.equal(res.body().errors[0].code, 'E_MODULE_DISABLED')

    const result: any = await new NightlySyncJob({ day: 'test' }).handle()
    assert.include(result.enqueued, on.organisationId)
    assert.notInclude(result.enqueued, off.organisationId)
  })

  test('partitions: 3 months ahead created, > 2 years dropped, each partition under RLS', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const { device } = await configuredDevice(client, org, fake, pointFrom(401))
    const now = new Date()
    const oldest = monthsBetween(now, -24, -24)[0]
    const ts = new Date(Date.UTC(oldest.getUTCFullYear(), oldest.getUTCMonth(), 10))
    resetPartitionBoundsCache()
    const r = await withTenant(org.organisationId, () =>
      ingestReadings([{ deviceId: device.id, metric: 'energy_wh', ts, value: 7, unit: 'Wh' }])
    )
    assert.equal(r.inserted, 1)
    const oldName = partitionName(oldest)

    // Direct partition read as the app role: RLS on the partition itself.
    const direct = await db.rawQuery(`select count(*)::int n from ${oldName}`)
    assert.equal(direct.rows[0].n, 0)
    const inTenant = await withTenant(org.organisationId, (trx) =>
      trx.rawQuery(`select count(*)::int n from ${oldName}`)
    )
    assert.equal(inTenant.rows[0].n, 1)

    // One month later: the oldest month falls out of the 2-year window; +4 months appears.
    const later = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 15))
    const result: any = await new MaintainPartitionsJob({ now: later.toISOString() }).handle()
    assert.include(result.dropped, oldName)
    assert.include(result.created, partitionName(monthsBetween(later, 3, 3)[0]))
    assert.equal(
      await ownerCount('select count(*) n from iot_readings where device_id = ?', [device.id]),
      0
    )
    const ahead = await ownerCount(
      `select count(*) n from pg_class where relname = ? and relrowsecurity and relforcerowsecurity`,
      [partitionName(monthsBetween(later, 3, 3)[0])]
    )
    assert.equal(ahead, 1)

    // Put the dropped month back for the other tests of this run.
    for (const sql of partitionDdl(oldest)) await db.connection('owner').rawQuery(sql)
    resetPartitionBoundsCache()
  })
})
