import { BaseJob } from '#jobs/base_job'
import { forEachOrganisation } from '#jobs/tenant_job'
import { markOverdue } from '../../services/funds/reminder_service.js'
import { fundsToday } from '../../services/funds/clock.js'

/** `accounting.mark_overdue_calls` (daily): sent calls past due with unpaid lines → overdue. */
export default class MarkOverdueCallsJob extends BaseJob<{ asOf?: string }> {
  async handle() {
    const asOf = this.payload?.asOf ?? fundsToday()
    let calls = 0
    const result = await forEachOrganisation(
      async () => {
        const done = await markOverdue(asOf)
        calls += done.length
      },
      { moduleKey: 'accounting' }
    )
    return { ...result, calls, asOf }
  }
}
