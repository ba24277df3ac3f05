import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import {
  addMember,
  call,
  createBuilding,
  createOwner,
  createUnit,
  linkOwner,
  signupOrg,
  type TestOrg,
} from '#tests/functional/buildings/helpers'

export { call, signupOrg }

export interface OwnerUser {
  token: string
  userId: string
  ownerId: string
  unitId: string
}

/** A co-owner with a portal user (role owner) owning a unit of `buildingId`. */
export async function ownerUser(
  client: ApiClient,
  org: TestOrg,
  buildingId: string,
  opts: { unitId?: string; firstName?: string; percentage?: number } = {}
): Promise<OwnerUser> {
  const member = await addMember(org, 'owner')
  const owner = await createOwner(client, org, {
    userId: member.userId,
    ...(opts.firstName ? { firstName: opts.firstName } : {}),
  })
  let unitId = opts.unitId
  if (!unitId) {
    const unit = await createUnit(client, org, buildingId, { quota: 10 })
    unitId = unit.id as string
  }
  await linkOwner(client, org, unitId, owner.id, {
    percentage: opts.percentage ?? (opts.unitId ? 50 : 100),
  })
  return { token: member.token, userId: member.userId, ownerId: owner.id, unitId }
}

export interface Community {
  org: TestOrg
  buildingId: string
  alice: OwnerUser
  bob: OwnerUser
}

/** An organisation with one building and two co-owners who have portal users. */
export async function community(client: ApiClient): Promise<Community> {
  const org = await signupOrg(client, 'Syndic Communauté')
  const building = await createBuilding(client, org)
  const alice = await ownerUser(client, org, building.id, { firstName: 'Alice' })
  const bob = await ownerUser(client, org, building.id, { firstName: 'Bob' })
  return { org, buildingId: building.id, alice, bob }
}

export async function disableCommunity(org: TestOrg) {
  await db.connection('owner').rawQuery(
    `INSERT INTO organisation_modules (organisation_id, module_key, enabled, source, updated_at)
       VALUES (?, 'community', false, 'manual', now())
       ON CONFLICT (organisation_id, module_key) DO UPDATE SET enabled = false, updated_at = now()`,
    [org.organisationId]
  )
}

export async function ownerQuery(sql: string, bindings: unknown[] = []) {
  const res = await db.connection('owner').rawQuery(sql, bindings as any[])
  return res.rows as any[]
}

/** `n` hours from now (ISO), rounded to the minute. */
export function hoursFromNow(n: number, base = Date.now()) {
  const d = new Date(base + n * 3600_000)
  d.setUTCSeconds(0, 0)
  return d.toISOString()
}
