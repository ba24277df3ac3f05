import { ApiError } from '#exceptions/api_error'
import { getQueue } from '#jobs/dispatcher'
import { currentTenant } from '#tenancy/tenant_context'

/** State and progress of a sync job of the current organisation (another's → 404). */
export async function syncJobStatus(jobId: string) {
  const queue = await getQueue('iot')
  const job = await queue.getJob(jobId)
  if (
    !job ||
    job.name !== 'iot.sync_linky' ||
    job.data?.organisationId !== currentTenant().organisationId
  ) {
    throw ApiError.notFound('Job not found')
  }
  const state = await job.getState()
  return {
    id: job.id,
    state,
    progress: job.progress ?? null,
    result: state === 'completed' ? job.returnvalue : null,
    failedReason: state === 'failed' ? job.failedReason : null,
    createdAt: new Date(job.timestamp).toISOString(),
    finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
  }
}
