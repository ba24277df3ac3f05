/*
| Runs BullMQ workers inside the test process: `const w = startTestWorker({queues:['core']})`
| … `await w.close()`. `drainQueues()` empties the given queues between tests.
*/
import { startWorker, type WorkerHandle } from '#jobs/worker'
import { getQueue } from '#jobs/dispatcher'
import type { Job } from 'bullmq'

export { startWorker }
export type { WorkerHandle }

export function startTestWorker(opts: { queues?: string[]; concurrency?: number } = {}) {
  return startWorker({ queues: opts.queues ?? ['core'], concurrency: opts.concurrency ?? 2 })
}

export async function drainQueues(queues: string[] = ['core']) {
  for (const name of queues) {
    const queue = await getQueue(name)
    await queue.obliterate({ force: true })
  }
}

/** Waits until the job reaches completed/failed and returns it (polls Redis). */
export async function waitForJob(queue: string, jobId: string, timeoutMs = 10000): Promise<Job> {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    // State first, then the job: a job read before it finished would carry a stale
    // (null) returnvalue even if its state reads 'completed' a moment later.
    const bullQueue = await getQueue(queue)
    const state = await bullQueue.getJobState(jobId)
    if (state === 'completed' || state === 'failed') {
      const job = await bullQueue.getJob(jobId)
      if (job) return job
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`job ${queue}/${jobId} did not finish within ${timeoutMs}ms`)
}
