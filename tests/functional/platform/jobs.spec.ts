import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { BaseJob } from '#jobs/base_job'
import { TenantJob } from '#jobs/tenant_job'
import jobRegistry from '#jobs/job_registry'
import scheduler from '#jobs/scheduler'
import { dispatch, getQueue } from '#jobs/dispatcher'
import moduleAccess from '#core_modules/module_access'
import { currentTenant, withTenant } from '#tenancy/tenant_context'
import Invitation from '#models/invitation'
import { signupOrg } from '#tests/helpers/api'
import { drainQueues, startTestWorker, waitForJob, type WorkerHandle } from '#tests/helpers/worker'
import { createBuilding, createInvitation, sleep } from './fixtures.js'

// Test-only jobs, registered in the same registry the worker reads.
const attemptsLog = new Map<string, number[]>()

class FlakyJob extends BaseJob<{ key: string; failTimes: number }> {
  async handle() {
    const times = attemptsLog.get(this.payload.key) ?? []
    times.push(Date.now())
    attemptsLog.set(this.payload.key, times)
    await this.progress(times.length * 10)
    if (times.length <= this.payload.failTimes) throw new Error(`planned failure ${times.length}`)
    return { attempts: times.length }
  }
}

class SlowJob extends BaseJob<{ ms: number }> {
  async handle() {
    await this.progress(10)
    await sleep(this.payload.ms)
    await this.progress(100)
    return { done: true }
  }
}

/** Reports what the tenant transaction can see: its tenant setting and the buildings. */
class TenantProbeJob extends TenantJob {
  async handle() {
    const { trx, organisationId } = currentTenant()
    const setting = await trx.rawQuery(`select current_setting('app.tenant_id', true) as t`)
    // Deliberately unfiltered: only RLS stands between this query and other tenants.
    const rows = await trx.from('buildings').select('organisation_id')
    return {
      organisationId,
      setting: setting.rows[0].t,
      buildingOrgs: rows.map((r: { organisation_id: string }) => r.organisation_id),
    }
  }
}

class CommunityProbeJob extends TenantJob {
  moduleKey = 'community'
  async handle() {
    return { ran: currentTenant().organisationId }
  }
}

jobRegistry
  .register('core.test_flaky', FlakyJob)
  .register('core.test_slow', SlowJob)
  .register('core.test_tenant_probe', TenantProbeJob)
  .register('core.test_community_probe', CommunityProbeJob)

