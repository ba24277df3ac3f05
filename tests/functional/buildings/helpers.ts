import type { ApiClient, ApiResponse } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import Membership from '#models/membership'
import type { Role } from '#policies/permissions'
import { signupOrg, uniq, STRONG_PASSWORD, type TestOrg } from '#tests/helpers/api'

export { signupOrg, uniq }
export type { TestOrg }

/** A valid BCE number (Proximus) and a valid Belgian IBAN (the standard example). */
export const VALID_BCE = '0202.239.951'
export const VALID_IBAN = 'BE68539007547034'

type Method = 'get' | 'post' | 'put' | 'delete'

/** `call(client, org, 'post', '/buildings', body)`: a request with org's bearer token under /api/v1. */
export function call(
  client: ApiClient,
  org: { token: string },
  method: Method,
  path: string,
  body?: object
) {
  const req = client[method](`/api/v1${path}`).bearerToken(org.token)
  return body === undefined ? req : req.json(body)
}

export function buildingBody(overrides: Record<string, unknown> = {}) {
  return {
    name: `Résidence ${uniq('b')}`,
    address: { street: 'Rue de la Loi 16', postalCode: '1000', city: 'Bruxelles', country: 'BE' },
    ...overrides,
  }
}

export async function createBuilding(
  client: ApiClient,
  org: TestOrg,
  overrides: Record<string, unknown> = {}
) {
  const res = await call(client, org, 'post', '/buildings', buildingBody(overrides))
  if (res.status() !== 201) throw new Error(`building: ${res.status()} ${res.text()}`)
  return res.body()
}

export async function createUnit(
  client: ApiClient,
  org: TestOrg,
  buildingId: string,
  overrides: Record<string, unknown> = {}
) {
  const res = await call(client, org, 'post', `/buildings/${buildingId}/units`, {
    number: uniq('u').slice(0, 12),
    type: 'apartment',
    quota: 100,
    ...overrides,
  })
  if (res.status() !== 201) throw new Error(`unit: ${res.status()} ${res.text()}`)
  return res.body()
}

export async function createOwner(
  client: ApiClient,
  org: TestOrg,
  overrides: Record<string, unknown> = {}
) {
  const res = await call(client, org, 'post', '/owners', {
    kind: 'person',
    firstName: 'Jan',
    lastName: `Peeters${uniq('')}`,
    email: `${uniq('owner')}@example.test`,
    ...overrides,
  })
  if (res.status() !== 201) throw new Error(`owner: ${res.status()} ${res.text()}`)
  return res.body()
}

export async function linkOwner(
  client: ApiClient,
  org: TestOrg,
  unitId: string,
  ownerId: string,
  overrides: Record<string, unknown> = {}
) {
  const res = await call(client, org, 'post', `/units/${unitId}/owners`, {
    ownerId,
    percentage: 100,
    ...overrides,
  })
  if (res.status() !== 201) throw new Error(`ownership: ${res.status()} ${res.text()}`)
  return res.body()
}

/** Reads a row through the owner connection (the schema owner, outside any tenant context). */
export async function ownerRow(table: string, id: string) {
  const owner = db.connection('owner')
  const res = await owner.rawQuery(`select * from ${table} where id = ?`, [id])
  return res.rows[0] ?? null
}

/** Adds a member with `role` to org and returns a bearer token for them. */
export async function addMember(org: TestOrg, role: Role) {
  const user = await User.create({
    email: `${uniq(role)}@example.test`,
    password: STRONG_PASSWORD,
    fullName: `Test ${role}`,
  })
  await Membership.create({ organisationId: org.organisationId, userId: user.id, role })
  const token = await User.accessTokens.create(user)
  return { token: token.value!.release(), userId: user.id }
}

/** Last audit entry for a subject, read through the owner connection. */
export async function auditFor(subjectId: string) {
  const res = await db
    .connection('owner')
    .rawQuery(`select * from audit_logs where subject_id = ? order by created_at desc`, [subjectId])
  return res.rows as Array<{
    action: string
    actor_id: string
    metadata: any
    organisation_id: string
  }>
}

/** Awaits a request and asserts its status (keeps call sites free of `(await x).member`). */
export async function expectStatus(request: PromiseLike<ApiResponse>, status: number) {
  const res = await request
  res.assertStatus(status)
  return res
}

/** Awaits a request and returns its JSON body. */
export async function bodyOf(request: PromiseLike<ApiResponse>) {
  const res = await request
  return res.body()
}

/** The most recent audit entry for a subject. */
export async function lastAudit(subjectId: string) {
  const [entry] = await auditFor(subjectId)
  return entry
}

export async function lastAuditAction(subjectId: string) {
  const entry = await lastAudit(subjectId)
  return entry?.action
}

/** The ids of a list response's `data`. */
export async function idsOf(request: PromiseLike<ApiResponse>) {
  const body = await bodyOf(request)
  return (body.data as Array<{ id: string }>).map((row) => row.id)
}

/** `meta.total` of a list response. */
export async function totalOf(request: PromiseLike<ApiResponse>) {
  const body = await bodyOf(request)
  return body.meta.total as number
}
