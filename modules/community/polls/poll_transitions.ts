import type { HttpContext } from '@adonisjs/core/http'
import type { DateTime } from 'luxon'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { notify } from '#services/notification_service'
import { clock } from '../shared/clock.js'
import { tenant, userIdsOfBuildingOwners, type Actor } from '../shared/context.js'
import { findPoll } from './poll_service.js'

/*
| draft → active (publish) → closed (close, or the job at endsAt); draft|active → cancelled.
*/
async function save(id: string, changes: Record<string, unknown>) {
  const { trx, organisationId } = tenant()
  const [row] = await trx
    .from('community_polls')
    .where('organisation_id', organisationId)
    .where('id', id)
    .update({ ...changes, updated_at: clock.nowDate() })
    .returning('*')
  return row
}

export async function publishPoll(ctx: HttpContext, actor: Actor, id: string) {
  const poll = await findPoll(actor, id, { forUpdate: true })
  if (poll.status !== 'draft')
    throw ApiError.invalidState(`A ${poll.status} poll cannot be published`)
  const now = clock.nowDate()
  if (poll.ends_at <= now) throw ApiError.invalidState('The poll ended before it was published')
  const row = await save(id, { status: 'active', published_at: now })
  await audit(ctx, {
    action: 'community.poll.publish',
    subjectType: 'community_poll',
    subjectId: id,
  })
  await notify({
    userIds: await userIdsOfBuildingOwners(poll.building_id),
    type: 'community.poll_opened',
    title: `Nouveau sondage / Nieuwe peiling: ${poll.question}`.slice(0, 300),
    body: poll.description,
    url: `/o/${ctx.organisation.slug}/polls?poll=${poll.id}`,
    data: { pollId: poll.id, buildingId: poll.building_id },
  })
  return row
}

export async function closePoll(ctx: HttpContext, actor: Actor, id: string) {
  const poll = await findPoll(actor, id, { forUpdate: true })
  if (poll.status !== 'active')
    throw ApiError.invalidState(`A ${poll.status} poll cannot be closed`)
  const row = await save(id, { status: 'closed', closed_at: clock.nowDate() })
  await audit(ctx, { action: 'community.poll.close', subjectType: 'community_poll', subjectId: id })
  return row
}

export async function cancelPoll(ctx: HttpContext, actor: Actor, id: string) {
  const poll = await findPoll(actor, id, { forUpdate: true })
  if (!['draft', 'active'].includes(poll.status))
    throw ApiError.invalidState(`A ${poll.status} poll cannot be cancelled`)
  const row = await save(id, { status: 'cancelled', closed_at: clock.nowDate() })
  await audit(ctx, {
    action: 'community.poll.cancel',
    subjectType: 'community_poll',
    subjectId: id,
  })
  return row
}

/** Job body: active polls whose endsAt passed are closed. Returns how many. */
export async function closeDuePolls(now: DateTime): Promise<number> {
  const { trx, organisationId } = tenant()
  const closed = await trx
    .from('community_polls')
    .where('organisation_id', organisationId)
    .where('status', 'active')
    .where('ends_at', '<=', now.toJSDate())
    .update({ status: 'closed', closed_at: now.toJSDate(), updated_at: now.toJSDate() })
    .returning('id')
  for (const { id } of closed) {
    await trx.table('audit_logs').insert({
      organisation_id: organisationId,
      action: 'community.poll.auto_close',
      subject_type: 'community_poll',
      subject_id: id,
      metadata: '{}',
    })
  }
  return closed.length
}
