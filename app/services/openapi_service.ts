import {
  catalog,
  componentSchemas,
  type CatalogEntry,
  type JsonSchema,
} from '#services/openapi_catalog'
import { apiRoutes, normalisePattern, type ApiRouteInfo } from '#services/openapi_routes'

/*
| OpenAPI 3.1 document built from the router's registered routes, enriched by the
| hand-written catalog. Generated on first request and cached: routes are fixed once
| the router is committed at boot.
*/

export interface OpenApiOperation {
  'operationId': string
  'summary': string
  'description'?: string
  'tags': string[]
  'parameters'?: JsonSchema[]
  'requestBody'?: JsonSchema
  'responses': Record<string, JsonSchema>
  'security'?: Record<string, string[]>[]
  'x-route-name'?: string
  'x-permission'?: string
  'x-module'?: string
}

export type OpenApiDocument = {
  openapi: '3.1.0'
  info: JsonSchema
  servers: JsonSchema[]
  tags: { name: string; description?: string }[]
  paths: Record<string, Record<string, OpenApiOperation>>
  components: JsonSchema
  security: Record<string, string[]>[]
}

const normalisedCatalog = new Map<string, CatalogEntry>()

/**
 * Adds hand-written entries (same keys as `catalog`). Feature modules call this from
 * their provider's `register()` with their own `openapi.ts`, so the core catalog file
 * never has to know them.
 */
export function registerCatalogEntries(entries: Record<string, CatalogEntry>) {
  for (const [key, entry] of Object.entries(entries)) {
    catalog[key] = entry
    const m = key.match(/^([A-Z]+) (\/.*)$/)
    if (m) normalisedCatalog.set(`${m[1]} ${normalisePattern(m[2])}`, entry)
  }
}
registerCatalogEntries({ ...catalog })

function catalogEntry(route: ApiRouteInfo): CatalogEntry | undefined {
  return (
    (route.name ? catalog[route.name] : undefined) ??
    catalog[`${route.method} ${route.path}`] ??
    catalog[`${route.method} ${route.pattern}`] ??
    normalisedCatalog.get(`${route.method} ${normalisePattern(route.path)}`)
  )
}

/** `/buildings/:id/units` → `/buildings/{id}/units` (relative to the server URL). */
export function openApiPath(pattern: string): string {
  return pattern
    .split('/')
    .map((s) =>
      s === '*' ? '{wildcard}' : s.startsWith(':') ? `{${s.slice(1).replace(/\?$/, '')}}` : s
    )
    .join('/')
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No content',
}

const ERROR_RESPONSES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  422: 'ValidationFailed',
  429: 'TooManyRequests',
}

function singular(word: string) {
  if (word.endsWith('ies')) return word.slice(0, -3) + 'y'
  if (word.endsWith('sses')) return word.slice(0, -2)
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1)
  return word
}

const cap = (s: string) => s.slice(0, 1).toUpperCase() + s.slice(1)

/** A readable summary from the method, the controller action and the path's shape. */
function generatedSummary(route: ApiRouteInfo): string {
  const segments = route.path.split('/').filter(Boolean)
  const isParam = (s: string) => s.startsWith(':') || s === '*'
  const lastParam = segments.map(isParam).lastIndexOf(true)
  const words = (list: string[]) => list.map((s) => s.replace(/[-_]/g, ' ')).join(' ')
  if (lastParam === segments.length - 1) {
    // `/units/:id`: one resource.
    const noun = singular(words([segments[lastParam - 1] ?? 'resource']))
    const verb = { GET: 'Get', PUT: 'Update', PATCH: 'Update', DELETE: 'Delete' }[route.method]
    return `${verb ?? 'Act on'} a ${noun}`
  }
  // `/buildings/:id/units`, `/polls/:id/publish`, `/organisation/members`: a tail under an owner.
  const tail = words(segments.slice(lastParam + 1))
  const owner = lastParam > 0 ? singular(words([segments[lastParam - 1]])) : null
  const of = owner ? ` of a ${owner}` : ''
  const plural = /s$/.test(tail)
  const singleVerb = owner && !plural && !tail.includes(' ')
  switch (route.method) {
    case 'GET':
      return `${route.action === 'index' || plural ? 'List' : 'Get'} ${tail}${of}`
    case 'POST':
      if (route.action === 'store' || plural)
        return `Create a ${singular(tail)}${owner ? ` for a ${owner}` : ''}`
      return singleVerb ? `${cap(tail)} a ${owner}` : cap(tail)
    case 'PUT':
    case 'PATCH':
      return singleVerb ? `${cap(tail)} a ${owner}` : `Update ${tail}${of}`
    case 'DELETE':
      return `Delete ${tail}${of}`
  }
  return `${route.method} ${tail}`
}

