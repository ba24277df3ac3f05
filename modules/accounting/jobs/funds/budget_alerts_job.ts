import { BaseJob } from '#jobs/base_job'
import { forEachOrganisation } from '#jobs/tenant_job'
import { checkBudgetAlerts } from '../../services/funds/variance_service.js'

/** `accounting.budget_alerts` (daily): over-budget notifications at 90 % and 100 %, once each. */
export default class BudgetAlertsJob extends BaseJob {
  async handle() {
    let alerts = 0
    const result = await forEachOrganisation(
      async () => {
        const done = await checkBudgetAlerts()
        alerts += done.length
      },
      { moduleKey: 'accounting' }
    )
    return { ...result, alerts }
  }
}
