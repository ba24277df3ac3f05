import { TenantJob } from '#jobs/tenant_job'
import { syncQuantity } from '#billing/subscription_service'

/** Subscription quantity = the organisation's active buildings (after a building change). */
export default class SyncQuantityJob extends TenantJob {
  static attempts = 5
  static backoff = { type: 'exponential' as const, delay: 2000 }

  async handle() {
    return syncQuantity()
  }
}
