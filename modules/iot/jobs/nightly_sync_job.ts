import { BaseJob } from '#jobs/base_job'
import { forEachOrganisation } from '#jobs/tenant_job'
import { dispatch } from '#jobs/dispatcher'
import IotDevice from '../models/iot_device.js'

/**
 * 02:00 Europe/Brussels: one `iot.sync_linky` job per organisation that has the module
 * on and at least one active Linky/Ores device (job id per org and day: a re-run of
 * the schedule the same night does not enqueue twice).
 */
export default class NightlySyncJob extends BaseJob<{ day?: string }> {
  async handle() {
    const day = this.payload.day ?? new Date().toISOString().slice(0, 10)
    const enqueued: string[] = []
    const result = await forEachOrganisation(
      async (organisationId) => {
        const devices = await IotDevice.query()
          .where('kind', 'linky')
          .where('active', true)
          .whereNull('deleted_at')
          .select('id')
        if (!devices.length) return
        await dispatch(
          'iot.sync_linky',
          { organisationId, deviceIds: devices.map((d) => d.id) },
          { jobId: `iot_nightly_${organisationId}_${day}`, afterCommit: false }
        )
        enqueued.push(organisationId)
      },
      { moduleKey: 'iot' }
    )
    await this.progress(100)
    return { ...result, enqueued }
  }
}
