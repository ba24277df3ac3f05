import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { signupOrg } from '#tests/helpers/api'
import { createOwner, linkOwner } from '#tests/functional/buildings/helpers'
import { addMember } from '#tests/functional/platform/members'
import { withTenant } from '#tenancy/tenant_context'
import { ingestReadings, type ReadingInput } from '../../services/ingest_service.js'
import { scanAnomalies } from '../../services/anomaly_service.js'
import { startFakeMetering, type FakeMetering } from '../helpers/fake_metering.js'
import { configuredDevice, pointFrom, useFake } from '../helpers/iot_test_helpers.js'

/*
| An anomaly notifies the syndics and the unit's owners, each in their own language:
| the user's preference, then the organisation's default (fr).
*/
test.group('iot: anomaly notifications in the recipient language', (group) => {
  let fake: FakeMetering
  group.setup(async () => {
    fake = await startFakeMetering()
    useFake(fake)
    return () => fake.close()
  })

  test('a Dutch-speaking owner gets a Dutch title, a German syndic German, the admin French', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const { unit, device } = await configuredDevice(client, org, fake, pointFrom(611))
    const nlOwner = await addMember(org.organisationId, 'owner', 'nl')
    const deSyndic = await addMember(org.organisationId, 'syndic', 'de')
    const owner = await createOwner(client, org)
    await linkOwner(client, org, unit.id, owner.id)
    await db
      .connection('owner')
      .from('owners')
      .where('id', owner.id)
      .update({ user_id: nlOwner.user.id })

    // 7 days at 10 kWh, then 12.5 kWh: 125 % of the 7-day average.
    const today = DateTime.now().setZone('Europe/Brussels').startOf('day')
    const spike = today.minus({ days: 2 })
    const rows: ReadingInput[] = []
    for (let d = spike.minus({ days: 7 }); d <= spike; d = d.plus({ days: 1 })) {
      rows.push({
        deviceId: device.id,
        metric: 'energy_wh',
        ts: d.toJSDate(),
        value: d.equals(spike) ? 12500 : 10000,
        unit: 'Wh',
      })
    }
    const result = await withTenant(org.organisationId, async () => {
      await ingestReadings(rows)
      return scanAnomalies({ deviceIds: [device.id] })
    })
    assert.equal(result.created, 1)

    const notifications = await db
      .connection('owner')
      .from('notifications')
      .where('organisation_id', org.organisationId)
      .where('type', 'iot.anomaly_detected')
      .select('user_id', 'title', 'body')
    const of = (userId: string) => notifications.find((n) => n.user_id === userId)
    assert.lengthOf(notifications, 3)

    const dutch = of(nlOwner.user.id)
    assert.exists(dutch)
    const nlDay = new Intl.DateTimeFormat('nl-BE', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${spike.toISODate()}T00:00:00Z`)
    )
    assert.equal(dutch.title, `Abnormaal verbruik op ${nlDay} (125 % van het gemiddelde)`)
    assert.equal(
      dutch.body,
      `${device.name}: 12.500 Wh, gemiddelde van de 7 voorgaande dagen 10.000 Wh.`
    )

    assert.match(
      of(deSyndic.user.id).title,
      /^Ungewöhnlicher Verbrauch am .+ \(125 % des Durchschnitts\)$/
    )
    // The admin has no preference: the organisation's default, French.
    assert.match(of(org.userId).title, /^Consommation anormale le .+ \(125 % de la moyenne\)$/)
    assert.include(of(org.userId).body, 'moyenne des 7 jours précédents')
  }).timeout(60_000)
})
