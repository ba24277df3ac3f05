import type { ApplicationService } from '@adonisjs/core/types'
import moduleRegistry from '#core_modules/module_registry'
import jobRegistry from '#jobs/job_registry'
import scheduler from '#jobs/scheduler'
import personalDataRegistry from '#gdpr/personal_data_registry'
import { registerCheckoutHandler } from '#billing/checkout_hooks'
import manifest from './module.js'
import { CHECKOUT_PURPOSE, onBookingCheckoutCompleted } from './bookings/payment.js'
import { communityPersonalData } from './gdpr_contributor.js'

export default class CommunityModuleProvider {
  constructor(protected app: ApplicationService) {}

  register() {
    moduleRegistry.register(manifest)
    jobRegistry.register('community.sweep_bookings', () => import('./jobs/sweep_bookings_job.js'))
    jobRegistry.register('community.close_polls', () => import('./jobs/close_polls_job.js'))
    jobRegistry.register('community.expire_notices', () => import('./jobs/expire_notices_job.js'))
    jobRegistry.register('community.photo_thumbnail', () => import('./jobs/photo_thumbnail_job.js'))
    scheduler.define({ job: 'community.sweep_bookings', cron: '*/5 * * * *' })
    scheduler.define({ job: 'community.close_polls', cron: '*/5 * * * *' })
    scheduler.define({ job: 'community.expire_notices', cron: '*/15 * * * *' })
    registerCheckoutHandler(CHECKOUT_PURPOSE, onBookingCheckoutCompleted)
    personalDataRegistry.register(communityPersonalData)
  }

  async start() {
    await import('./routes.js')
    const { registerCatalogEntries } = await import('#services/openapi_service')
    const { communityCatalog } = await import('./openapi.js')
    registerCatalogEntries(communityCatalog)
  }
}