function defaultSuccess(route: ApiRouteInfo): number {
  if (route.method === 'DELETE') return 204
  if (route.method === 'POST' && route.action === 'store') return 201
  return 200
}

function paramSchema(route: ApiRouteInfo, name: string): JsonSchema {
  if (name === 'id' || /Id$|_id$/.test(name)) return { type: 'string', format: 'uuid' }
  if (name === 'key' && route.path.includes('/modules/')) {
    return { type: 'string', enum: ['gdpr', 'accounting', 'legal', 'community', 'iot'] }
  }
  return { type: 'string' }
}

function tagOf(route: ApiRouteInfo, entry?: CatalogEntry): string[] {
  if (entry?.tags?.length) return entry.tags
  if (route.module) return [route.module]
  const first = route.path.split('/').filter(Boolean)[0] ?? 'api'
  return [first.startsWith(':') ? 'api' : first]
}

function operationFor(route: ApiRouteInfo, usedIds: Set<string>): OpenApiOperation {
  const entry = catalogEntry(route)
  const isPublic = entry?.public ?? !route.requiresAuth
  let operationId =
    route.name ??
    `${route.method.toLowerCase()}${route.path
      .split('/')
      .filter(Boolean)
      .map((s) => (s.startsWith(':') ? 'By' + s.slice(1, 2).toUpperCase() + s.slice(2) : s))
      .map((s) => s.replace(/[^A-Za-z0-9]+(.)?/g, (_, c) => (c ? c.toUpperCase() : '')))
      .map((s) => s.slice(0, 1).toUpperCase() + s.slice(1))
      .join('')}`
  if (usedIds.has(operationId)) operationId = `${operationId}_${route.method.toLowerCase()}`
  usedIds.add(operationId)

  const parameters: JsonSchema[] = route.params.map((name) => ({
    name: name === '*' ? 'wildcard' : name,
    in: 'path',
    required: true,
    schema: paramSchema(route, name),
  }))
  // Tenant routes take the organisation from X-Organisation (else the first membership).
  if (route.middleware.some((m) => m.name === 'tenant')) {
    parameters.push({ $ref: '#/components/parameters/XOrganisation' })
  }
  for (const [name, schema] of Object.entries(entry?.query ?? {})) {
    const { description, ...rest } = schema as JsonSchema & { description?: string }
    parameters.push({
      name,
      in: 'query',
      required: false,
      schema: rest,
      ...(description ? { description } : {}),
    })
  }

  const success = entry?.successStatus ?? defaultSuccess(route)
  const responses: Record<string, JsonSchema> = {
    [String(success)]:
      success === 204
        ? { description: STATUS_TEXT[204] }
        : {
            description: STATUS_TEXT[success] ?? 'Success',
            content: { 'application/json': { schema: entry?.response ?? { type: 'object' } } },
          },
  }
  const errorStatuses = new Set<number>()
  if (!isPublic) {
    errorStatuses.add(401)
    errorStatuses.add(403)
  }
  if (route.params.length || !isPublic) errorStatuses.add(404)
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method)
  if (hasBody || entry?.query) errorStatuses.add(422)
  for (const status of errorStatuses) {
    responses[String(status)] = { $ref: `#/components/responses/${ERROR_RESPONSES[status]}` }
  }
  for (const [status, description] of Object.entries(entry?.errors ?? {})) {
    responses[status] = {
      description,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    }
  }

  const descriptionParts = [
    entry?.description,
    route.module ? `Module \`${route.module}\`: 403 E_MODULE_DISABLED when it is off.` : null,
    route.permission ? `Permission \`${route.permission}\`.` : null,
    route.superadmin ? 'Platform staff (superadmin) only.' : null,
  ].filter(Boolean)

  const op: OpenApiOperation = {
    operationId,
    summary: entry?.summary ?? generatedSummary(route),
    ...(descriptionParts.length ? { description: descriptionParts.join(' ') } : {}),
    tags: tagOf(route, entry),
    ...(parameters.length ? { parameters } : {}),
    responses,
    security: isPublic ? [] : [{ bearerAuth: [] }],
    ...(route.name ? { 'x-route-name': route.name } : {}),
    ...(route.permission ? { 'x-permission': route.permission } : {}),
    ...(route.module ? { 'x-module': route.module } : {}),
  }
  if (hasBody) {
    op.requestBody = {
      required: !!entry?.requestBody,
      content: {
        [entry?.requestContentType ?? 'application/json']: {
          schema: entry?.requestBody ?? { type: 'object' },
        },
      },
    }
  }
  return op
}

