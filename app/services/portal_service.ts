import { DateTime } from 'luxon'
import Owner from '#models/owner'
import UnitOwner from '#models/unit_owner'
import type Organisation from '#models/organisation'
import type User from '#models/user'

export interface PortalUnit {
  id: string
  number: string
  type: string
  floor: string | null
  area: string | null
  quota: number
  percentage: string
  since: string
  building: {
    id: string
    name: string
    address: { street: string; postalCode: string; city: string }
    totalQuota: number
  }
  coOwners: { name: string; percentage: string; isPrimaryContact: boolean }[]
}

/**
 * What a co-owner sees on the portal home: their active ownerships (through the owner
 * records linked to their user in the current organisation), the other co-owners of
 * each unit, and how to reach the syndic. Runs inside the tenant transaction.
 */
export async function portalHome(user: User, organisation: Organisation) {
  const today = DateTime.now().toISODate()!
  const owners = await Owner.query().where('user_id', user.id)
  const ownerIds = owners.map((o) => o.id)
  const mine = ownerIds.length
    ? await UnitOwner.query()
        .whereIn('owner_id', ownerIds)
        .where((w) => w.whereNull('end_date').orWhere('end_date', '>', today))
        .preload('unit', (u) => u.preload('building'))
        .orderBy('start_date', 'asc')
    : []
  const unitIds = [...new Set(mine.map((m) => m.unitId))]
  const all = unitIds.length
    ? await UnitOwner.query()
        .whereIn('unit_id', unitIds)
        .where((w) => w.whereNull('end_date').orWhere('end_date', '>', today))
        .preload('owner')
    : []

  const seen = new Set<string>()
  const units: PortalUnit[] = []
  for (const ownership of mine) {
    if (seen.has(ownership.unitId)) continue
    seen.add(ownership.unitId)
    const unit = ownership.unit
    units.push({
      id: unit.id,
      number: unit.number,
      type: unit.type,
      floor: unit.floor,
      area: unit.area,
      quota: unit.quota,
      percentage: ownership.percentage,
      since: ownership.startDate.toISODate()!,
      building: {
        id: unit.building.id,
        name: unit.building.name,
        address: {
          street: unit.building.street,
          postalCode: unit.building.postalCode,
          city: unit.building.city,
        },
        totalQuota: unit.building.totalQuota,
      },
      coOwners: all
        .filter((o) => o.unitId === unit.id && !ownerIds.includes(o.ownerId))
        .map((o) => ({
          name: o.owner.displayName,
          percentage: o.percentage,
          isPrimaryContact: o.isPrimaryContact,
        })),
    })
  }

  return {
    owner: owners[0] ? { displayName: owners[0].displayName, email: owners[0].email } : null,
    units,
    syndic: {
      name: organisation.branding.displayName,
      email: organisation.contactEmail,
      phone: organisation.contactPhone,
    },
  }
}
