import { BaseJob } from '#jobs/base_job'
import { forEachOrganisation } from '#jobs/tenant_job'
import { runEtatDateDeadlines } from '../services/etat_date_service.js'

/**
 * Daily (07:00 Europe/Brussels): état daté reminders at 5 and 2 working days left and
 * when overdue (once each), and expiry 90 days after delivery. `today` (YYYY-MM-DD)
 * in the payload is for time travel in tests.
 */
export default class EtatDateDeadlinesJob extends BaseJob<{ today?: string }> {
  async handle() {
    const totals = { reminded5: 0, reminded2: 0, overdue: 0, expired: 0 }
    const result = await forEachOrganisation(
      async () => {
        const r = await runEtatDateDeadlines(this.payload.today)
        for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += r[k]
      },
      { moduleKey: 'legal' }
    )
    return { ...result, ...totals }
  }
}
