import env from '#start/env'
import type { ConnectionOptions, DefaultJobOptions } from 'bullmq'
import { parseRedisUrl } from '#config/redis'

/*
| BullMQ: one queue per module (`core`, `accounting`, …) under a key prefix so several
| environments can share one Redis. Jobs retry 3 times with exponential backoff.
*/
const queueConfig = {
  connection: {
    ...parseRedisUrl(env.get('REDIS_URL')),
    // Required by BullMQ workers (blocking commands must not be retried by ioredis).
    maxRetriesPerRequest: null,
  } satisfies ConnectionOptions,

  prefix: env.get('QUEUE_PREFIX') || 'vme',

  /** Time zone of every repeatable job (business rules are Belgian). */
  timezone: 'Europe/Brussels',

  defaultJobOptions: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 2000 },
    // Keep a bounded history: completed for a day, failed for 30 days (dead-letter inspection).
    removeOnComplete: { age: 24 * 3600, count: 5000 },
    removeOnFail: { age: 30 * 24 * 3600 },
  } satisfies DefaultJobOptions,

  /** Parallel jobs per queue in one worker process. */
  concurrency: 5,
}

export default queueConfig
