import { randomUUID } from 'node:crypto'
import type { Queue, BackoffOptions, JobsOptions } from 'bullmq'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import queueConfig from '#config/queue'
import jobRegistry, { queueOf } from '#jobs/job_registry'
import { maybeTenant } from '#tenancy/tenant_context'
import { inProcessJobs, queueFor } from '#jobs/in_process_queue'

/*
| Enqueues jobs by name. The queue is the job name's prefix (`accounting.send_x` →
| queue `accounting`). Payloads of tenant jobs carry `organisationId`.
*/
export interface DispatchOptions {
  /** Idempotency key: a second dispatch with the same id is ignored while the first exists. */
  jobId?: string
  /** Milliseconds before the job may run. */
  delay?: number
  attempts?: number
  backoff?: BackoffOptions
  priority?: number
  /**
   * Inside an open tenant transaction the job is enqueued only once that transaction
   * commits (so the worker sees the rows it refers to, and a rolled-back request
   * enqueues nothing). Default true; false enqueues immediately.
   */
  afterCommit?: boolean
}

const queues = new Map<string, Queue>()
/*
| BullMQ is imported on the first enqueue, not at boot: ~4 MB of heap (and cron-parser
| with its own copy of luxon) that a web process serving reads never needs.
*/
let bullmq: Promise<typeof import('bullmq')> | undefined

export async function getQueue(name: string): Promise<Queue> {
  // No Redis (zero-setup): the in-process queue implements the subset of Queue used here.
  if (inProcessJobs()) return queueFor(name) as unknown as Queue
  let queue = queues.get(name)
  if (!queue) {
    bullmq ??= import('bullmq')
    const { Queue: BullQueue } = await bullmq
    // Another enqueue may have made it while BullMQ loaded.
    queue = queues.get(name)
    if (queue) return queue
    queue = new BullQueue(name, {
      connection: queueConfig.connection,
      prefix: queueConfig.prefix,
      defaultJobOptions: queueConfig.defaultJobOptions,
    })
    queues.set(name, queue)
  }
  return queue
}

export async function closeQueues() {
  const open = [...queues.values()]
  queues.clear()
  await Promise.all(open.map((q) => q.close()))
}

/** BullMQ reserves ':' in custom ids only for its repeat keys; keep business keys readable. */
function normaliseJobId(jobId: string) {
  return jobId.replace(/:/g, '_')
}

async function enqueue(
  name: string,
  payload: Record<string, unknown>,
  opts: DispatchOptions,
  jobId: string
) {
  const jobClass = await jobRegistry.resolve(name)
  if (!jobClass) throw new Error(`Unknown job "${name}"`)
  const options: JobsOptions = {
    jobId,
    attempts: opts.attempts ?? jobClass.attempts ?? queueConfig.defaultJobOptions.attempts,
    backoff: opts.backoff ?? jobClass.backoff ?? queueConfig.defaultJobOptions.backoff,
    ...(opts.delay !== undefined ? { delay: opts.delay } : {}),
    ...(opts.priority !== undefined ? { priority: opts.priority } : {}),
  }
  const queue = await getQueue(queueOf(name))
  await queue.add(name, payload, options)
}

export async function dispatch(
  name: string,
  payload: Record<string, unknown>,
  opts: DispatchOptions = {}
): Promise<{ id: string | null }> {
  if (!jobRegistry.has(name)) throw new Error(`Unknown job "${name}"`)
  const id = normaliseJobId(opts.jobId ?? randomUUID())
  const tenant = maybeTenant()
  if (opts.afterCommit !== false && tenant && !tenant.trx.isCompleted) {
    tenant.trx.after('commit', async () => {
      try {
        await enqueue(name, payload, opts, id)
      } catch (error) {
        logger.error({ err: error, job: name, jobId: id }, 'failed to enqueue job after commit')
      }
    })
    return { id }
  }
  await enqueue(name, payload, opts, id)
  return { id }
}

// The web process closes its queue connections on shutdown.
app.terminating(async () => {
  await closeQueues()
})
