import queueConfig from '#config/queue'
import jobRegistry, { queueOf } from '#jobs/job_registry'
import { getQueue } from '#jobs/dispatcher'

/*
| Repeatable jobs, all in Europe/Brussels time. Core schedules are declared below;
| feature modules add theirs from their provider with `scheduler.define(...)`. The
| `queue:work` command upserts them at start (idempotent: the scheduler id is the job
| name, so several workers starting at once do not create duplicates).
*/
export interface ScheduleDefinition {
  /** Registered job name; also the scheduler id. */
  job: string
  /** Cron pattern, evaluated in Europe/Brussels. */
  cron: string
  data?: Record<string, unknown>
}

class Scheduler {
  #definitions = new Map<string, ScheduleDefinition>()

  define(definition: ScheduleDefinition) {
    this.#definitions.set(definition.job, definition)
    return this
  }

  all(): ScheduleDefinition[] {
    return [...this.#definitions.values()]
  }

  /** Upserts the schedules of the given queues and removes schedules no longer defined. */
  async start(queues: string[] = jobRegistry.queues()): Promise<ScheduleDefinition[]> {
    const started: ScheduleDefinition[] = []
    for (const queueName of queues) {
      const queue = await getQueue(queueName)
      const wanted = this.all().filter((d) => queueOf(d.job) === queueName)
      for (const def of wanted) {
        if (!jobRegistry.has(def.job))
          throw new Error(`Scheduled job "${def.job}" is not registered`)
        await queue.upsertJobScheduler(
          def.job,
          { pattern: def.cron, tz: queueConfig.timezone },
          { name: def.job, data: def.data ?? {} }
        )
        started.push(def)
      }
      const existing = await queue.getJobSchedulers()
      for (const s of existing) {
        if (!wanted.some((d) => d.job === s.key)) await queue.removeJobScheduler(s.key)
      }
    }
    return started
  }
}

const scheduler = new Scheduler()

// Invitations expired for more than 30 days are deleted every night at 03:00.
scheduler.define({ job: 'core.purge_expired_invitations', cron: '0 3 * * *' })

// Trial ending in 3 days: one e-mail per organisation, checked every morning at 09:00.
scheduler.define({ job: 'billing.trial_reminders', cron: '0 9 * * *' })

export default scheduler
