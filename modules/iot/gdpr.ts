import type { PersonalDataContributor } from '#gdpr/personal_data_registry'

/*
| Personal data of the iot module: the consumption measured by a meter attached to a
| unit says something about the household living there. The module stores no names,
| e-mails or free text about persons (device names are chosen by the syndic). Export:
| the daily consumption of the meters of the units the person currently owns. Erase:
| kept — readings belong to the unit's meter (they drive consumption-based charge
| distribution, an accounting record) and are dropped with their partition after 2 years.
*/
export const iotPersonalData: PersonalDataContributor = {
  key: 'iot',
  personalColumns: [
    {
      table: 'iot_devices',
      columns: ['name'],
      onErase: 'keep',
      note: 'Label of a meter chosen by the syndic (e.g. "Chauffage commun"), not a person',
    },
    {
      table: 'iot_daily_rollups',
      columns: ['total'],
      onErase: 'keep',
      note: 'Consumption of a unit meter; no identity stored; raw readings dropped after 2 years',
    },
  ],
  async export(subject, trx): Promise<Record<string, Record<string, unknown>[]>> {
    if (!subject.ownerIds.length) return {}
    const res = await trx.rawQuery(
      `SELECT u.number AS unit, d.name AS meter, r.metric, r.day::text AS day, r.total, r.unit AS measure_unit
       FROM unit_owners uo
       JOIN units u ON u.id = uo.unit_id AND u.organisation_id = uo.organisation_id
       JOIN iot_devices d ON d.unit_id = u.id AND d.organisation_id = u.organisation_id
       JOIN iot_daily_rollups r ON r.device_id = d.id AND r.organisation_id = d.organisation_id
       WHERE uo.organisation_id = ? AND uo.owner_id = ANY(?::uuid[])
         AND r.day >= uo.start_date AND (uo.end_date IS NULL OR r.day < uo.end_date)
       ORDER BY u.number, r.metric, r.day`,
      [subject.organisationId, subject.ownerIds]
    )
    return res.rows.length ? { iot_unit_consumption: res.rows } : {}
  },
}
