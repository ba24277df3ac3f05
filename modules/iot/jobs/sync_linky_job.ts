import { UnrecoverableError } from 'bullmq'
import { BaseJob } from '#jobs/base_job'
import moduleAccess from '#core_modules/module_access'
import { withTenant } from '#tenancy/tenant_context'
import { syncDevice } from '../services/linky_service.js'
import { scanAnomalies } from '../services/anomaly_service.js'
import IotDevice from '../models/iot_device.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * `iot.sync_linky` {organisationId, deviceIds}: syncs each device in ITS OWN tenant
 * transaction (one failing device does not roll back the others), then scans the
 * synced devices for anomalies. Progress = devices done / devices. Skips organisations
 * with the module off.
 */
export default class SyncLinkyJob extends BaseJob<{
  organisationId: string
  deviceIds?: string[]
}> {
  static attempts = 3

  async handle() {
    const { organisationId } = this.payload
    if (typeof organisationId !== 'string' || !UUID.test(organisationId)) {
      throw new UnrecoverableError('iot.sync_linky needs a valid organisationId')
    }
    if (!(await moduleAccess.isEnabledFor(organisationId, 'iot')))
      return { skipped: 'module_disabled' }
    const deviceIds =
      this.payload.deviceIds ??
      (await withTenant(organisationId, async () => {
        const rows = await IotDevice.query()
          .where('kind', 'linky')
          .where('active', true)
          .whereNull('deleted_at')
          .select('id')
        return rows.map((d) => d.id)
      }))
    const results: unknown[] = []
    const errors: string[] = []
    let done = 0
    for (const deviceId of deviceIds) {
      try {
        results.push(await withTenant(organisationId, () => syncDevice(deviceId)))
      } catch (error) {
        errors.push(`${deviceId}: ${(error as Error).message}`)
        await withTenant(organisationId, async (trx) => {
          await trx
            .from('iot_devices')
            .where('organisation_id', organisationId)
            .where('id', deviceId)
            .update({
              last_sync_error: String((error as Error).message).slice(0, 500),
              updated_at: new Date(),
            })
        }).catch(() => {})
      }
      await this.progress({ done: ++done, total: deviceIds.length })
    }
    const anomalies = await withTenant(organisationId, () => scanAnomalies({ deviceIds }))
    if (errors.length && errors.length === deviceIds.length) throw new Error(errors.join('; '))
    return { devices: results, errors, anomalies }
  }
}
