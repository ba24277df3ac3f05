import jobRegistry from '#jobs/job_registry'
import scheduler from '#jobs/scheduler'
import personalDataRegistry from '#gdpr/personal_data_registry'
import { registerCheckoutHandler } from '#billing/checkout_hooks'
import { fundsPersonalData } from './services/funds/gdpr_contributor.js'

/** Funds half of the accounting module: hooks, jobs and routes (see provider.ts). */
export function registerFunds() {
  jobRegistry
    .register(
      'accounting.send_call_for_funds',
      () => import('./jobs/funds/send_call_for_funds_job.js')
    )
    .register('accounting.mark_overdue_calls', () => import('./jobs/funds/mark_overdue_job.js'))
    .register('accounting.send_reminders', () => import('./jobs/funds/reminders_job.js'))
    .register('accounting.budget_alerts', () => import('./jobs/funds/budget_alerts_job.js'))
  // Europe/Brussels: overdue at 01:10, then the reminders ladder, then budget alerts.
  scheduler
    .define({ job: 'accounting.mark_overdue_calls', cron: '10 1 * * *' })
    .define({ job: 'accounting.send_reminders', cron: '0 8 * * *' })
    .define({ job: 'accounting.budget_alerts', cron: '30 6 * * *' })
  personalDataRegistry.register(fundsPersonalData)
  // Loaded on first use: the payment services pull in the queue, mail and ledger.
  registerCheckoutHandler('accounting.owner_payment', async (event) => {
    const { handleOwnerCheckout } = await import('./services/funds/online_payment_service.js')
    await handleOwnerCheckout(event)
  })
}

export async function startFunds() {
  await import('./routes_funds.js')
  const { registerCatalogEntries } = await import('#services/openapi_service')
  const { fundsCatalog } = await import('./openapi_funds.js')
  registerCatalogEntries(fundsCatalog)
}
