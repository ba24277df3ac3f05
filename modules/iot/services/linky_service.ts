import type { HttpContext } from '@adonisjs/core/http'
import type { Infer } from '@vinejs/vine/types'
import { DateTime } from 'luxon'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { assertBuildingExists } from '#services/building_service'
import { dispatch } from '#jobs/dispatcher'
import { currentTenant } from '#tenancy/tenant_context'
import IotDevice from '../models/iot_device.js'
import type { configureLinkyValidator } from '../validators/iot_validators.js'
import { assertUnitInBuilding, findDevice, serializeDevice } from './device_service.js'
import {
  ProviderError,
  type MeteringProvider,
  type TokenSession,
  type TokenSet,
} from './metering_client.js'
import { meteringClient } from './provider_config.js'
import { decryptToken, encryptToken } from './token_cipher.js'
import { ingestReadings, type ReadingInput } from './ingest_service.js'

const ZONE = 'Europe/Brussels'
/** First sync goes this far back (the provider keeps 36 months). */
export const FIRST_SYNC_MONTHS = 36

/**
 * Configure: exchange the authorization code at the provider FIRST (nothing is written
 * if it fails: 422 with the provider's reason), then store the device and its
 * encrypted tokens in one transaction.
 */
export async function configureLinky(
  ctx: HttpContext,
  buildingId: string,
  payload: Infer<typeof configureLinkyValidator>
) {
  await assertBuildingExists(buildingId)
  if (payload.unitId) await assertUnitInBuilding(payload.unitId, buildingId)
  const existing = await IotDevice.query()
    .where('provider', payload.provider)
    .where('point_id', payload.pointId)
    .whereNull('deleted_at')
    .first()
  if (existing) throw ApiError.conflict('This metering point is already configured', 'pointId')

  let tokens: TokenSet
  try {
    tokens = await meteringClient(payload.provider).exchangeCode(
      payload.authorizationCode,
      payload.redirectUri
    )
  } catch (error) {
    if (error instanceof ProviderError && error.status >= 400 && error.status < 500) {
      throw ApiError.validation(
        'authorizationCode',
        `The provider refused the authorization code (${error.reason})`
      )
    }
    if (error instanceof ApiError) throw error
    throw new ApiError(502, 'E_PROVIDER_ERROR', 'The metering provider could not be reached')
  }
  if (tokens.usagePointId && tokens.usagePointId !== payload.pointId) {
    throw ApiError.validation('pointId', 'The authorization was granted for another metering point')
  }

  const device = await IotDevice.create({
    buildingId,
    unitId: payload.unitId ?? null,
    kind: 'linky',
    provider: payload.provider,
    pointId: payload.pointId,
    name: payload.name ?? `${payload.provider === 'ores' ? 'Ores' : 'Linky'} ${payload.pointId}`,
    active: true,
  })
  await saveTokens(device.id, tokens)
  await audit(ctx, {
    action: 'iot.linky.configured',
    subjectType: 'iot_device',
    subjectId: device.id,
    metadata: { provider: payload.provider, pointId: payload.pointId },
  })
  return serializeDevice(device)
}

async function saveTokens(deviceId: string, tokens: TokenSet) {
  const { trx, organisationId } = currentTenant()
  await trx.rawQuery(
    `INSERT INTO iot_device_tokens (organisation_id, device_id, access_token_enc, refresh_token_enc, expires_at, updated_at)
     VALUES (?, ?, ?, ?, ?, now())
     ON CONFLICT (organisation_id, device_id) DO UPDATE SET access_token_enc = excluded.access_token_enc,
       refresh_token_enc = excluded.refresh_token_enc, expires_at = excluded.expires_at, updated_at = now()`,
    [
      organisationId,
      deviceId,
      encryptToken(tokens.accessToken),
      encryptToken(tokens.refreshToken),
      tokens.expiresAt,
    ]
  )
}

async function loadSession(deviceId: string): Promise<TokenSession> {
  const { trx, organisationId } = currentTenant()
  const row = await trx
    .from('iot_device_tokens')
    .where('organisation_id', organisationId)
    .where('device_id', deviceId)
    .first()
  if (!row) throw new Error('device has no provider tokens')
  return {
    tokens: {
      accessToken: decryptToken(row.access_token_enc),
      refreshToken: decryptToken(row.refresh_token_enc),
      expiresAt: new Date(row.expires_at),
    },
    save: (t) => saveTokens(deviceId, t),
  }
}