const errorSchema: JsonSchema = {
  type: 'object',
  required: ['errors'],
  properties: {
    errors: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', example: 'E_NOT_FOUND' },
          message: { type: 'string' },
          field: { type: 'string', description: 'Dotted path of the offending input field' },
        },
      },
    },
  },
}

function errorResponse(description: string) {
  return {
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  }
}

export function buildOpenApiDocument(): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {}
  const usedIds = new Set<string>()
  const tags = new Set<string>()
  for (const route of apiRoutes()) {
    const path = openApiPath(route.path)
    const op = operationFor(route, usedIds)
    op.tags.forEach((t) => tags.add(t))
    paths[path] ??= {}
    paths[path][route.method.toLowerCase()] = op
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'VME platform API',
      version: '1.0.0',
      description:
        'Belgian co-ownership (VME) management. JSON in and out, camelCase fields, snake_case enum values, ' +
        'money and percentages as decimal strings. Errors: {"errors":[{code,message,field?}]}. ' +
        'Organisation context: X-Organisation header (id or slug), else the first membership.',
    },
    servers: [{ url: '/api/v1' }],
    tags: [...tags].sort().map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'Opaque access token (vme_…)' },
      },
      schemas: { Error: errorSchema, ...componentSchemas },
      responses: {
        BadRequest: errorResponse('E_BAD_REQUEST: malformed request'),
        Unauthorized: errorResponse('E_UNAUTHORIZED: missing or invalid token'),
        Forbidden: errorResponse(
          'E_FORBIDDEN (role or membership), E_MODULE_DISABLED or E_2FA_ENROLMENT_REQUIRED'
        ),
        NotFound: errorResponse('E_NOT_FOUND: unknown id or another organisation’s resource'),
        Conflict: errorResponse('E_CONFLICT or E_INVALID_STATE'),
        ValidationFailed: errorResponse('E_VALIDATION: one entry per bad field'),
        TooManyRequests: errorResponse('E_TOO_MANY_REQUESTS (see Retry-After)'),
      },
      parameters: {
        XOrganisation: {
          name: 'X-Organisation',
          in: 'header',
          required: false,
          schema: { type: 'string' },
          description: 'Organisation id or slug',
        },
      },
    },
    security: [{ bearerAuth: [] }],
  }
}

let cached: OpenApiDocument | null = null

/** The document, generated once per process (the router does not change after boot). */
export function openApiDocument(): OpenApiDocument {
  cached ??= buildOpenApiDocument()
  return cached
}

// ---------------------------------------------------------------- human page model

export interface DocsField {
  name: string
  type: string
  required: boolean
  description?: string
}

export interface DocsOperation {
  method: string
  path: string
  anchor: string
  summary: string
  description?: string
  auth: string
  params: DocsField[]
  fields: DocsField[]
  successStatus: string
}

