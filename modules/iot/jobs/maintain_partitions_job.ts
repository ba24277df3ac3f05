import db from '@adonisjs/lucid/services/db'
import { BaseJob } from '#jobs/base_job'
import {
  MONTHS_AHEAD,
  RETENTION_MONTHS,
  monthOfPartition,
  monthsBetween,
  partitionDdl,
  partitionName,
} from '../services/partition_sql.js'
import { resetPartitionBoundsCache } from '../services/ingest_service.js'

/**
 * `iot.maintain_partitions` (daily 01:30): creates the monthly partitions of
 * `iot_readings` up to 3 months ahead and DROPS the partitions that lie entirely more
 * than 2 years in the past (retention by partition: no row-by-row DELETE).
 *
 * Partition DDL needs the table owner: this job deliberately uses the `owner` DB
 * connection (DATABASE_URL), the only place outside migrations that does. It touches
 * no tenant data row by row, so it is not a tenant job. The daily rollups are kept.
 */
export default class MaintainPartitionsJob extends BaseJob<{ now?: string }> {
  static attempts = 2

  async handle() {
    const now = this.payload.now ? new Date(this.payload.now) : new Date()
    const owner = db.connection('owner')
    const created: string[] = []
    const dropped: string[] = []
    const partitions = await owner.rawQuery(
      `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'iot_readings'::regclass`
    )
    const existing = new Set<string>(partitions.rows.map((r: any) => r.relname as string))
    // From the current month (not back-filling gaps the retention dropped).
    for (const month of monthsBetween(now, 0, MONTHS_AHEAD)) {
      const name = partitionName(month)
      if (existing.has(name)) continue
      await owner.transaction(async (trx) => {
        for (const sql of partitionDdl(month)) await trx.rawQuery(sql)
      })
      created.push(name)
    }
    // Oldest month kept: the one containing now − 24 months.
    const oldestKept = monthsBetween(now, -RETENTION_MONTHS, -RETENTION_MONTHS)[0]
    for (const name of existing) {
      const month = monthOfPartition(name)
      if (month && month < oldestKept) {
        await owner.rawQuery(`DROP TABLE IF EXISTS ${name}`)
        dropped.push(name)
      }
    }
    resetPartitionBoundsCache()
    await this.progress(100)
    return { created, dropped }
  }
}
