import { DateTime } from 'luxon'
import { withTenant } from '#tenancy/tenant_context'
import Building from '#models/building'
import Unit from '#models/unit'
import IotDevice from '../../models/iot_device.js'
import { ingestReadings, type ReadingInput } from '../../services/ingest_service.js'
import { scanAnomalies } from '../../services/anomaly_service.js'

/*
| Demo: an Ores smart meter on the first unit of the first building with 2 years of
| daily totals (Belgian seasonal profile, weekends higher, one leak-like spike 10 days
| ago → one anomaly) and the last 14 days of 30-minute load curve. ~1,400 rows: fast.
| No provider tokens are stored: "Sync meters" needs IOT_ORES_URL / IOT_CLIENT_*.
*/
export default async function (organisationId: string) {
  await withTenant(organisationId, async () => {
    const building = await Building.query().orderBy('name').first()
    if (!building) return
    const unit = await Unit.query().where('building_id', building.id).orderBy('number').first()
    const existing = await IotDevice.query().where('building_id', building.id).first()
    if (existing) return
    const device = await IotDevice.create({
      buildingId: building.id,
      unitId: unit?.id ?? null,
      kind: 'linky',
      provider: 'ores',
      pointId: '541448820000012345',
      name: 'Compteur Ores — chauffage commun',
      active: true,
    })
    const zone = 'Europe/Brussels'
    const today = DateTime.now().setZone(zone).startOf('day')
    const spike = today.minus({ days: 10 }).toISODate()
    const rows: ReadingInput[] = []
    for (let d = today.minus({ days: 730 }); d < today; d = d.plus({ days: 1 })) {
      const winter = Math.cos(((d.ordinal - 15) / 365) * 2 * Math.PI)
      const base =
        (14000 + 7000 * winter) * (d.weekday >= 6 ? 1.1 : 1) * (1 + ((d.ordinal * 37) % 11) / 200)
      rows.push({
        deviceId: device.id,
        metric: 'energy_wh',
        ts: d.toJSDate(),
        value: Math.round(d.toISODate() === spike ? base * 1.55 : base),
        unit: 'Wh',
      })
    }
    for (let t = today.minus({ days: 14 }); t < today; t = t.plus({ minutes: 30 })) {
      const h = t.hour + t.minute / 60
      rows.push({
        deviceId: device.id,
        metric: 'power_w',
        ts: t.toJSDate(),
        value: Math.round(
          400 + 500 * Math.exp(-((h - 19) ** 2) / 8) + 250 * Math.exp(-((h - 7.5) ** 2) / 3)
        ),
        unit: 'W',
      })
    }
    await ingestReadings(rows)
    await scanAnomalies({ deviceIds: [device.id] })
  })
}
