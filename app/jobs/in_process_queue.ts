import { randomUUID } from 'node:crypto'
import { AsyncLocalStorage } from 'node:async_hooks'
import { createRequire } from 'node:module'
import type { BackoffOptions, JobsOptions } from 'bullmq'
import logger from '@adonisjs/core/services/logger'

// cron-parser is required on first use, not imported: it brings its own (CommonJS) copy of
// luxon, which only zero-setup processes with schedules need.
const requireCommonJs = createRequire(import.meta.url)

/*
| In-process job backend for zero-setup mode (no Redis: QUEUE_BACKEND=memory, or
| EMBEDDED=1). The dispatcher, the worker, the scheduler and the test helpers keep their
| interface; `getQueue()` hands out an `InProcessQueue` that implements the subset of
| BullMQ's `Queue` they use (add, getJob, getJobState, obliterate, job schedulers), and
| jobs run in THIS process through the same `processJob()` as the BullMQ worker:
| delays, attempts with fixed/exponential backoff, `UnrecoverableError`, progress, job ids
| for idempotence (a second add with an existing id returns the first job), repeatable
| schedules (cron in Europe/Brussels). Single node by design: nothing is shared between
| processes and nothing survives a restart (jobs pending at shutdown are lost; the
| scheduled ones come back with the schedule).
*/

/**
 * The async context of this module's loading: no request, no tenant transaction. Jobs
 * run in it, as a BullMQ worker process would: a job added during a request must not
 * inherit that request's tenant transaction (it would join it, or wait behind it).
 */
const detachedContext = AsyncLocalStorage.snapshot()

export function inProcessJobs(): boolean {
  return process.env.QUEUE_BACKEND === 'memory' || process.env.EMBEDDED_DB === '1'
}

type State = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed'

export class InProcessJob {
  readonly timestamp = Date.now()
  attemptsMade = 0
  progress: number | object = 0
  returnvalue: unknown = null
  failedReason?: string
  stacktrace: string[] = []
  processedOn?: number
  finishedOn?: number
  state: State = 'waiting'
  timer?: NodeJS.Timeout

  constructor(
    readonly queueName: string,
    readonly id: string,
    readonly name: string,
    readonly data: any,
    readonly opts: JobsOptions & { attempts: number; backoff?: BackoffOptions | number }
  ) {}

  async updateProgress(value: number | object) {
    this.progress = value
  }

  async getState(): Promise<State> {
    return this.state
  }

  async remove() {
    if (this.timer) clearTimeout(this.timer)
    queueFor(this.queueName).jobs.delete(this.id)
  }
}

interface SchedulerEntry {
  key: string
  pattern: string
  tz: string
  name: string
  data: Record<string, unknown>
  next: number
  timer?: NodeJS.Timeout
}

type Processor = (job: InProcessJob) => Promise<unknown>

/** Processing state of one queue: set by `startInProcessWorker`, cleared by its close. */
interface Consumer {
  processor: Processor
  concurrency: number
  running: Set<Promise<unknown>>
}

const KEEP_FINISHED = 5000

export class InProcessQueue {
  readonly jobs = new Map<string, InProcessJob>()
  readonly schedulers = new Map<string, SchedulerEntry>()
  readonly ready: InProcessJob[] = []
  consumer?: Consumer

  constructor(readonly name: string) {}

  async add(name: string, data: any, opts: JobsOptions = {}): Promise<InProcessJob> {
    const id = String(opts.jobId ?? randomUUID())
    const existing = this.jobs.get(id)
    if (existing) return existing
    const job = new InProcessJob(this.name, id, name, data ?? {}, {
      ...opts,
      attempts: opts.attempts ?? 1,
    })
    this.jobs.set(id, job)
    this.#schedule(job, opts.delay ?? 0)
    return job
  }

  async getJob(id: string): Promise<InProcessJob | undefined> {
    return this.jobs.get(id)
  }

  async getJobState(id: string): Promise<State | 'unknown'> {
    return this.jobs.get(id)?.state ?? 'unknown'
  }

  async getJobs(states: State[] = ['waiting', 'delayed', 'active', 'completed', 'failed']) {
    return [...this.jobs.values()].filter((j) => states.includes(j.state))
  }

  // BullMQ's per-state readers (tests and the staff pages inspect queues through them).
  async getDelayed() {
    return this.getJobs(['delayed'])
  }
  async getWaiting() {
    return this.getJobs(['waiting'])
  }
  async getActive() {
    return this.getJobs(['active'])
  }
  async getCompleted() {
    return this.getJobs(['completed'])
  }
  async getFailed() {
    return this.getJobs(['failed'])
  }
  async getDelayedCount() {
    return this.#count('delayed')
  }
  async getWaitingCount() {
    return this.#count('waiting')
  }
  async getActiveCount() {
    return this.#count('active')
  }
  async getCompletedCount() {
    return this.#count('completed')
  }
  async getFailedCount() {
    return this.#count('failed')
  }

