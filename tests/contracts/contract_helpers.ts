import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import { baseUrl, uniq, type TestOrg } from '#tests/helpers/api'
import type { ApiRouteInfo } from '#services/openapi_routes'
import { openApiDocument } from '#services/openapi_service'
import type { JsonSchema } from '#services/openapi_catalog'
import { fixtureCreators } from '#tests/contracts/fixtures'

/*
| Shared machinery of the contract suite: raw HTTP calls, fixtures of a second
| organisation, digests of an organisation's rows, and the error-shape check.
*/

export interface CallResult {
  status: number
  body: any
  text: string
  contentType: string
}

/** A plain fetch: the contract suite looks at every answer, whatever its status. */
export async function call(
  method: string,
  path: string,
  opts: { token?: string; body?: unknown } = {}
): Promise<CallResult> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  let body: string | undefined
  if (opts.body !== undefined && !['GET', 'HEAD'].includes(method)) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }
  const res = await fetch(`${baseUrl()}${path}`, { method, headers, body, redirect: 'manual' })
  const text = await res.text()
  let parsed: any = null
  try {
    parsed = text ? JSON.parse(text) : null
  } catch {
    parsed = null
  }
  return {
    status: res.status,
    body: parsed,
    text,
    contentType: res.headers.get('content-type') ?? '',
  }
}

/** `{errors:[{code:string, message:string, field?:string}]}` and nothing else per entry. */
export function errorShapeProblem(res: CallResult): string | null {
  if (!/application\/json/.test(res.contentType)) return `content-type ${res.contentType}`
  const errors = res.body?.errors
  if (!Array.isArray(errors) || errors.length === 0) return 'no errors array'
  for (const e of errors) {
    if (typeof e !== 'object' || e === null) return 'entry is not an object'
    if (typeof e.code !== 'string' || !/^E_[A-Z0-9_]+$/.test(e.code)) return `bad code ${e.code}`
    if (typeof e.message !== 'string' || !e.message) return 'missing message'
    if ('field' in e && typeof e.field !== 'string') return 'field is not a string'
    const extra = Object.keys(e).filter((k) => !['code', 'message', 'field'].includes(k))
    if (extra.length) return `unexpected keys ${extra.join(',')}`
  }
  return null
}

// ------------------------------------------------------------------ fixtures

/** Values for non-id params, so the route matcher accepts them. */
const SAMPLE_PARAMS: Record<string, string> = {
  key: 'accounting',
  status: 'active',
  category: 'announcement',
  type: 'room',
  format: 'csv',
  slug: 'demo',
  token: 'a'.repeat(64),
}

export function isIdParam(name: string) {
  return name === 'id' || /Id$|_id$/.test(name)
}

/** Resource segment before a param → table of an organisation (when the names differ). */
const SEGMENT_TABLES: Record<string, string> = {
  'members': 'memberships',
  'unit-owners': 'unit_owners',
}

export interface Fixtures {
  organisationId: string
  /** table → ids of rows of this organisation. */
  byTable: Map<string, string[]>
}

/**
 * Creates one of each core resource in `org` through the API (building, unit,
 * co-owner, ownership, member invitation, portal invitation, document), and what no
 * endpoint creates (a notification) through the owner connection. Calls that fail
 * (an endpoint not there yet) fall back to owner-connection inserts, so every
 * resource exists either way.
 */
