import db from '@adonisjs/lucid/services/db'
import Building from '#models/building'
import { ApiError } from '#exceptions/api_error'
import { currentTenant } from '#tenancy/tenant_context'

/** Counts for one building, in one query (modules show them on their landing page). */
export async function buildingSummary(buildingId: string) {
  const building = await Building.find(buildingId)
  if (!building) throw ApiError.notFound('Building not found')
  const { trx } = currentTenant()
  const row = await db
    .from('units')
    .useTransaction(trx)
    .where('units.building_id', building.id)
    .select(
      db.raw('count(*)::int as units'),
      db.raw('coalesce(sum(quota), 0)::int as allocated_quota'),
      db.raw(
        `(select count(distinct uo.owner_id)::int from unit_owners uo join units u on u.id = uo.unit_id
          where u.building_id = ? and (uo.end_date is null or uo.end_date > current_date)) as owners`,
        [building.id]
      )
    )
    .first()
  return {
    building: { id: building.id, name: building.name, totalQuota: building.totalQuota },
    units: row.units as number,
    allocatedQuota: row.allocated_quota as number,
    owners: row.owners as number,
  }
}