  #count(state: State) {
    let n = 0
    for (const job of this.jobs.values()) if (job.state === state) n++
    return n
  }

  async obliterate(_opts?: { force?: boolean }) {
    for (const job of this.jobs.values()) if (job.timer) clearTimeout(job.timer)
    this.jobs.clear()
    this.ready.length = 0
  }

  async upsertJobScheduler(
    key: string,
    repeat: { pattern: string; tz?: string },
    template: { name: string; data?: Record<string, unknown> }
  ) {
    await this.removeJobScheduler(key)
    const entry: SchedulerEntry = {
      key,
      pattern: repeat.pattern,
      tz: repeat.tz ?? 'Europe/Brussels',
      name: template.name,
      data: template.data ?? {},
      next: 0,
    }
    this.schedulers.set(key, entry)
    this.#arm(entry)
  }

  async getJobSchedulers() {
    return [...this.schedulers.values()].map((s) => ({
      key: s.key,
      name: s.name,
      pattern: s.pattern,
      tz: s.tz,
      next: s.next,
    }))
  }

  async removeJobScheduler(key: string) {
    const entry = this.schedulers.get(key)
    if (entry?.timer) clearTimeout(entry.timer)
    return this.schedulers.delete(key)
  }

  async close() {
    for (const s of this.schedulers.values()) if (s.timer) clearTimeout(s.timer)
  }

  /** Next run of a cron pattern in its time zone (cron-parser, as BullMQ uses). */
  static nextRun(pattern: string, tz: string, from = new Date()): number {
    const cronParser: typeof import('cron-parser') = requireCommonJs('cron-parser')
    return cronParser.parseExpression(pattern, { tz, currentDate: from }).next().getTime()
  }

  #arm(entry: SchedulerEntry) {
    entry.next = InProcessQueue.nextRun(entry.pattern, entry.tz)
    // setTimeout holds at most ~24.8 days; re-arm in steps for far schedules.
    const wait = Math.min(entry.next - Date.now(), 2 ** 31 - 1)
    entry.timer = setTimeout(
      () => {
        if (!this.schedulers.has(entry.key)) return
        if (Date.now() >= entry.next) {
          // One job per tick; the id makes a duplicate tick idempotent (BullMQ: repeat:<key>:<ts>).
          void this.add(entry.name, entry.data, { jobId: `repeat_${entry.key}_${entry.next}` })
        }
        this.#arm(entry)
      },
      Math.max(wait, 0)
    )
    entry.timer.unref()
  }

  #schedule(job: InProcessJob, delay: number) {
    if (job.timer) clearTimeout(job.timer)
    if (delay > 0) {
      job.state = 'delayed'
      job.timer = setTimeout(() => {
        job.timer = undefined
        this.#enqueueReady(job)
      }, delay)
      job.timer.unref()
    } else {
      this.#enqueueReady(job)
    }
  }

  #enqueueReady(job: InProcessJob) {
    if (!this.jobs.has(job.id)) return
    job.state = 'waiting'
    this.ready.push(job)
    this.pump()
  }

  /** Starts ready jobs while the consumer has free slots. */
  pump() {
    const consumer = this.consumer
    if (!consumer) return
    while (consumer.running.size < consumer.concurrency && this.ready.length) {
      const job = this.ready.shift()!
      if (!this.jobs.has(job.id) || job.state !== 'waiting') continue
      const run = this.#run(job, consumer.processor).finally(() => {
        consumer.running.delete(run)
        // Next tick: a finished job frees its slot for the next one.
        setImmediate(() => this.pump())
      })
      consumer.running.add(run)
    }
  }

  async #run(job: InProcessJob, processor: Processor) {
    job.state = 'active'
    job.processedOn = Date.now()
    try {
      job.returnvalue = (await detachedContext(() => processor(job))) ?? null
      job.attemptsMade++
      job.state = 'completed'
      job.finishedOn = Date.now()
      this.#trim()
    } catch (error) {
      const err = error as Error
      job.attemptsMade++
      job.failedReason = err?.message ?? String(error)
      job.stacktrace.push(err?.stack ?? String(error))
      const unrecoverable = err?.name === 'UnrecoverableError'
      if (!unrecoverable && job.attemptsMade < job.opts.attempts) {
        const delay = backoffDelay(job.opts.backoff, job.attemptsMade)
        logger.info(
          { queue: this.name, job: job.name, jobId: job.id, attempt: job.attemptsMade },
          'job failed, will retry'
        )
        this.#schedule(job, delay)
      } else {
        job.state = 'failed'
        job.finishedOn = Date.now()
        logger.warn(
          { queue: this.name, job: job.name, jobId: job.id, err: job.failedReason },
          'job failed permanently'
        )
      }
    }
  }

  #trim() {
    const finished = [...this.jobs.values()].filter((j) => j.state === 'completed')
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) {
      this.jobs.delete(job.id)
    }
  }
}

/** BullMQ's built-in strategies: fixed → delay; exponential → delay × 2^(attempt−1). */
export function backoffDelay(backoff: BackoffOptions | number | undefined, attemptsMade: number) {
  if (backoff === undefined) return 0
  if (typeof backoff === 'number') return backoff
  const delay = backoff.delay ?? 0
  return backoff.type === 'exponential' ? delay * 2 ** Math.max(0, attemptsMade - 1) : delay
}

const queues = new Map<string, InProcessQueue>()

export function queueFor(name: string): InProcessQueue {
  let queue = queues.get(name)
  if (!queue) {
    queue = new InProcessQueue(name)
    queues.set(name, queue)
  }
  return queue
}

/**
 * Processes the given queues in this process (what a BullMQ Worker does), until `close()`,
 * which stops taking jobs and waits for the running ones.
 */
export function startInProcessWorker(
  names: string[],
  processor: Processor,
  concurrency: number
): { close(): Promise<void> } {
  const taken = names.map((name) => {
    const queue = queueFor(name)
    queue.consumer = { processor, concurrency, running: new Set() }
    queue.pump()
    return queue
  })
  let closing: Promise<void> | undefined
  return {
    close() {
      closing ??= (async () => {
        const running = taken.flatMap((q) => {
          const consumer = q.consumer
          q.consumer = undefined
          return consumer ? [...consumer.running] : []
        })
        await Promise.allSettled(running)
      })()
      return closing
    },
  }
}
