import { DateTime } from 'luxon'
import Building from '#models/building'
import { ApiError } from '#exceptions/api_error'
import { currentTenant } from '#tenancy/tenant_context'
import { latestReadings, serializeDevice } from './device_service.js'
import IotDevice from '../models/iot_device.js'
import { listAnomalies, listRejected, statistics } from './readings_service.js'

const ZONE = 'Europe/Brussels'

/** Daily kWh of some devices over [from, to] and the same days one year earlier (YoY). */
export async function dailySeries(deviceIds: string[], from: string, to: string) {
  const { trx, organisationId } = currentTenant()
  const res = await trx.rawQuery(
    `SELECT g::date::text AS day,
            (SELECT sum(total) FROM iot_daily_rollups r WHERE r.organisation_id = ? AND r.device_id = ANY(?::uuid[])
               AND r.metric = 'energy_wh' AND r.day = g::date) AS wh,
            (SELECT sum(total) FROM iot_daily_rollups r WHERE r.organisation_id = ? AND r.device_id = ANY(?::uuid[])
               AND r.metric = 'energy_wh' AND r.day = (g - interval '1 year')::date) AS wh_last_year
     FROM generate_series(?::date, ?::date, interval '1 day') g ORDER BY 1`,
    [organisationId, deviceIds, organisationId, deviceIds, from, to]
  )
  return res.rows.map((r: any) => ({
    day: r.day,
    kwh: r.wh === null ? null : Math.round(Number(r.wh) / 10) / 100,
    kwhLastYear: r.wh_last_year === null ? null : Math.round(Number(r.wh_last_year) / 10) / 100,
  }))
}

export async function buildingDashboard(buildingId: string) {
  const building = await Building.find(buildingId)
  if (!building) throw ApiError.notFound('Building not found')
  const devices = await IotDevice.query()
    .where('building_id', buildingId)
    .whereNull('deleted_at')
    .orderBy('name')
  const { trx, organisationId } = currentTenant()
  const idRows = await trx
    .from('iot_devices')
    .where('organisation_id', organisationId)
    .where('building_id', buildingId)
    .select('id')
  const allIds = idRows.map((r: any) => r.id as string)
  const today = DateTime.now().setZone(ZONE).startOf('day')
  const from = today.minus({ days: 90 }).toISODate()!
  const to = today.minus({ days: 1 }).toISODate()!
  const latest = await latestReadings(devices.map((d) => d.id))
  const monthly = await statistics({
    buildingId,
    from: today.minus({ months: 11 }).startOf('month').toISODate()!,
    to,
    period: 'month',
    perPage: 24,
  })
  const anomalies = await listAnomalies({ buildingId, perPage: 50 })
  const rejected = await listRejected(buildingId, 1, 10)
  return {
    building: { id: building.id, name: building.name },
    period: { from, to },
    daily: await dailySeries(allIds, from, to),
    monthly: monthly.data,
    anomalies: anomalies.data,
    devices: devices.map((d) => serializeDevice(d, latest)),
    rejected: rejected.data,
  }
}

/** The owner's units' meters (portal): daily series of the last 90 days and monthly totals. */
export async function ownerMeters(userId: string) {
  const { trx, organisationId } = currentTenant()
  const rows = await trx.rawQuery(
    `SELECT DISTINCT d.id, d.name, u.number AS unit_number, b.name AS building_name
     FROM owners o
     JOIN unit_owners uo ON uo.owner_id = o.id AND uo.organisation_id = o.organisation_id
     JOIN units u ON u.id = uo.unit_id AND u.organisation_id = uo.organisation_id
     JOIN buildings b ON b.id = u.building_id AND b.organisation_id = u.organisation_id
     JOIN iot_devices d ON d.unit_id = u.id AND d.organisation_id = u.organisation_id AND d.deleted_at IS NULL
     WHERE o.organisation_id = ? AND o.user_id = ?
       AND (uo.end_date IS NULL OR (uo.end_date > current_date AND uo.end_date > uo.start_date))
     ORDER BY u.number, d.name`,
    [organisationId, userId]
  )
  const today = DateTime.now().setZone(ZONE).startOf('day')
  const from = today.minus({ days: 90 }).toISODate()!
  const to = today.minus({ days: 1 }).toISODate()!
  const meters = []
  for (const r of rows.rows) {
    meters.push({
      id: r.id as string,
      name: r.name as string,
      unitNumber: r.unit_number as string,
      buildingName: r.building_name as string,
      daily: await dailySeries([r.id], from, to),
    })
  }
  return { period: { from, to }, meters }
}
