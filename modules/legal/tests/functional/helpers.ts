import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import {
  call,
  createBuilding,
  createOwner,
  createUnit,
  linkOwner,
  signupOrg,
  type TestOrg,
} from '#tests/functional/buildings/helpers'

export { call }

/** An organisation with a building (Brussels), a unit and its owner. */
export async function legalFixture(client: ApiClient, name = 'Syndic Legal') {
  const org = await signupOrg(client, name)
  const building = await createBuilding(client, org, {
    name: 'Résidence Louise',
    address: { street: 'Avenue Louise 221', postalCode: '1050', city: 'Ixelles', country: 'BE' },
    enterpriseNumber: '0202.239.951',
  })
  const unit = await createUnit(client, org, building.id, { number: 'A3', quota: 125 })
  const owner = await createOwner(client, org, { firstName: 'Marie', lastName: 'Dubois' })
  await linkOwner(client, org, unit.id, owner.id)
  return { org, building, unit, owner }
}

export async function setModule(client: ApiClient, org: TestOrg, key: string, enabled: boolean) {
  const res = await call(client, org, 'put', `/organisation/modules/${key}`, { enabled })
  if (res.status() !== 200) throw new Error(`module ${key}: ${res.status()} ${res.text()}`)
}

export async function rowsOf(table: string, where: Record<string, unknown>) {
  return db.connection('owner').from(table).where(where).select('*')
}

export function requestBody(overrides: Record<string, unknown> = {}) {
  return {
    requestedBy: {
      notaryName: 'Maître Anne Lambert',
      notaryEmail: 'anne.lambert@notaire.test',
      notaryOffice: 'Étude Lambert & Peeters',
    },
    locale: 'fr',
    saleDate: '2026-12-15',
    reference: 'VTE-2026-118',
    ...overrides,
  }
}
