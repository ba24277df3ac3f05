import { randomUUID } from 'node:crypto'
import mqtt, { type MqttClient } from 'mqtt'
import logger from '@adonisjs/core/services/logger'
import { withTenant } from '#tenancy/tenant_context'
import { ingestReadings, type ReadingInput } from './ingest_service.js'
import { SHARED_SUBSCRIPTION, mqttSettings } from './mqtt_config.js'

/*
| The worker's MQTT subscriber. It connects as the admin client with a SHARED
| subscription (`$share/vme-iot-ingest/…`), so several workers split the stream, and
| stores messages in small batches per organisation (one COPY per batch). Anything
| invalid goes to `iot_rejected_messages` with the reason; nothing a device sends can
| crash the worker (every step is caught and logged).
*/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const TOPIC = /^orgs\/([^/]+)\/devices\/([^/]+)\/([^/]+)$/
const METRIC = /^[a-z][a-z0-9_]{0,39}$/
const UNIT = /^[^\t\n\r\\]{1,16}$/

export type ParsedMessage =
  | { ok: true; organisationId: string; reading: ReadingInput }
  | { ok: false; organisationId: string | null; deviceId: string | null; reason: string }

/** Pure validation of one message (topic + payload). */
export function parseMessage(topic: string, payload: Buffer, now = Date.now()): ParsedMessage {
  const m = TOPIC.exec(topic)
  const organisationId = m && UUID.test(m[1]) ? m[1].toLowerCase() : null
  const deviceId = m && UUID.test(m[2]) ? m[2].toLowerCase() : null
  const fail = (reason: string): ParsedMessage => ({ ok: false, organisationId, deviceId, reason })
  if (!m || !organisationId || !deviceId) return fail('invalid topic')
  const metric = m[3]
  if (!METRIC.test(metric)) return fail('invalid metric name in topic')
  if (payload.length > 4096) return fail('payload too large')
  let body: any
  try {
    body = JSON.parse(payload.toString('utf8'))
  } catch {
    return fail('invalid JSON')
  }
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return fail('payload must be a JSON object')
  const value =
    typeof body.value === 'string' && body.value.trim() !== '' ? Number(body.value) : body.value
  if (typeof value !== 'number' || !Number.isFinite(value))
    return fail('value must be a finite number')
  if (typeof body.unit !== 'string' || !UNIT.test(body.unit))
    return fail('unit must be a short string')
  const ts =
    typeof body.ts === 'number'
      ? new Date(body.ts)
      : typeof body.ts === 'string'
        ? new Date(body.ts)
        : null
  if (!ts || Number.isNaN(ts.getTime())) return fail('ts must be an ISO 8601 timestamp')
  if (ts.getTime() > now + 24 * 3600_000) return fail('ts is in the future')
  return { ok: true, organisationId, reading: { deviceId, metric, ts, value, unit: body.unit } }
}

interface Pending {
  topic: string
  payload: Buffer
}

export class MqttIngestor {
  #client?: MqttClient
  #queue: Pending[] = []
  #timer?: NodeJS.Timeout
  #flushing = Promise.resolve()
  stats = { received: 0, stored: 0, rejected: 0, errors: 0 }

  constructor(private opts: { flushMs?: number; maxBatch?: number } = {}) {}

  async start() {
    const settings = mqttSettings()
    if (!settings) {
      logger.info('iot: MQTT not configured, subscriber not started')
      return this
    }
    this.#client = await mqtt.connectAsync(settings.url, {
      username: settings.adminUsername,
      password: settings.adminPassword,
      clientId: `vme-ingest-${randomUUID().slice(0, 8)}`,
      protocolVersion: 5,
      reconnectPeriod: 2000,
    })
    this.#client.on('message', (topic, payload) => {
      this.stats.received++
      this.#queue.push({ topic, payload })
      if (this.#queue.length >= (this.opts.maxBatch ?? 1000)) this.#schedule(0)
      else this.#schedule(this.opts.flushMs ?? 200)
    })
    this.#client.on('error', (err) => logger.warn({ err: err.message }, 'iot: MQTT client error'))
    await this.#client.subscribeAsync(SHARED_SUBSCRIPTION, { qos: 1 })
    logger.info('iot: MQTT subscriber started')
    return this
  }

  #schedule(ms: number) {
    if (this.#timer) {
      if (ms > 0) return
      clearTimeout(this.#timer)
    }
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      this.#flushing = this.#flushing.then(() => this.flush())
    }, ms)
  }

  /** Stores the pending messages: valid ones by organisation, invalid ones as rejected. */
  async flush() {
    const batch = this.#queue.splice(0)
    if (!batch.length) return
    const byOrg = new Map<
      string,
      {
        readings: ReadingInput[]
        rejected: Array<{ deviceId: string | null; topic: string; payload: string; reason: string }>
      }
    >()
    const entry = (org: string) => {
      let e = byOrg.get(org)
      if (!e) byOrg.set(org, (e = { readings: [], rejected: [] }))
      return e
    }
    for (const msg of batch) {
      const parsed = parseMessage(msg.topic, msg.payload)
      if (parsed.ok) entry(parsed.organisationId).readings.push(parsed.reading)
      else if (parsed.organisationId) {
        entry(parsed.organisationId).rejected.push({
          deviceId: parsed.deviceId,
          topic: msg.topic.slice(0, 300),
          payload: msg.payload.toString('utf8').slice(0, 2000),
          reason: parsed.reason,
        })
      } else {
        this.stats.rejected++
        logger.warn(
          { topic: msg.topic.slice(0, 300) },
          'iot: MQTT message on an invalid topic dropped'
        )
      }
    }
    for (const [organisationId, { readings, rejected }] of byOrg) {
      try {
        await withTenant(organisationId, async (trx) => {
          // Only active, non-deleted devices of this organisation may store readings.
          const ids = [
            ...new Set([
              ...readings.map((r) => r.deviceId),
              ...rejected.map((r) => r.deviceId).filter(Boolean),
            ]),
          ]
          const rows = await trx
            .from('iot_devices')
            .where('organisation_id', organisationId)
            .whereIn('id', ids as string[])
            .whereNull('deleted_at')
            .select('id', 'active')
          const known = new Map(rows.map((r: any) => [r.id as string, r.active as boolean]))
          const accepted: ReadingInput[] = []
          for (const r of readings) {
            if (known.get(r.deviceId) === true) accepted.push(r)
            else
              rejected.push({
                deviceId: known.has(r.deviceId) ? r.deviceId : null,
                topic: `orgs/${organisationId}/devices/${r.deviceId}/${r.metric}`,
                payload: JSON.stringify({ value: r.value, unit: r.unit, ts: r.ts }),
                reason: known.has(r.deviceId) ? 'device inactive' : 'unknown device',
              })
          }
          if (accepted.length) {
            const result = await ingestReadings(accepted)
            this.stats.stored += result.inserted
          }
          const storable = rejected.filter((r) => !r.deviceId || known.has(r.deviceId))
          if (storable.length) {
            await trx.table('iot_rejected_messages').insert(
              storable.map((r) => ({
                organisation_id: organisationId,
                device_id: r.deviceId,
                topic: r.topic,
                payload: r.payload,
                reason: r.reason,
              }))
            )
          }
          this.stats.rejected += rejected.length
        })
      } catch (error) {
        this.stats.errors++
        logger.error({ err: (error as Error).message, organisationId }, 'iot: MQTT batch failed')
      }
    }
  }

  async stop() {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = undefined
    await this.#flushing
    await this.flush().catch(() => {})
    await this.#client?.endAsync().catch(() => {})
    this.#client = undefined
  }
}
