import { BaseJob } from '#jobs/base_job'
import { markEventFailed, processEvent } from '#billing/webhook_service'

/** Processes one recorded Stripe webhook event (`billing_stripe_events`), once. */
export default class ProcessStripeEventJob extends BaseJob<{ eventId: string }> {
  static attempts = 6
  static backoff = { type: 'exponential' as const, delay: 1000 }

  async handle() {
    try {
      return await processEvent(this.payload.eventId)
    } catch (error) {
      const attempts = this.job?.opts.attempts ?? ProcessStripeEventJob.attempts
      if (this.attempt >= attempts) {
        await markEventFailed(this.payload.eventId, String((error as Error)?.message ?? error))
      }
      throw error
    }
  }
}