export async function createOrgFixtures(client: ApiClient, org: TestOrg): Promise<Fixtures> {
  const owner = db.connection('owner')
  const t = org.token
  const post = (path: string, body: unknown) => call('POST', path, { token: t, body })

  const b = await post('/api/v1/buildings', {
    name: 'Résidence Contrat',
    address: { street: 'Rue de la Loi 16', postalCode: '1000', city: 'Bruxelles', country: 'BE' },
    totalQuota: 1000,
  })
  let buildingId: string = b.body?.id
  if (b.status !== 201 || !buildingId) {
    const [row] = await owner
      .table('buildings')
      .insert({
        organisation_id: org.organisationId,
        name: 'Résidence Contrat',
        street: 'Rue de la Loi 16',
        postal_code: '1000',
        city: 'Bruxelles',
      })
      .returning('id')
    buildingId = row.id
  }

  const u = await post(`/api/v1/buildings/${buildingId}/units`, {
    number: 'A1',
    type: 'apartment',
    quota: 100,
  })
  let unitId: string = u.body?.id
  if (u.status !== 201 || !unitId) {
    const [row] = await owner
      .table('units')
      .insert({
        organisation_id: org.organisationId,
        building_id: buildingId,
        number: 'A1',
        type: 'apartment',
        quota: 100,
      })
      .returning('id')
    unitId = row.id
  }

  const ownerEmail = `${uniq('owner')}@example.test`
  const o = await post('/api/v1/owners', {
    kind: 'person',
    firstName: 'Bea',
    lastName: 'Contract',
    email: ownerEmail,
    locale: 'fr',
  })
  let ownerId: string = o.body?.id
  if (o.status !== 201 || !ownerId) {
    const [row] = await owner
      .table('owners')
      .insert({
        organisation_id: org.organisationId,
        kind: 'person',
        first_name: 'Bea',
        last_name: 'Contract',
        email: ownerEmail,
      })
      .returning('id')
    ownerId = row.id
  }

  const uo = await post(`/api/v1/units/${unitId}/owners`, { ownerId, percentage: 50 })
  if (uo.status !== 201) {
    await owner.table('unit_owners').insert({
      organisation_id: org.organisationId,
      unit_id: unitId,
      owner_id: ownerId,
      percentage: 50,
    })
  }

  const inv = await post('/api/v1/organisation/members', {
    email: `${uniq('member')}@example.test`,
    role: 'syndic',
  })
  await post(`/api/v1/owners/${ownerId}/invite`, {})
  if (inv.status !== 201) {
    await owner.table('invitations').insert({
      organisation_id: org.organisationId,
      email: `${uniq('member')}@example.test`,
      role: 'syndic',
      token_hash: randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, ''),
      expires_at: new Date(Date.now() + 7 * 86400000),
    })
  }

  const form = new FormData()
  form.append('buildingId', buildingId)
  form.append(
    'file',
    new Blob(['%PDF-1.4\n% contract fixture\n'], { type: 'application/pdf' }),
    'rules.pdf'
  )
  const docRes = await fetch(`${baseUrl()}/api/v1/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${t}`, accept: 'application/json' },
    body: form,
  })
  if (docRes.status !== 201) {
    await owner.table('documents').insert({
      organisation_id: org.organisationId,
      building_id: buildingId,
      name: 'rules.pdf',
      storage_key: `contracts/${randomUUID()}.pdf`,
      mime_type: 'application/pdf',
      size: 10,
      checksum: 'f'.repeat(64),
    })
  } else {
    await docRes.arrayBuffer()
  }

  await owner.table('notifications').insert({
    organisation_id: org.organisationId,
    user_id: org.userId,
    type: 'contract.fixture',
    title: 'Fixture notification',
  })

  void client
  for (const create of fixtureCreators) {
    await create({
      org,
      core: { buildingId, unitId, ownerId },
      api: async (method, path, body) => {
        // Paths may be given relative to /api/v1 (`/resources`) or absolute.
        const url = path.startsWith('/api/') ? path : `/api/v1${path}`
        const res = await call(method.toUpperCase(), url, { token: t, body })
        return { status: res.status, body: res.body }
      },
    })
  }
  return loadFixtures(org.organisationId)
}

/** Every row id of the organisation, per table that has `organisation_id` and `id`. */
export async function loadFixtures(organisationId: string): Promise<Fixtures> {
  const owner = db.connection('owner')
  const tables = await owner.rawQuery<{ rows: { table_name: string }[] }>(
    `SELECT c.table_name FROM information_schema.columns c
       JOIN information_schema.columns i ON i.table_schema = c.table_schema AND i.table_name = c.table_name AND i.column_name = 'id'
       JOIN pg_class pc ON pc.relname = c.table_name AND pc.relnamespace = 'public'::regnamespace
      WHERE c.table_schema = 'public' AND c.column_name = 'organisation_id'
        AND pc.relkind IN ('r','p') AND NOT pc.relispartition`
  )
  const byTable = new Map<string, string[]>()
  for (const { table_name: table } of tables.rows) {
    const rows = await owner
      .from(table)
      .where('organisation_id', organisationId)
      .select('id')
      .orderBy('id')
      .limit(5)
    if (rows.length)
      byTable.set(
        table,
        rows.map((r: { id: unknown }) => String(r.id))
      )
  }
  return { organisationId, byTable }
}

/** The table a resource segment names: `journal-entries` → `accounting_journal_entries`. */
function tableForSegment(fixtures: Fixtures, segment: string): string | undefined {
  const snake = SEGMENT_TABLES[segment] ?? segment.replace(/-/g, '_')
  if (fixtures.byTable.has(snake)) return snake
  return [...fixtures.byTable.keys()].find((t) => t.endsWith(`_${snake}`))
}

/** An id of `fixtures`' organisation for the resource a param names, else a random uuid. */
export function idFor(fixtures: Fixtures | null, segmentBefore: string | undefined, param: string) {
  if (!fixtures) return randomUUID()
  const candidates = [segmentBefore]
  if (param !== 'id')
    candidates.push(
      param
        .replace(/_?[iI]d$/, '')
        .replace(/([a-z])([A-Z])/g, '$1-$2')
        .replace(/_/g, '-')
        .toLowerCase() + 's'
    )
  for (const c of candidates.filter((x): x is string => !!x)) {
    const table = tableForSegment(fixtures, c)
    if (table) return fixtures.byTable.get(table)![0]
  }
  return randomUUID()
}

/**
 * The concrete URL of a route: id params get ids of `fixtures`' organisation (or
 * random uuids), other params a value their matcher accepts.
 */