/** POST …/linky/sync: one job per active Linky device of the building (or the one asked). */
export async function requestSync(ctx: HttpContext, buildingId: string, deviceId?: string) {
  await assertBuildingExists(buildingId)
  const { organisationId } = currentTenant()
  const query = IotDevice.query()
    .where('building_id', buildingId)
    .where('kind', 'linky')
    .where('active', true)
    .whereNull('deleted_at')
  if (deviceId) query.where('id', deviceId)
  const devices = await query.select('id')
  if (deviceId && !devices.length) throw ApiError.notFound('Device not found')
  if (!devices.length) throw ApiError.invalidState('The building has no active Linky/Ores device')
  const { id } = await dispatch('iot.sync_linky', {
    organisationId,
    buildingId,
    deviceIds: devices.map((d) => d.id),
  })
  await audit(ctx, {
    action: 'iot.linky.sync_requested',
    subjectType: 'building',
    subjectId: buildingId,
    metadata: { jobId: id },
  })
  return { jobId: id, devices: devices.length }
}

/** Last stored reading of a device+metric, or null. */
async function lastReadingAt(deviceId: string, metric: string): Promise<Date | null> {
  const { trx, organisationId } = currentTenant()
  const res = await trx.rawQuery(
    `SELECT max(day) AS day FROM iot_daily_rollups WHERE organisation_id = ? AND device_id = ? AND metric = ?`,
    [organisationId, deviceId, metric]
  )
  const day = res.rows[0]?.day
  if (!day) return null
  const r = await trx.rawQuery(
    `SELECT max(ts) AS ts FROM iot_readings WHERE organisation_id = ? AND device_id = ? AND metric = ?
     AND ts >= (?::date)::timestamp AT TIME ZONE 'Europe/Brussels'`,
    [
      organisationId,
      deviceId,
      metric,
      day instanceof Date ? DateTime.fromJSDate(day).toISODate() : day,
    ]
  )
  return r.rows[0]?.ts ? new Date(r.rows[0].ts) : null
}

/**
 * Syncs one device (inside the tenant transaction of the job): daily totals → energy_wh
 * day readings, load curve → power_w 30-minute readings, each from the last stored
 * reading's local day (or 36 months back). Ingest is idempotent, so overlapping the
 * last day is harmless.
 */
export async function syncDevice(
  deviceId: string,
  opts: { until?: DateTime; maxWaitMs?: number } = {}
) {
  const device = await findDevice(deviceId)
  if (device.kind !== 'linky' || !device.provider || !device.pointId)
    return { deviceId, skipped: 'not_linky' }
  if (!device.active) return { deviceId, skipped: 'inactive' }
  const client = meteringClient(device.provider as MeteringProvider, { maxWaitMs: opts.maxWaitMs })
  const session = await loadSession(device.id)
  const today = (opts.until ?? DateTime.now()).setZone(ZONE).startOf('day')
  const floor = today.minus({ months: FIRST_SYNC_MONTHS })
  const startOf = (last: Date | null) =>
    last ? DateTime.max(DateTime.fromJSDate(last).setZone(ZONE).startOf('day'), floor) : floor
  const end = today.toISODate()!
  const result = {
    deviceId,
    energy: { inserted: 0, skipped: 0 },
    power: { inserted: 0, skipped: 0 },
  }
  try {
    const dailyStart = startOf(await lastReadingAt(device.id, 'energy_wh')).toISODate()!
    if (dailyStart < end) {
      const points = await client.daily(session, device.pointId, dailyStart, end)
      const r = await ingestReadings(
        points.map((p): ReadingInput => ({
          deviceId: device.id,
          metric: 'energy_wh',
          ts: p.ts,
          value: p.value,
          unit: 'Wh',
        }))
      )
      result.energy = { inserted: r.inserted, skipped: r.skipped }
    }
    // The load curve is heavy (48 points/day): fetched only for the retention window.
    const curveFloor = DateTime.max(today.minus({ months: 24 }).startOf('month'), floor)
    const last = await lastReadingAt(device.id, 'power_w')
    const curveStart = (
      last
        ? DateTime.max(DateTime.fromJSDate(last).setZone(ZONE).startOf('day'), curveFloor)
        : curveFloor
    ).toISODate()!
    if (curveStart < end) {
      const points = await client.loadCurve(session, device.pointId, curveStart, end)
      const r = await ingestReadings(
        points.map((p): ReadingInput => ({
          deviceId: device.id,
          metric: 'power_w',
          ts: p.ts,
          value: p.value,
          unit: 'W',
        }))
      )
      result.power = { inserted: r.inserted, skipped: r.skipped }
    }
    device.lastSyncedAt = DateTime.now()
    device.lastSyncError = null
    await device.save()
    return result
  } catch (error) {
    if (error instanceof ProviderError) {
      device.lastSyncError = `provider ${error.status} ${error.reason}`.slice(0, 500)
      await device.save()
    }
    throw error
  }
}
