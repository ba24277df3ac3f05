import { currentTenant } from '#tenancy/tenant_context'

/*
| Consumption-based charge key: each unit's metered quantity over a period, summed from
| the daily rollups of the devices attached to that unit (deleted devices included:
| their readings are still the unit's consumption). Runs in the caller's tenant
| transaction. `from`/`to` are inclusive Brussels dates.
*/
export interface ConsumptionShare {
  unitId: string
  /** Decimal string, up to 3 decimals (e.g. "1234.500"). */
  quantity: string
  unit: string
}

export async function unitConsumptionShares(input: {
  buildingId: string
  metric: string
  from: string
  to: string
}): Promise<ConsumptionShare[]> {
  const { trx, organisationId } = currentTenant()
  const res = await trx.rawQuery(
    `SELECT d.unit_id, round(sum(r.total)::numeric, 3)::text AS quantity, max(r.unit) AS unit
     FROM iot_devices d
     JOIN iot_daily_rollups r ON r.organisation_id = d.organisation_id AND r.device_id = d.id
     WHERE d.organisation_id = ? AND d.building_id = ? AND d.unit_id IS NOT NULL
       AND r.metric = ? AND r.day >= ?::date AND r.day <= ?::date
     GROUP BY d.unit_id
     ORDER BY d.unit_id`,
    [organisationId, input.buildingId, input.metric, input.from, input.to]
  )
  return res.rows.map((r: any) => ({ unitId: r.unit_id, quantity: r.quantity, unit: r.unit }))
}
