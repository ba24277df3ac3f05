import type { JobClass } from '#jobs/base_job'

type Loader = () => Promise<{ default: JobClass }>

/**
 * Job name → job class. Names are `<queue>.<action>`: the queue is the part before the
 * first dot (`core`, `accounting`, …). Core jobs are declared below; feature modules
 * register theirs from their provider (`jobRegistry.register('accounting.x', () => import(…))`).
 * Loaders are lazy so the web process never imports job code it does not run.
 */
class JobRegistry {
  #entries = new Map<string, Loader | JobClass>()

  register(name: string, job: Loader | JobClass) {
    if (!/^[a-z][a-z0-9_]*\.[a-z0-9_.]+$/.test(name)) {
      throw new Error(`Invalid job name "${name}" (expected "<queue>.<action>")`)
    }
    this.#entries.set(name, job)
    return this
  }

  has(name: string) {
    return this.#entries.has(name)
  }

  names(): string[] {
    return [...this.#entries.keys()].sort()
  }

  /** Distinct queues of the registered jobs, `core` first. */
  queues(): string[] {
    const set = new Set(['core', ...this.names().map(queueOf)])
    return [...set]
  }

  async resolve(name: string): Promise<JobClass | undefined> {
    const entry = this.#entries.get(name)
    if (!entry) return undefined
    if ('prototype' in entry && typeof (entry as JobClass).prototype?.handle === 'function') {
      return entry as JobClass
    }
    const mod = await (entry as Loader)()
    return mod.default
  }
}

export function queueOf(jobName: string): string {
  const dot = jobName.indexOf('.')
  return dot === -1 ? 'core' : jobName.slice(0, dot)
}

const jobRegistry = new JobRegistry()

// Core jobs.
jobRegistry
  .register('core.invitation_email', () => import('#jobs/core/invitation_email_job'))
  .register('core.notification_email', () => import('#jobs/core/notification_email_job'))
  .register(
    'core.purge_expired_invitations',
    () => import('#jobs/core/purge_expired_invitations_job')
  )

// Billing (core): Stripe webhook events, subscription quantity, trial reminders.
jobRegistry
  .register('billing.process_stripe_event', () => import('#jobs/billing/process_stripe_event_job'))
  .register('billing.sync_quantity', () => import('#jobs/billing/sync_quantity_job'))
  .register('billing.trial_reminders', () => import('#jobs/billing/trial_reminders_job'))

export default jobRegistry
