import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import { call, createBuilding, createUnit } from '#tests/functional/buildings/helpers'
import type { TestOrg } from '#tests/helpers/api'
import { overrideProviderConfig } from '../../services/provider_config.js'
import type { FakeMetering } from './fake_metering.js'

export function pointFrom(seed: number) {
  return `1${String(seed).padStart(13, '0')}`
}

export function useFake(fake: FakeMetering) {
  for (const provider of ['enedis', 'ores'] as const) {
    overrideProviderConfig(provider, {
      baseUrl: fake.url,
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
    })
  }
}

/** A building + unit + configured Linky device through the API. */
export async function configuredDevice(
  client: ApiClient,
  org: TestOrg,
  fake: FakeMetering,
  pointId: string
) {
  const building = await createBuilding(client, org)
  const unit = await createUnit(client, org, building.id)
  const res = await call(client, org, 'post', `/buildings/${building.id}/iot/linky/configure`, {
    provider: 'enedis',
    pointId,
    authorizationCode: fake.issueCode(pointId),
    redirectUri: 'https://app.example.test/iot/callback',
    unitId: unit.id,
  })
  if (res.status() !== 201) throw new Error(`configure: ${res.status()} ${res.text()}`)
  return { building, unit, device: res.body() }
}

/** Row counts read through the owner connection (outside RLS). */
export async function ownerCount(sql: string, bindings: unknown[] = []) {
  const res = await db.connection('owner').rawQuery(sql, bindings as any[])
  return Number(res.rows[0]?.n ?? 0)
}
