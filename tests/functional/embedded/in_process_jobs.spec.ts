import { test } from '@japa/runner'
import { UnrecoverableError } from 'bullmq'
import { BaseJob } from '#jobs/base_job'
import jobRegistry from '#jobs/job_registry'
import { dispatch } from '#jobs/dispatcher'
import { InProcessQueue, backoffDelay, inProcessJobs } from '#jobs/in_process_queue'
import { drainQueues, startTestWorker, waitForJob } from '#tests/helpers/worker'

/*
| The job interface in both modes (BullMQ with Redis, in-process without): retries with
| backoff, delays, progress, idempotent job ids, unrecoverable failures. Test-only jobs on
| their own queue `zerotest`.
*/
const runs = new Map<string, number>()

class FlakyJob extends BaseJob<{ key: string; failTimes: number }> {
  static attempts = 3
  static backoff = { type: 'fixed' as const, delay: 50 }
  async handle() {
    const n = (runs.get(this.payload.key) ?? 0) + 1
    runs.set(this.payload.key, n)
    await this.progress(n * 10)
    if (n <= this.payload.failTimes) throw new Error(`attempt ${n} fails`)
    return { runs: n, attempt: this.attempt }
  }
}

class FatalJob extends BaseJob<{ key: string }> {
  static attempts = 5
  static backoff = { type: 'fixed' as const, delay: 10 }
  async handle() {
    runs.set(this.payload.key, (runs.get(this.payload.key) ?? 0) + 1)
    throw new UnrecoverableError('never retry this')
  }
}

jobRegistry.register('zerotest.flaky', FlakyJob).register('zerotest.fatal', FatalJob)

test.group('Jobs: the same interface with or without Redis', (group) => {
  let worker: ReturnType<typeof startTestWorker>
  group.each.setup(async () => {
    await drainQueues(['zerotest'])
    worker = startTestWorker({ queues: ['zerotest'] })
    return () => worker.close()
  })

  test('mode: {$self}')
    .with([inProcessJobs() ? 'in-process' : 'bullmq'])
    .run(({ assert }) => assert.isString('printed in the title'))

  test('retries with backoff, then completes with progress and its return value', async ({
    assert,
  }) => {
    const key = `flaky-${Date.now()}`
    const { id } = await dispatch('zerotest.flaky', { key, failTimes: 2 }, { jobId: key })
    const job = await waitForJob('zerotest', id!, 10_000)
    assert.equal(await job.getState(), 'completed')
    assert.deepEqual(job.returnvalue, { runs: 3, attempt: 3 })
    assert.equal(runs.get(key), 3)
    assert.equal(job.progress, 30)
  })

  test('a job id is an idempotency key: a second dispatch does not run twice', async ({
    assert,
  }) => {
    const key = `idem-${Date.now()}`
    await dispatch('zerotest.flaky', { key, failTimes: 0 }, { jobId: key })
    await dispatch('zerotest.flaky', { key, failTimes: 0 }, { jobId: key })
    await waitForJob('zerotest', key)
    await new Promise((r) => setTimeout(r, 200))
    assert.equal(runs.get(key), 1)
  })

  test('a delayed job does not run before its delay', async ({ assert }) => {
    const key = `delay-${Date.now()}`
    const started = Date.now()
    await dispatch('zerotest.flaky', { key, failTimes: 0 }, { jobId: key, delay: 400 })
    await new Promise((r) => setTimeout(r, 150))
    assert.isUndefined(runs.get(key))
    const job = await waitForJob('zerotest', key)
    assert.isAtLeast((job.processedOn ?? Date.now()) - started, 350)
    assert.equal(runs.get(key), 1)
  })

  test('an unrecoverable error fails at once (no retry)', async ({ assert }) => {
    const key = `fatal-${Date.now()}`
    await dispatch('zerotest.fatal', { key }, { jobId: key })
    const job = await waitForJob('zerotest', key)
    assert.equal(await job.getState(), 'failed')
    assert.equal(runs.get(key), 1)
    assert.match(job.failedReason, /never retry/)
  })
})

test.group('Jobs: in-process schedules and backoff', () => {
  test('cron schedules are evaluated in Europe/Brussels (winter UTC+1, summer UTC+2)', ({
    assert,
  }) => {
    const winter = InProcessQueue.nextRun(
      '0 3 * * *',
      'Europe/Brussels',
      new Date('2026-01-10T12:00:00Z')
    )
    assert.equal(new Date(winter).toISOString(), '2026-01-11T02:00:00.000Z')
    const summer = InProcessQueue.nextRun(
      '0 9 * * *',
      'Europe/Brussels',
      new Date('2026-07-10T12:00:00Z')
    )
    assert.equal(new Date(summer).toISOString(), '2026-07-11T07:00:00.000Z')
  })

  test('backoff follows BullMQ: fixed and exponential', ({ assert }) => {
    assert.equal(backoffDelay({ type: 'fixed', delay: 100 }, 3), 100)
    assert.deepEqual(
      [1, 2, 3].map((n) => backoffDelay({ type: 'exponential', delay: 2000 }, n)),
      [2000, 4000, 8000]
    )
  })

  test('a schedule upserted on an in-process queue is listed and removable', async ({ assert }) => {
    const queue = new InProcessQueue('zerotest_sched')
    await queue.upsertJobScheduler(
      'zerotest.flaky',
      { pattern: '0 3 * * *', tz: 'Europe/Brussels' },
      { name: 'zerotest.flaky', data: {} }
    )
    const [entry] = await queue.getJobSchedulers()
    assert.equal(entry.key, 'zerotest.flaky')
    assert.isAbove(entry.next, Date.now())
    await queue.removeJobScheduler('zerotest.flaky')
    assert.lengthOf(await queue.getJobSchedulers(), 0)
    await queue.close()
  })
})
