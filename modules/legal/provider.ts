import type { ApplicationService } from '@adonisjs/core/types'
import moduleRegistry from '#core_modules/module_registry'
import jobRegistry from '#jobs/job_registry'
import scheduler from '#jobs/scheduler'
import personalDataRegistry from '#gdpr/personal_data_registry'
import { registerCheckoutHandler } from '#billing/checkout_hooks'
import { registerCatalogEntries } from '#services/openapi_service'
import manifest from './module.js'
import { legalPersonalData } from './services/legal_personal_data.js'
import { legalOpenApi } from './openapi.js'
import { registerMeetings, startMeetings } from './meetings/meetings_registration.js'

export default class LegalModuleProvider {
  constructor(protected app: ApplicationService) {}

  register() {
    moduleRegistry.register(manifest)
    registerMeetings()
    personalDataRegistry.register(legalPersonalData)
    jobRegistry.register(
      'legal.etat_date_deadlines',
      () => import('./jobs/etat_date_deadlines_job.js')
    )
    jobRegistry.register('legal.inspection_alerts', () => import('./jobs/inspection_alerts_job.js'))
    jobRegistry.register('legal.photo_thumbnail', () => import('./jobs/photo_thumbnail_job.js'))
    // Every morning in Brussels: deadlines of états datés, then certificate expiries.
    scheduler.define({ job: 'legal.etat_date_deadlines', cron: '0 7 * * *' })
    scheduler.define({ job: 'legal.inspection_alerts', cron: '15 7 * * *' })
    registerCheckoutHandler('legal.notary_fee', async (event, trx) => {
      const { onNotaryFeePaid } = await import('./services/notary_service.js')
      await onNotaryFeePaid(event, trx)
    })
  }

  async start() {
    registerCatalogEntries(legalOpenApi)
    await import('./routes.js')
    await startMeetings()
  }
}
