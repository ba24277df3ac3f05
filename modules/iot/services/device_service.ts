import type { HttpContext } from '@adonisjs/core/http'
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'
import { DateTime } from 'luxon'
import type { Infer } from '@vinejs/vine/types'
import Unit from '#models/unit'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { assertBuildingExists } from '#services/building_service'
import { paginate } from '#services/pagination'
import { currentTenant } from '#tenancy/tenant_context'
import IotDevice from '../models/iot_device.js'
import type {
  createMqttDeviceValidator,
  updateDeviceValidator,
} from '../validators/iot_validators.js'
import { generatePassword, provisionDevice, revokeDevice } from './dynsec_service.js'
import { mqttSettings } from './mqtt_config.js'

export function serializeDevice(d: IotDevice, latest?: LatestReading[]) {
  return {
    id: d.id,
    buildingId: d.buildingId,
    unitId: d.unitId,
    kind: d.kind,
    provider: d.provider,
    pointId: d.pointId,
    name: d.name,
    active: d.active,
    mqttUsername: d.mqttUsername,
    lastSyncedAt: d.lastSyncedAt?.toUTC().toISO() ?? null,
    lastSyncError: d.lastSyncError,
    createdAt: d.createdAt.toUTC().toISO(),
    updatedAt: d.updatedAt.toUTC().toISO(),
    ...(latest ? { latest: latest.filter((l) => l.deviceId === d.id) } : {}),
  }
}

export interface LatestReading {
  deviceId: string
  metric: string
  value: number
  unit: string
  ts: string
}

/** 404 for unknown, malformed, deleted or other-organisation devices. */
export async function findDevice(id: string, opts: { forUpdate?: boolean } = {}) {
  const q = IotDevice.query().where('id', id).whereNull('deleted_at')
  if (opts.forUpdate) q.forUpdate()
  const device = await q.first()
  if (!device) throw ApiError.notFound('Device not found')
  return device
}

export async function assertUnitInBuilding(unitId: string, buildingId: string) {
  const unit = await Unit.query().where('id', unitId).where('building_id', buildingId).first()
  if (!unit) throw ApiError.validation('unitId', 'The unit does not exist in this building')
}

export async function listDevices(ctx: HttpContext, buildingId: string) {
  await assertBuildingExists(buildingId)
  const qs = ctx.request.qs()
  const query = IotDevice.query().where('building_id', buildingId).whereNull('deleted_at')
  if (qs.kind === 'linky' || qs.kind === 'mqtt') query.where('kind', qs.kind)
  if (qs.active === 'true' || qs.active === 'false') query.where('active', qs.active === 'true')
  query.orderBy('name').orderBy('id')
  const page = await paginate(ctx, query, (d) => serializeDevice(d))
  const ids = page.data.map((d) => d.id)
  const latest = await latestReadings(ids)
  return {
    ...page,
    data: page.data.map((d) => ({ ...d, latest: latest.filter((l) => l.deviceId === d.id) })),
  }
}

/** Latest reading per device and metric (LATERAL on the PK, one index probe each). */
export async function latestReadings(deviceIds: string[]): Promise<LatestReading[]> {
  if (!deviceIds.length) return []
  const { trx, organisationId } = currentTenant()
  const res = await trx.rawQuery(
    `SELECT m.device_id, m.metric, l.value, l.unit, l.ts
     FROM (SELECT DISTINCT device_id, metric FROM iot_daily_rollups
           WHERE organisation_id = ? AND device_id = ANY(?::uuid[])) m
     CROSS JOIN LATERAL (
       SELECT value, unit, ts FROM iot_readings r
       WHERE r.organisation_id = ? AND r.device_id = m.device_id AND r.metric = m.metric
       ORDER BY ts DESC LIMIT 1) l
     ORDER BY m.device_id, m.metric`,
    [organisationId, deviceIds, organisationId]
  )
  return res.rows.map((r: any) => ({
    deviceId: r.device_id,
    metric: r.metric,
    value: r.value,
    unit: r.unit,
    ts: new Date(r.ts).toISOString(),
  }))
}

