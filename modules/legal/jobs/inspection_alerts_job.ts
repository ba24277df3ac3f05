import { BaseJob } from '#jobs/base_job'
import { forEachOrganisation } from '#jobs/tenant_job'
import { runInspectionAlerts } from '../services/inspection_service.js'

/**
 * Daily (07:15 Europe/Brussels): certificate expiry alerts at 90, 60 and 30 days, once
 * each even when the job runs twice or late. `today` in the payload: time travel.
 */
export default class InspectionAlertsJob extends BaseJob<{ today?: string }> {
  async handle() {
    let sent = 0
    const result = await forEachOrganisation(
      async () => {
        const run = await runInspectionAlerts(this.payload.today)
        sent += run.sent
      },
      { moduleKey: 'legal' }
    )
    return { ...result, sent }
  }
}
