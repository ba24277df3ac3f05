import { BaseJob } from '#jobs/base_job'
import { forEachOrganisation } from '#jobs/tenant_job'
import { clock } from '../shared/clock.js'
import { sweepBookings } from '../bookings/booking_transitions.js'

/** Every 5 minutes: no-shows (check-in window closed) and undecided pending bookings. */
export default class SweepBookingsJob extends BaseJob {
  async handle() {
    const now = clock.now()
    let noShows = 0
    let expired = 0
    const result = await forEachOrganisation(
      async () => {
        const r = await sweepBookings(now)
        noShows += r.noShows
        expired += r.expired
      },
      { moduleKey: 'community' }
    )
    return { ...result, noShows, expired }
  }
}
