import type { Job as BullJob, BackoffOptions } from 'bullmq'

export type JobPayload = Record<string, unknown>

/**
 * A unit of background work. Subclasses implement `handle()`; the worker builds one
 * instance per attempt with the payload and the BullMQ job. Handlers must be
 * idempotent: a retry after a crash runs `handle()` again from the start.
 */
export abstract class BaseJob<P extends JobPayload = JobPayload> {
  /** Attempts before the job lands in the failed set (dead letters). */
  static attempts = 3
  /** Exponential backoff between attempts: delay, 2×delay, 4×delay… */
  static backoff: BackoffOptions = { type: 'exponential', delay: 2000 }

  constructor(
    readonly payload: P,
    readonly job?: BullJob
  ) {}

  abstract handle(): Promise<unknown>

  /** Entry point used by the worker; TenantJob wraps it in the tenant context. */
  async run(): Promise<unknown> {
    return this.handle()
  }

  /** Reports progress (0–100 or any JSON) to BullMQ, visible in the admin UI. */
  async progress(value: number | Record<string, unknown>) {
    if (this.job) await this.job.updateProgress(value as number | object)
  }

  /** 1 on the first run, 2 on the first retry, … */
  get attempt(): number {
    return (this.job?.attemptsMade ?? 0) + 1
  }
}

export type JobClass<P extends JobPayload = any> = {
  new (payload: P, job?: BullJob): BaseJob<P>
  attempts: number
  backoff: BackoffOptions
}
