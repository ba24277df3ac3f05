/* eslint-disable @unicorn/no-await-expression-member -- tests read answers inline */
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

export { call }

/**
 * The building: four co-owners with 100/150/250/500 quotas (1000). Anne (100)
 * and Bart (150) accepted electronic notices; Anne has a portal account.
 */
export async function meetingFixture(client: ApiClient, name = 'Syndic AG') {
  const org = await signupOrg(client, name)
  const building = await createBuilding(client, org, {
    name: 'Résidence Brugmann',
    address: { street: 'Avenue Brugmann 120', postalCode: '1190', city: 'Forest', country: 'BE' },
  })
  const people = [
    { first: 'Anne', last: 'Lambert', quota: 100, electronic: true, locale: 'fr', unit: 'A1' },
    { first: 'Bart', last: 'Peeters', quota: 150, electronic: true, locale: 'nl', unit: 'A2' },
    { first: 'Chloé', last: 'Dubois', quota: 250, electronic: false, locale: 'fr', unit: 'B1' },
    { first: 'Dirk', last: 'Janssens', quota: 500, electronic: false, locale: 'nl', unit: 'C1' },
  ]
  const owners: any[] = []
  const units: any[] = []
  for (const p of people) {
    const unit = await createUnit(client, org, building.id, { number: p.unit, quota: p.quota })
    const owner = await createOwner(client, org, {
      firstName: p.first,
      lastName: p.last,
      locale: p.locale,
      acceptsElectronicNotices: p.electronic,
    })
    await linkOwner(client, org, unit.id, owner.id, { isPrimaryContact: true })
    owners.push(owner)
    units.push(unit)
  }
  // Electronic notices are a written consent: set directly in case the API ignores it on create.
  await db
    .connection('owner')
    .from('owners')
    .whereIn('id', [owners[0].id, owners[1].id])
    .update({ accepts_electronic_notices: true })
  const anne = await addMember(org, 'owner')
  await db
    .connection('owner')
    .from('owners')
    .where('id', owners[0].id)
    .update({ user_id: anne.userId })
  return { org, building, owners, units, anne: { token: anne.token, userId: anne.userId } }
}

export function inDays(days: number, hour = 19) {
  const d = new Date(Date.now() + days * 86_400_000)
  d.setUTCHours(hour, 0, 0, 0)
  return d.toISOString()
}

export async function createMeeting(
  client: ApiClient,
  org: TestOrg,
  buildingId: string,
  days = 20
) {
  const res = await call(client, org, 'post', `/buildings/${buildingId}/meetings`, {
    kind: 'ordinary',
    title: 'Assemblée générale ordinaire 2026',
    scheduledAt: inDays(days),
    place: 'Salle communale, Rue de Mérode 23, 1190 Forest',
  })
  if (res.status() !== 201) throw new Error(`meeting: ${res.status()} ${res.text()}`)
  return res.body()
}

/** A convened meeting (dates rewritten so that it is "tonight" after convening). */
export async function convenedMeeting(
  client: ApiClient,
  org: TestOrg,
  buildingId: string,
  items = 2
) {
  const meeting = await createMeeting(client, org, buildingId)
  const majorities = ['absolute', 'two_thirds', 'four_fifths', 'unanimity']
  const agenda: any[] = []
  for (let i = 0; i < items; i++) {
    const res = await call(client, org, 'post', `/meetings/${meeting.id}/agenda-items`, {
      title: [
        'Approbation des comptes 2025',
        'Rénovation de la façade',
        'Remplacement de l’ascenseur',
        'Modification du règlement',
      ][i],
      majority: majorities[i],
    })
    agenda.push(res.body())
  }
  ;(await call(client, org, 'post', `/meetings/${meeting.id}/convocations/send`)).assertStatus(200)
  return { meeting, agenda }
}