export function hashSecret(secret: string) {
  const salt = randomBytes(16)
  return `scrypt$${salt.toString('base64url')}$${scryptSync(secret, salt, 32).toString('base64url')}`
}

export function verifySecret(secret: string, stored: string) {
  const [, salt, hash] = stored.split('$')
  if (!salt || !hash) return false
  const actual = scryptSync(secret, Buffer.from(salt, 'base64url'), 32)
  return timingSafeEqual(actual, Buffer.from(hash, 'base64url'))
}

/**
 * An MQTT device: the password is generated here, provisioned in the broker, stored
 * hashed and returned once. A broker failure rolls the whole creation back.
 */
export async function createMqttDevice(
  ctx: HttpContext,
  buildingId: string,
  payload: Infer<typeof createMqttDeviceValidator>
) {
  await assertBuildingExists(buildingId)
  if (payload.unitId) await assertUnitInBuilding(payload.unitId, buildingId)
  if (!mqttSettings())
    throw new ApiError(503, 'E_MQTT_UNAVAILABLE', 'The MQTT broker is not configured')
  const { organisationId } = currentTenant()
  const device = await IotDevice.create({
    buildingId,
    unitId: payload.unitId ?? null,
    kind: 'mqtt',
    name: payload.name,
    active: true,
  })
  const username = `dev-${device.id}`
  const password = generatePassword()
  device.mqttUsername = username
  device.mqttPasswordHash = hashSecret(password)
  await device.save()
  await provisionDevice(organisationId, device.id, username, password)
  await audit(ctx, {
    action: 'iot.device.created',
    subjectType: 'iot_device',
    subjectId: device.id,
    metadata: { kind: 'mqtt' },
  })
  return {
    ...serializeDevice(device),
    credentials: {
      username,
      password,
      topic: `orgs/${organisationId}/devices/${device.id}/<metric>`,
      url: mqttSettings()!.url,
    },
  }
}

export async function updateDevice(
  ctx: HttpContext,
  id: string,
  payload: Infer<typeof updateDeviceValidator>
) {
  const device = await findDevice(id, { forUpdate: true })
  if (payload.unitId) await assertUnitInBuilding(payload.unitId, device.buildingId)
  const changes: Record<string, unknown> = {}
  if (payload.name !== undefined) device.name = changes.name = payload.name
  if (payload.unitId !== undefined) device.unitId = changes.unitId = payload.unitId
  if (payload.active !== undefined) device.active = changes.active = payload.active
  await device.save()
  await audit(ctx, {
    action: 'iot.device.updated',
    subjectType: 'iot_device',
    subjectId: device.id,
    metadata: changes,
  })
  return serializeDevice(device, await latestReadings([device.id]))
}

/**
 * Soft delete (readings stay attached to the building's history) unless `purge`, which
 * also deletes the readings, rollups and anomalies. MQTT credentials are revoked in
 * the broker before the transaction commits.
 */
export async function deleteDevice(ctx: HttpContext, id: string, purge: boolean) {
  const device = await findDevice(id, { forUpdate: true })
  const { trx, organisationId } = currentTenant()
  await trx
    .from('iot_device_tokens')
    .where('organisation_id', organisationId)
    .where('device_id', device.id)
    .delete()
  if (purge) {
    for (const table of [
      'iot_readings',
      'iot_daily_rollups',
      'iot_anomalies',
      'iot_rejected_messages',
    ]) {
      await trx
        .from(table)
        .where('organisation_id', organisationId)
        .where('device_id', device.id)
        .delete()
    }
  }
  const username = device.mqttUsername
  device.deletedAt = DateTime.now()
  device.active = false
  device.mqttUsername = null
  device.mqttPasswordHash = null
  await device.save()
  if (device.kind === 'mqtt' && username && mqttSettings()) await revokeDevice(device.id, username)
  await audit(ctx, {
    action: 'iot.device.deleted',
    subjectType: 'iot_device',
    subjectId: device.id,
    metadata: { purge },
  })
}
