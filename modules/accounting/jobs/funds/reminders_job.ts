import { BaseJob } from '#jobs/base_job'
import { forEachOrganisation } from '#jobs/tenant_job'
import { markOverdue, runReminders } from '../../services/funds/reminder_service.js'
import { fundsToday } from '../../services/funds/clock.js'

/** `accounting.send_reminders` (daily): the reminders ladder of every organisation. */
export default class SendRemindersJob extends BaseJob<{ asOf?: string }> {
  static attempts = 2

  async handle() {
    const asOf = this.payload?.asOf ?? fundsToday()
    let reminders = 0
    const result = await forEachOrganisation(
      async () => {
        await markOverdue(asOf)
        const done = await runReminders(asOf)
        reminders += done.length
      },
      { moduleKey: 'accounting' }
    )
    return { ...result, reminders, asOf }
  }
}
