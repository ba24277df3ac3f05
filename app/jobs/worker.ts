import { Worker, UnrecoverableError, type Job as BullJob } from 'bullmq'
import logger from '@adonisjs/core/services/logger'
import queueConfig from '#config/queue'
import jobRegistry from '#jobs/job_registry'
import { inProcessJobs, startInProcessWorker } from '#jobs/in_process_queue'

export interface WorkerHandle {
  queues: string[]
  workers: Worker[]
  /** Stops taking jobs, waits for the running ones, closes the Redis connections. */
  close(): Promise<void>
}

/** Runs one BullMQ job through its registered job class. */
export async function processJob(job: BullJob): Promise<unknown> {
  const JobClass = await jobRegistry.resolve(job.name)
  // Unknown names never succeed on retry: fail them straight into the dead-letter set.
  if (!JobClass) throw new UnrecoverableError(`No job registered under "${job.name}"`)
  const instance = new JobClass(job.data, job)
  return instance.run()
}

/**
 * Starts workers for the given queues in this process (the `queue:work` command, and
 * tests). Default: every queue that has registered jobs.
 */
export function startWorker(opts: { queues?: string[]; concurrency?: number } = {}): WorkerHandle {
  const queues = opts.queues?.length ? opts.queues : jobRegistry.queues()
  if (inProcessJobs()) {
    // No Redis: the same processJob() runs the jobs of these queues in this process.
    const local = startInProcessWorker(
      queues,
      (job) => processJob(job as unknown as BullJob),
      opts.concurrency ?? queueConfig.concurrency
    )
    return { queues, workers: [], close: () => local.close() }
  }
  const workers = queues.map((queue) => {
    const worker = new Worker(queue, processJob, {
      connection: queueConfig.connection,
      prefix: queueConfig.prefix,
      concurrency: opts.concurrency ?? queueConfig.concurrency,
    })
    worker.on('failed', (job, err) => {
      const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1)
      const entry = {
        queue,
        job: job?.name,
        jobId: job?.id,
        attempt: job?.attemptsMade,
        err: err.message,
      }
      // Intermediate failures are expected (retries); the last one is a dead letter.
      if (final) logger.warn(entry, 'job failed permanently')
      else logger.info(entry, 'job failed, will retry')
    })
    worker.on('error', (err) => logger.error({ queue, err }, 'worker error'))
    return worker
  })

  let closing: Promise<void> | undefined
  return {
    queues,
    workers,
    close() {
      // Worker.close() without force waits for the jobs in progress to finish.
      closing ??= Promise.all(workers.map((w) => w.close())).then(() => undefined)
      return closing
    },
  }
}
