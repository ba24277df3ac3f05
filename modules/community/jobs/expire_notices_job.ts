import { BaseJob } from '#jobs/base_job'
import { forEachOrganisation } from '#jobs/tenant_job'
import { clock } from '../shared/clock.js'
import { expireDueNotices } from '../notices/notice_service.js'

/** Every 15 minutes: published notices past expiresAt become `expired`. */
export default class ExpireNoticesJob extends BaseJob {
  async handle() {
    const now = clock.now()
    let expired = 0
    const result = await forEachOrganisation(
      async () => {
        expired += await expireDueNotices(now)
      },
      { moduleKey: 'community' }
    )
    return { ...result, expired }
  }
}
