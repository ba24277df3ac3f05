import type { CatalogEntry, JsonSchema } from '#services/openapi_catalog'

/* OpenAPI descriptions of the iot routes (merged by the core OpenAPI document). */
const str = (extra: JsonSchema = {}): JsonSchema => ({ type: 'string', ...extra })
const num: JsonSchema = { type: ['number', 'null'] }
const uuid: JsonSchema = { type: 'string', format: 'uuid' }
const date: JsonSchema = { type: 'string', format: 'date' }
const obj = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
})
const pageOf = (item: JsonSchema): JsonSchema =>
  obj({ data: { type: 'array', items: item }, meta: { $ref: '#/components/schemas/PageMeta' } }, [
    'data',
    'meta',
  ])
const paging = { page: { type: 'integer', minimum: 1 }, perPage: { type: 'integer', minimum: 1 } }
const pct: JsonSchema = {
  type: ['string', 'null'],
  pattern: '^-?\\d+\\.\\d{2}$',
  description: 'Percentage change, e.g. "12.50"',
}

const Latest = obj({
  deviceId: uuid,
  metric: str(),
  value: { type: 'number' },
  unit: str(),
  ts: str({ format: 'date-time' }),
})
const Device = obj({
  id: uuid,
  buildingId: uuid,
  unitId: { type: ['string', 'null'], format: 'uuid' },
  kind: { type: 'string', enum: ['linky', 'mqtt'] },
  provider: { type: ['string', 'null'], enum: ['enedis', 'ores', null] },
  pointId: { type: ['string', 'null'] },
  name: str(),
  active: { type: 'boolean' },
  mqttUsername: { type: ['string', 'null'] },
  lastSyncedAt: { type: ['string', 'null'], format: 'date-time' },
  lastSyncError: { type: ['string', 'null'] },
  latest: { type: 'array', items: Latest },
})
const Bucket = obj({
  deviceId: uuid,
  metric: str(),
  start: str({ format: 'date-time', description: 'Bucket start (UTC)' }),
  local: str({ description: 'Bucket start in Europe/Brussels (date for day/month)' }),
  sum: num,
  avg: num,
  min: num,
  max: num,
  count: { type: 'integer' },
  unit: str(),
})
const tags = ['iot']

export const iotOpenApi: Record<string, CatalogEntry> = {
  'POST /buildings/:id/iot/linky/configure': {
    summary: 'Configure a Linky (Enedis) or Ores meter: OAuth2 code exchange, creates the device',
    description:
      'Tokens are stored encrypted (AES-256-GCM) and never returned. A code refused by the provider → 422 on authorizationCode, nothing stored.',
    tags,
    requestBody: obj(
      {
        provider: { type: 'string', enum: ['enedis', 'ores'] },
        pointId: str({ pattern: '^\\d{14,18}$' }),
        authorizationCode: str(),
        redirectUri: str({ format: 'uri' }),
        name: str(),
        unitId: uuid,
      },
      ['provider', 'pointId', 'authorizationCode', 'redirectUri']
    ),
    successStatus: 201,
    response: Device,
    errors: {
      409: 'Metering point already configured',
      503: 'Provider not configured',
      502: 'Provider unreachable',
    },
  },
  'POST /buildings/:id/iot/linky/sync': {
    summary: 'Enqueue a sync of the building’s Linky/Ores devices (load curve + daily totals)',
    tags,
    requestBody: obj({ deviceId: uuid }),
    successStatus: 202,
    response: obj({ jobId: str(), devices: { type: 'integer' } }, ['jobId']),
    errors: { 409: 'No active Linky/Ores device' },
  },
  'GET /iot/sync-jobs/:id': {
    summary: 'State and progress of a sync job',
    tags,
    response: obj({
      id: str(),
      state: str(),
      progress: {},
      result: {},
      failedReason: { type: ['string', 'null'] },
    }),
  },
  'GET /buildings/:id/iot/readings': {
    summary: 'Readings aggregated in SQL (Europe/Brussels local time)',
    tags,
    query: {
      deviceId: uuid,
      metric: str({ default: 'energy_wh' }),
      from: date,
      to: date,
      granularity: { type: 'string', enum: ['raw', 'hour', 'day', 'month'], default: 'day' },
      ...paging,
    },
    response: pageOf(Bucket),
  },
  'GET /buildings/:id/iot/readings/latest': {
    summary: 'Latest reading per device and metric',
    tags,
    response: obj({ data: { type: 'array', items: Latest } }),
  },
  'GET /buildings/:id/iot/statistics': {
    summary: 'Per month (or year): total, average/day, min, max, MoM and YoY change',
    tags,
    query: {
      deviceId: uuid,
      metric: str(),
      period: { type: 'string', enum: ['month', 'year'] },
      from: date,
      to: date,
      ...paging,
    },
    response: pageOf(
      obj({
        period: str(),
        metric: str(),
        unit: str(),
        total: num,
        average: num,
        min: num,
        max: num,
        days: { type: 'integer' },
        momChange: pct,
        yoyChange: pct,
      })
    ),
  },
  'GET /buildings/:id/iot/anomalies': {
    summary: 'Days whose total is > 120 % of the average of the 7 previous days',
    tags,
    query: { deviceId: uuid, from: date, to: date, ...paging },
    response: pageOf(
      obj({
        id: uuid,
        deviceId: uuid,
        deviceName: str(),
        unitId: { type: ['string', 'null'] },
        metric: str(),
        day: date,
        value: { type: 'number' },
        baseline: { type: 'number' },
        ratio: str(),
        notifiedAt: { type: ['string', 'null'] },
      })
    ),
  },
  'GET /buildings/:id/iot/rejected-messages': {
    summary: 'MQTT messages refused by the ingest, with the reason',
    tags,
    query: paging,
    response: pageOf(
      obj({
        id: uuid,
        deviceId: { type: ['string', 'null'] },
        topic: str(),
        payload: str(),
        reason: str(),
        receivedAt: str({ format: 'date-time' }),
      })
    ),
  },
  'GET /buildings/:id/iot/report': {
    summary: 'PDF energy report of the building over a period',
    tags,
    query: { from: date, to: date },
    response: { type: 'string', format: 'binary', description: 'application/pdf' },
  },
  'GET /buildings/:id/iot/devices': {
    summary: 'Devices of the building with their latest readings',
    tags,
    query: {
      kind: { type: 'string', enum: ['linky', 'mqtt'] },
      active: { type: 'boolean' },
      ...paging,
    },
    response: pageOf(Device),
  },
  'POST /buildings/:id/iot/devices': {
    summary: 'Create an MQTT device: credentials provisioned in the broker and returned ONCE',
    tags,
    requestBody: obj({ name: str(), unitId: uuid }, ['name']),
    successStatus: 201,
    response: obj({
      credentials: obj({ username: str(), password: str(), topic: str(), url: str() }),
    }),
    errors: { 503: 'MQTT broker not configured' },
  },
  'GET /iot/devices/:id': { summary: 'One device', tags, response: Device },
  'PUT /iot/devices/:id': {
    summary: 'Rename, attach to a unit, (de)activate',
    tags,
    requestBody: obj({
      name: str(),
      unitId: { type: ['string', 'null'], format: 'uuid' },
      active: { type: 'boolean' },
    }),
    response: Device,
  },
  'DELETE /iot/devices/:id': {
    summary: 'Delete a device (readings kept unless ?purge=true); MQTT credentials revoked',
    tags,
    query: { purge: { type: 'boolean' } },
  },
}
