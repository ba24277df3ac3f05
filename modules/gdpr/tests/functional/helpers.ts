import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import Membership from '#models/membership'
import { STRONG_PASSWORD, signupOrg, uniq, type TestOrg } from '#tests/helpers/api'
import {
  call,
  createBuilding,
  createOwner,
  createUnit,
  linkOwner,
} from '#tests/functional/buildings/helpers'
import { clearGdprRateLimit } from '#modules/gdpr/index'

export { call, signupOrg, uniq }

export interface Person {
  userId: string
  token: string
  email: string
  fullName: string
  lastName: string
  phone: string
  orgA: TestOrg
  orgB: TestOrg
  ownerA: { id: string }
  ownerB: { id: string }
  unitA: { id: string }
}

/**
 * A co-owner with a portal account in TWO syndic firms: an owner record linked to the
 * user in each (with phone, address, IBAN), a unit in org A.
 */
export async function createPerson(client: ApiClient): Promise<Person> {
  const orgA = await signupOrg(client, 'Syndic Alpha')
  const orgB = await signupOrg(client, 'Syndic Bravo')
  const lastName = `Verhaegen${uniq('').slice(1, 7)}`
  const fullName = `Jozefien ${lastName}`
  const email = `${uniq('jozefien')}@example.test`
  const phone = `+32 478 ${String(Math.floor(Math.random() * 900000) + 100000).replace(/(\d{2})(\d{2})(\d{2})/, '$1 $2 $3')}`
  const user = await User.create({ email, password: STRONG_PASSWORD, fullName })
  await Membership.create({ organisationId: orgA.organisationId, userId: user.id, role: 'owner' })
  await Membership.create({ organisationId: orgB.organisationId, userId: user.id, role: 'owner' })
  const accessToken = await User.accessTokens.create(user)
  const token = accessToken.value!.release()

  const person = {
    kind: 'person',
    firstName: 'Jozefien',
    lastName,
    email,
    phone,
    address: { street: 'Meir 12', postalCode: '2000', city: 'Antwerpen', country: 'BE' },
    iban: 'BE68539007547034',
    userId: user.id,
  }
  const ownerA = await createOwner(client, orgA, person)
  const ownerB = await createOwner(client, orgB, person)
  const building = await createBuilding(client, orgA)
  const unitA = await createUnit(client, orgA, building.id)
  await linkOwner(client, orgA, unitA.id, ownerA.id)
  await clearGdprRateLimit(user.id)
  return {
    userId: user.id,
    token,
    email,
    fullName,
    lastName,
    phone,
    orgA,
    orgB,
    ownerA,
    ownerB,
    unitA,
  }
}

/** The person's bearer, acting in org A unless told otherwise. */
export function asPerson(p: Person, org: TestOrg = p.orgA) {
  return { token: p.token, organisationId: org.organisationId }
}

export function gdprCall(
  client: ApiClient,
  p: { token: string; organisationId?: string },
  method: 'get' | 'post' | 'put' | 'delete',
  path: string,
  body?: object
) {
  const req = client[method](`/api/v1${path}`).bearerToken(p.token)
  if (p.organisationId) req.header('X-Organisation', p.organisationId)
  return body === undefined ? req : req.json(body)
}

/** Rows through the owner connection (bypasses RLS: checks what is really stored). */
export async function ownerQuery(sql: string, bindings: unknown[] = []) {
  const res = await db.connection('owner').rawQuery(sql, bindings as any[])
  return res.rows as any[]
}