test.group('Jobs: queue, retries, idempotency', (group) => {
  let worker: WorkerHandle | undefined
  group.each.setup(async () => {
    await drainQueues(['core'])
    return async () => {
      await worker?.close()
      worker = undefined
    }
  })

  test('dispatch puts the job on the queue of its name prefix with 3 attempts and exponential backoff', async ({
    assert,
  }) => {
    const { id } = await dispatch('core.test_slow', { ms: 1 }, { delay: 60_000 })
    assert.isString(id)
    const queue = await getQueue('core')
    const job = await queue.getJob(id!)
    assert.exists(job)
    assert.equal(job!.name, 'core.test_slow')
    assert.equal(job!.opts.attempts, 3)
    assert.deepEqual(job!.opts.backoff, { type: 'exponential', delay: 2000 })
    assert.equal(job!.queueName, 'core')
    await assert.rejects(() => dispatch('nope.unknown', {}), /Unknown job/)
  })

  test('the same jobId twice gives one job', async ({ assert }) => {
    const first = await dispatch(
      'core.test_slow',
      { ms: 1 },
      { jobId: 'probe:42:owner:7', delay: 60_000 }
    )
    const second = await dispatch(
      'core.test_slow',
      { ms: 2 },
      { jobId: 'probe:42:owner:7', delay: 60_000 }
    )
    assert.equal(first.id, second.id)
    assert.equal(first.id, 'probe_42_owner_7')
    const queue = await getQueue('core')
    const delayed = await queue.getDelayed()
    assert.lengthOf(
      delayed.filter((j) => j.id === first.id),
      1
    )
    assert.equal(await queue.getDelayedCount(), 1)
    // The first payload wins.
    assert.deepEqual(delayed[0].data, { ms: 1 })
  })

  test('a failing job is retried with exponential backoff and succeeds on the 3rd attempt', async ({
    assert,
  }) => {
    worker = startTestWorker({ queues: ['core'] })
    const { id } = await dispatch(
      'core.test_flaky',
      { key: 'retry-ok', failTimes: 2 },
      { backoff: { type: 'exponential', delay: 200 } }
    )
    const job = await waitForJob('core', id!)
    assert.equal(await job.getState(), 'completed')
    assert.deepEqual(job.returnvalue, { attempts: 3 })
    assert.equal(job.progress, 30)
    const times = attemptsLog.get('retry-ok')!
    assert.lengthOf(times, 3)
    // Backoff: ≥ 200 ms before the 2nd attempt, ≥ 400 ms before the 3rd.
    assert.isAtLeast(times[1] - times[0], 190)
    assert.isAtLeast(times[2] - times[1], 390)
  })

  test('a job failing every attempt ends in the failed set after 3 attempts', async ({
    assert,
  }) => {
    worker = startTestWorker({ queues: ['core'] })
    const { id } = await dispatch(
      'core.test_flaky',
      { key: 'retry-ko', failTimes: 99 },
      { backoff: { type: 'exponential', delay: 50 } }
    )
    const job = await waitForJob('core', id!)
    assert.equal(await job.getState(), 'failed')
    assert.equal(job.attemptsMade, 3)
    assert.match(job.failedReason, /planned failure 3/)
    assert.lengthOf(attemptsLog.get('retry-ko')!, 3)
  })

  test('close() waits for the running job, then stops taking jobs', async ({ assert }) => {
    worker = startTestWorker({ queues: ['core'] })
    const { id } = await dispatch('core.test_slow', { ms: 600 })
    // Wait until the job is active.
    const started = Date.now()
    const queue = await getQueue('core')
    while ((await queue.getActiveCount()) === 0 && Date.now() - started < 5000) await sleep(20)
    const t0 = Date.now()
    await worker.close()
    assert.isAtLeast(Date.now() - t0, 300)
    const job = await queue.getJob(id!)
    assert.equal(await job!.getState(), 'completed')
    assert.equal(job!.progress, 100)

    // A closed worker takes nothing new.
    const next = await dispatch('core.test_slow', { ms: 1 })
    await sleep(300)
    const nextJob = await queue.getJob(next.id!)
    assert.equal(await nextJob!.getState(), 'waiting')
  })

  test('a job dispatched inside a tenant transaction is enqueued only after commit', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const queue = await getQueue('core')
    let jobId: string | null = null
    await withTenant(org.organisationId, async () => {
      const dispatched = await dispatch('core.test_slow', { ms: 1 }, { delay: 60_000 })
      jobId = dispatched.id
      assert.notExists(await queue.getJob(jobId!))
    })
    assert.exists(await queue.getJob(jobId!))

    let rolledBackId: string | null = null
    await withTenant(org.organisationId, async () => {
      const dispatched = await dispatch('core.test_slow', { ms: 1 }, { delay: 60_000 })
      rolledBackId = dispatched.id
      throw new Error('rollback')
    }).catch(() => {})
    await sleep(50)
    assert.notExists(await queue.getJob(rolledBackId!))
  })
})

