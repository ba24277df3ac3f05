import type { ApiClient } from '@japa/api-client'
import {
  call,
  createBuilding,
  createOwner,
  createUnit,
  linkOwner,
  signupOrg,
  VALID_IBAN,
  type TestOrg,
} from '#tests/functional/buildings/helpers'

export { call, signupOrg, VALID_IBAN }
export type { TestOrg }

/** An organisation with one building (total 1000), `units` lots and one sole owner each, IBAN set. */
export async function fundsFixture(
  client: ApiClient,
  opts: { quotas?: number[]; totalQuota?: number; coOwners?: boolean; iban?: boolean } = {}
) {
  const org = await signupOrg(client, 'Syndic Funds')
  const building = await createBuilding(client, org, { totalQuota: opts.totalQuota ?? 1000 })
  const quotas = opts.quotas ?? [100, 200, 300, 400]
  const units: any[] = []
  const owners: any[] = []
  for (const [i, quota] of quotas.entries()) {
    const unit = await createUnit(client, org, building.id, { number: String(i + 1), quota })
    const owner = await createOwner(client, org, {
      firstName: 'Owner',
      lastName: `Number${i + 1}`,
      locale: 'fr',
    })
    await linkOwner(client, org, unit.id, owner.id, { percentage: 100, startDate: '2020-01-01' })
    units.push(unit)
    owners.push(owner)
  }
  if (opts.iban !== false) {
    const res = await call(client, org, 'put', `/buildings/${building.id}/funds-settings`, {
      iban: VALID_IBAN,
      bic: 'BPOTBEB1',
      beneficiary: 'ACP Résidence Test',
    })
    if (res.status() !== 200) throw new Error(`settings: ${res.status()} ${res.text()}`)
  }
  return { org, building, units, owners }
}

export async function createDraftCall(
  client: ApiClient,
  org: TestOrg,
  buildingId: string,
  body: Record<string, unknown> = {}
) {
  const res = await call(client, org, 'post', `/buildings/${buildingId}/call-for-funds`, {
    title: 'Provisions T1 2026',
    period: 'quarterly',
    periodStart: '2026-01-01',
    dueDate: '2026-01-31',
    ordinaryAmount: '10000.00',
    extraordinaryAmount: '5000.00',
    ...body,
  })
  if (res.status() !== 201) throw new Error(`call: ${res.status()} ${res.text()}`)
  return res.body()
}
