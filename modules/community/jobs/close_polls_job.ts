import { BaseJob } from '#jobs/base_job'
import { forEachOrganisation } from '#jobs/tenant_job'
import { clock } from '../shared/clock.js'
import { closeDuePolls } from '../polls/poll_transitions.js'

/** Every 5 minutes: active polls past endsAt are closed. */
export default class ClosePollsJob extends BaseJob {
  async handle() {
    const now = clock.now()
    let closed = 0
    const result = await forEachOrganisation(
      async () => {
        closed += await closeDuePolls(now)
      },
      { moduleKey: 'community' }
    )
    return { ...result, closed }
  }
}