test.group('Jobs: tenant jobs', (group) => {
  let worker: WorkerHandle | undefined
  group.each.setup(async () => {
    await drainQueues(['core'])
    worker = startTestWorker({ queues: ['core'] })
    return async () => {
      await worker?.close()
    }
  })

  test('TenantJob runs under RLS for its organisation only', async ({ client, assert }) => {
    const orgA = await signupOrg(client)
    const orgB = await signupOrg(client)
    await createBuilding(orgA.organisationId, 'A1')
    await createBuilding(orgB.organisationId, 'B1')
    await createBuilding(orgB.organisationId, 'B2')

    const a = await dispatch('core.test_tenant_probe', { organisationId: orgA.organisationId })
    const b = await dispatch('core.test_tenant_probe', { organisationId: orgB.organisationId })
    const jobA = await waitForJob('core', a.id!)
    const jobB = await waitForJob('core', b.id!)
    assert.equal(jobA.returnvalue.setting, orgA.organisationId)
    assert.deepEqual(jobA.returnvalue.buildingOrgs, [orgA.organisationId])
    assert.deepEqual(jobB.returnvalue.buildingOrgs, [orgB.organisationId, orgB.organisationId])
  })

  test('a payload without a valid organisationId fails without retries', async ({ assert }) => {
    const { id } = await dispatch('core.test_tenant_probe', { organisationId: 'not-a-uuid' })
    const job = await waitForJob('core', id!)
    assert.equal(await job.getState(), 'failed')
    assert.equal(job.attemptsMade, 1)
  })

  test('a module job skips organisations where the module is disabled', async ({
    client,
    assert,
  }) => {
    const orgA = await signupOrg(client)
    const orgB = await signupOrg(client)
    await withTenant(orgA.organisationId, () => moduleAccess.set('community', true, 'manual'))
    await withTenant(orgB.organisationId, () => moduleAccess.set('community', false, 'manual'))

    const a = await dispatch('core.test_community_probe', { organisationId: orgA.organisationId })
    const b = await dispatch('core.test_community_probe', { organisationId: orgB.organisationId })
    const jobA = await waitForJob('core', a.id!)
    const jobB = await waitForJob('core', b.id!)
    assert.deepEqual(jobA.returnvalue, { ran: orgA.organisationId })
    assert.deepEqual(jobB.returnvalue, { skipped: 'module_disabled' })
  })
})

test.group('Jobs: scheduler and purge of expired invitations', (group) => {
  group.each.setup(async () => {
    await drainQueues(['core'])
  })

  test('the scheduler registers the daily purge at 03:00 Europe/Brussels, idempotently', async ({
    assert,
  }) => {
    await scheduler.start(['core'])
    await scheduler.start(['core'])
    const queue = await getQueue('core')
    const schedulers = await queue.getJobSchedulers()
    assert.lengthOf(schedulers, 1)
    assert.equal(schedulers[0].key, 'core.purge_expired_invitations')
    assert.equal(schedulers[0].pattern, '0 3 * * *')
    assert.equal(schedulers[0].tz, 'Europe/Brussels')
    // The next run is at 03:00 in Brussels.
    const next = DateTime.fromMillis(Number(schedulers[0].next)).setZone('Europe/Brussels')
    assert.equal(next.hour, 3)
    assert.equal(next.minute, 0)
  })

  test('the purge deletes invitations expired for more than 30 days, in every organisation', async ({
    client,
    assert,
  }) => {
    const orgA = await signupOrg(client)
    const orgB = await signupOrg(client)
    const old = DateTime.now().minus({ days: 40 })
    const recent = DateTime.now().minus({ days: 10 })
    const a1 = await createInvitation(orgA.organisationId, {
      email: 'old-a@example.test',
      expiresAt: old,
    })
    const a2 = await createInvitation(orgA.organisationId, {
      email: 'recent-a@example.test',
      expiresAt: recent,
    })
    const a3 = await createInvitation(orgA.organisationId, {
      email: 'accepted-a@example.test',
      expiresAt: old,
      acceptedAt: old.minus({ days: 1 }),
    })
    const b1 = await createInvitation(orgB.organisationId, {
      email: 'old-b@example.test',
      expiresAt: old,
    })

    const worker = startTestWorker({ queues: ['core'] })
    try {
      const { id } = await dispatch('core.purge_expired_invitations', {})
      const job = await waitForJob('core', id!)
      assert.equal(await job.getState(), 'completed', job.failedReason)
      assert.isAtLeast(job.returnvalue.deleted, 2)
    } finally {
      await worker.close()
    }

    const remainingA = await withTenant(orgA.organisationId, () =>
      Invitation.query().orderBy('email')
    )
    assert.deepEqual(
      remainingA.map((i) => i.id).sort(),
      [a2.invitation.id, a3.invitation.id].sort()
    )
    assert.notInclude(
      remainingA.map((i) => i.id),
      a1.invitation.id
    )
    const remainingB = await withTenant(orgB.organisationId, () => Invitation.query())
    assert.notInclude(
      remainingB.map((i) => i.id),
      b1.invitation.id
    )
    void db
  })
})