function resolveRef(doc: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema | undefined {
  const ref = schema?.$ref
  if (typeof ref !== 'string') return schema
  const name = ref.split('/').pop()!
  return ((doc.components.schemas as Record<string, JsonSchema>)[name] ?? schema) as JsonSchema
}

function typeLabel(doc: OpenApiDocument, schema: JsonSchema | undefined): string {
  const s = resolveRef(doc, schema)
  if (!s) return 'any'
  if (Array.isArray(s.enum)) return (s.enum as string[]).join(' | ')
  if (Array.isArray(s.oneOf))
    return (s.oneOf as JsonSchema[]).map((o) => typeLabel(doc, o)).join(' | ')
  if (s.type === 'array') return `${typeLabel(doc, s.items as JsonSchema)}[]`
  const format = typeof s.format === 'string' ? ` (${s.format})` : ''
  const type = Array.isArray(s.type) ? s.type.join(' | ') : String(s.type ?? 'object')
  return `${type}${format}`
}

/** Flattens a body schema into dotted fields (two levels deep is enough to read). */
function flattenFields(
  doc: OpenApiDocument,
  schema: JsonSchema | undefined,
  prefix = '',
  depth = 0
): DocsField[] {
  const s = resolveRef(doc, schema)
  const props = s?.properties as Record<string, JsonSchema> | undefined
  if (!props) return []
  const required = new Set((s?.required as string[] | undefined) ?? [])
  const out: DocsField[] = []
  for (const [name, child] of Object.entries(props)) {
    const resolved = resolveRef(doc, child)
    const full = `${prefix}${name}`
    out.push({
      name: full,
      type: typeLabel(doc, child),
      required: required.has(name),
      ...(typeof resolved?.description === 'string' ? { description: resolved.description } : {}),
    })
    if (depth < 2 && resolved?.properties) {
      out.push(...flattenFields(doc, resolved, `${full}.`, depth + 1))
    }
    const items = resolveRef(doc, resolved?.items as JsonSchema | undefined)
    if (depth < 2 && resolved?.type === 'array' && items?.properties) {
      out.push(...flattenFields(doc, items, `${full}[].`, depth + 1))
    }
  }
  return out
}

/** Operations grouped by tag, for resources/views/docs/api.edge. */
export function docsPageModel(doc: OpenApiDocument) {
  const groups = new Map<string, DocsOperation[]>()
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = (op.requestBody?.content ?? {}) as Record<string, { schema?: JsonSchema }>
      const body = Object.values(content)[0]?.schema
      const componentParams = doc.components.parameters as Record<string, JsonSchema>
      const parameters = (op.parameters ?? []).map((p) =>
        typeof p.$ref === 'string' ? componentParams[p.$ref.split('/').pop()!] : p
      ) as {
        name: string
        in: string
        required?: boolean
        schema: JsonSchema
        description?: string
      }[]
      const secured = (op.security ?? []).length > 0
      const auth = !secured
        ? 'public'
        : [
            'bearer token',
            op['x-permission'] ? `permission ${op['x-permission']}` : null,
            op['x-module'] ? `module ${op['x-module']}` : null,
            op.description?.includes('superadmin') ? 'superadmin' : null,
          ]
            .filter(Boolean)
            .join(' · ')
      const entry: DocsOperation = {
        method: method.toUpperCase(),
        path: `${(doc.servers[0]?.url as string) ?? ''}${path}`,
        anchor: op.operationId.replace(/[^A-Za-z0-9_-]/g, '-'),
        summary: op.summary,
        // The permission is already in the auth badge.
        description: op.description?.replace(/Permission `[^`]+`\.\s*/, '').trim() || undefined,
        auth,
        params: parameters.map((p) => ({
          name: `${p.name} (${p.in})`,
          type: typeLabel(doc, p.schema),
          required: !!p.required,
          description: p.description,
        })),
        fields: flattenFields(doc, body),
        successStatus: Object.keys(op.responses).find((s) => s.startsWith('2')) ?? '200',
      }
      for (const tag of op.tags) {
        if (!groups.has(tag)) groups.set(tag, [])
        groups.get(tag)!.push(entry)
      }
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tag, operations]) => ({ tag, operations }))
}
