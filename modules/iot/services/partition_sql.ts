/*
| DDL of the monthly partitions of `iot_readings` (shared by the migration and the
| maintenance job). Each partition repeats the tenant policy: RLS on the parent only
| applies to queries through the parent, so a partition read directly must be
| filtered too. The app role is also denied any privilege on partitions.
*/
export const RETENTION_MONTHS = 24
export const MONTHS_AHEAD = 3

/** First day (UTC date) of the months from `from` offset by `start`..`end` months. */
export function monthsBetween(now: Date, start: number, end: number): Date[] {
  const out: Date[] = []
  for (let i = start; i <= end; i++) {
    out.push(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1)))
  }
  return out
}

export function partitionName(month: Date) {
  return `iot_readings_p${month.getUTCFullYear()}_${String(month.getUTCMonth() + 1).padStart(2, '0')}`
}

function ymd(d: Date) {
  return d.toISOString().slice(0, 10)
}

/**
 * Bounds are Europe/Brussels local month starts (the readings are bucketed by local
 * day/month, so a local month never straddles two partitions).
 */
export function partitionDdl(month: Date): string[] {
  const name = partitionName(month)
  const next = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1))
  return [
    `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF iot_readings FOR VALUES FROM ('${ymd(month)} 00:00:00 Europe/Brussels') TO ('${ymd(next)} 00:00:00 Europe/Brussels')`,
    `ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${name} FORCE ROW LEVEL SECURITY`,
    `DROP POLICY IF EXISTS ${name}_tenant_isolation ON ${name}`,
    `CREATE POLICY ${name}_tenant_isolation ON ${name} USING (organisation_id = app_current_tenant()) WITH CHECK (organisation_id = app_current_tenant())`,
  ]
}

/** `iot_readings_p2024_05` → Date(2024-05-01), or null for other names. */
export function monthOfPartition(name: string): Date | null {
  const m = /^iot_readings_p(\d{4})_(\d{2})$/.exec(name)
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : null
}