export function concretePath(route: ApiRouteInfo, fixtures: Fixtures | null): string {
  const segments = route.pattern.split('/')
  return segments
    .map((segment, i) => {
      if (segment === '*') return 'x'
      if (!segment.startsWith(':')) return segment
      const name = segment.slice(1).replace(/\?$/, '')
      const matcher = route.matchers[name]
      let value = isIdParam(name) ? idFor(fixtures, segments[i - 1], name) : SAMPLE_PARAMS[name]
      if (value === undefined || (matcher && !new RegExp(matcher.source).test(value))) {
        const candidates = [value, randomUUID(), 'sample', '1'].filter(Boolean) as string[]
        value = candidates.find((c) => !matcher || new RegExp(matcher.source).test(c)) ?? 'sample'
      }
      return encodeURIComponent(value)
    })
    .join('/')
}

// ------------------------------------------------------------------ request bodies

function resolve(schema: JsonSchema | undefined): JsonSchema | undefined {
  const ref = schema?.$ref
  if (typeof ref !== 'string') return schema
  const components = openApiDocument().components.schemas as Record<string, JsonSchema>
  return components[ref.split('/').pop()!]
}

/** A plausible value for a schema; uuid fields named `<thing>Id` point into `fixtures`. */
function sample(schema: JsonSchema | undefined, name: string, fixtures: Fixtures | null): unknown {
  const s = resolve(schema)
  if (!s) return null
  if (Array.isArray(s.enum)) return s.enum[0]
  if (Array.isArray(s.oneOf)) return sample(s.oneOf[0] as JsonSchema, name, fixtures)
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {}
      const props = (s.properties ?? {}) as Record<string, JsonSchema>
      for (const key of (s.required as string[] | undefined) ?? []) {
        out[key] = sample(props[key], key, fixtures)
      }
      return out
    }
    case 'array': {
      const min = Number(s.minItems ?? 1)
      return Array.from({ length: Math.max(1, min) }, () =>
        sample(s.items as JsonSchema, name, fixtures)
      )
    }
    case 'integer':
    case 'number':
      return Number(s.minimum ?? 1)
    case 'boolean':
      return false
    default:
      if (s.format === 'uuid') return idFor(fixtures, undefined, name)
      if (s.format === 'date') return '2026-06-15'
      if (s.format === 'date-time') return new Date(Date.now() + 30 * 86400000).toISOString()
      if (s.format === 'email') return `${uniq('c')}@example.test`
      if (s.format === 'uri') return 'https://example.test/callback'
      if (typeof s.pattern === 'string' && /\\d\{14,18\}/.test(s.pattern)) return '12345678901234'
      return 'Contract test'
  }
}

/** A request body for a route from its documented schema (`{}` when none is documented). */
export function sampleBody(route: ApiRouteInfo, fixtures: Fixtures | null): unknown {
  if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method)) return undefined
  const doc = openApiDocument()
  const path = route.path
    .split('/')
    .map((s) =>
      s.startsWith(':') ? `{${s.slice(1).replace(/\?$/, '')}}` : s === '*' ? '{wildcard}' : s
    )
    .join('/')
  const op = doc.paths[path]?.[route.method.toLowerCase()]
  const schema = (op?.requestBody?.content as any)?.['application/json']?.schema as
    JsonSchema | undefined
  if (!schema) return route.method === 'DELETE' ? undefined : {}
  return sample(schema, 'body', fixtures) ?? {}
}

// ------------------------------------------------------------------ digests

/** Tables with an organisation_id column (partitions excluded: their parent covers them). */
export async function tenantTables(): Promise<string[]> {
  const res = await db.connection('owner').rawQuery<{ rows: { table_name: string }[] }>(
    `SELECT c.table_name FROM information_schema.columns c
       JOIN pg_class pc ON pc.relname = c.table_name AND pc.relnamespace = 'public'::regnamespace
      WHERE c.table_schema = 'public' AND c.column_name = 'organisation_id'
        AND pc.relkind IN ('r','p') AND NOT pc.relispartition
      ORDER BY c.table_name`
  )
  return res.rows.map((r) => r.table_name)
}

/** md5 of every row of the organisation, per table, in one query (owner role: no RLS). */
export async function organisationDigest(
  organisationId: string,
  tables: string[]
): Promise<Record<string, string>> {
  if (!tables.length) return {}
  const parts = tables.map(
    (t, i) =>
      `SELECT ${i} AS i, md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) AS d FROM "${t.replace(/"/g, '""')}" x WHERE x.organisation_id = ?`
  )
  const res = await db.connection('owner').rawQuery<{ rows: { i: number; d: string }[] }>(
    parts.join(' UNION ALL '),
    tables.map(() => organisationId)
  )
  const out: Record<string, string> = {}
  for (const row of res.rows) out[tables[row.i]] = row.d
  const org = await db
    .connection('owner')
    .rawQuery<{ rows: { d: string }[] }>(
      `SELECT md5(x::text) AS d FROM organisations x WHERE x.id = ?`,
      [organisationId]
    )
  out.organisations = org.rows[0]?.d ?? ''
  return out
}

export function changedTables(before: Record<string, string>, after: Record<string, string>) {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t])
}
