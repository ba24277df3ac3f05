import type { HttpContext } from '@adonisjs/core/http'
import type { Infer } from '@vinejs/vine/types'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { clock } from '../shared/clock.js'
import { findBuilding, isUuid, tenant, type Actor } from '../shared/context.js'
import { iso, pageOf } from '../shared/format.js'
import { FieldErrors, optionalTimestamp, parseTimestamp } from '../shared/input.js'
import type { createPollValidator } from './poll_validator.js'
import { POLL_STATUSES } from './poll_validator.js'

type CreatePayload = Infer<typeof createPollValidator>

export async function findPoll(
  actor: Actor | null,
  id: unknown,
  opts: { forUpdate?: boolean } = {}
) {
  const { trx, organisationId } = tenant()
  if (!isUuid(id)) throw ApiError.notFound()
  const q = trx.from('community_polls').where('organisation_id', organisationId).where('id', id)
  if (opts.forUpdate) q.forUpdate()
  const row = await q.first()
  // Drafts are the syndic's work in progress: invisible to co-owners.
  if (!row || (actor && !actor.staff && row.status === 'draft')) throw ApiError.notFound()
  return row
}

export async function pollOptions(pollIds: string[]) {
  const { trx, organisationId } = tenant()
  if (!pollIds.length) return new Map<string, any[]>()
  const rows = await trx.rawQuery(
    `SELECT o.id, o.poll_id, o.label, o.position,
        (SELECT count(*)::int FROM community_poll_votes v
          WHERE v.organisation_id = o.organisation_id AND v.poll_id = o.poll_id AND o.id = ANY (v.option_ids)) AS votes
       FROM community_poll_options o
      WHERE o.organisation_id = ? AND o.poll_id = ANY (?::uuid[])
      ORDER BY o.poll_id, o.position`,
    [organisationId, pollIds]
  )
  const map = new Map<string, any[]>()
  for (const r of rows.rows) {
    const list = map.get(r.poll_id) ?? []
    list.push({ id: r.id, label: r.label, position: r.position, votes: r.votes })
    map.set(r.poll_id, list)
  }
  return map
}

/** Polls with options, counts, and whether the actor (as a co-owner) has voted. */
export async function serializePolls(actor: Actor, rows: any[]) {
  const { trx, organisationId } = tenant()
  const ids = rows.map((r) => r.id)
  const options = await pollOptions(ids)
  const totals = ids.length
    ? await trx
        .from('community_poll_participations')
        .where('organisation_id', organisationId)
        .whereIn('poll_id', ids)
        .groupBy('poll_id')
        .select('poll_id')
        .count('* as n')
    : []
  const voted =
    ids.length && actor.ownerIds.length
      ? await trx
          .from('community_poll_participations')
          .where('organisation_id', organisationId)
          .whereIn('poll_id', ids)
          .whereIn('owner_id', actor.ownerIds)
          .select('poll_id')
      : []
  const totalOf = new Map(totals.map((t: any) => [t.poll_id, Number(t.n)]))
  const votedSet = new Set(voted.map((v: any) => v.poll_id))
  return rows.map((p) => ({
    id: p.id,
    buildingId: p.building_id,
    question: p.question,
    description: p.description,
    type: p.type,
    allowMultiple: p.allow_multiple,
    anonymous: p.anonymous,
    status: p.status,
    startsAt: iso(p.starts_at),
    endsAt: iso(p.ends_at),
    publishedAt: iso(p.published_at),
    closedAt: iso(p.closed_at),
    createdAt: iso(p.created_at),
    updatedAt: iso(p.updated_at),
    options: options.get(p.id) ?? [],
    totalVotes: totalOf.get(p.id) ?? 0,
    hasVoted: votedSet.has(p.id),
  }))
}

export async function serializePoll(actor: Actor, row: any) {
  const [out] = await serializePolls(actor, [row])
  return out
}

const YES_NO = ['yes', 'no']

export async function createPoll(ctx: HttpContext, actor: Actor, payload: CreatePayload) {
  const { trx, organisationId } = tenant()
  const building = await findBuilding(payload.buildingId, 'buildingId')
  const errors = new FieldErrors()
  const now = clock.now()
  let startsAt = null as ReturnType<typeof optionalTimestamp>
  let endsAt = null as ReturnType<typeof optionalTimestamp>
  errors.try(() => (startsAt = optionalTimestamp(payload.startsAt, 'startsAt')))
  errors.try(() => (endsAt = parseTimestamp(payload.endsAt, 'endsAt')))
  if (endsAt && endsAt <= now) errors.add('endsAt', 'endsAt must be in the future')
  if (endsAt && startsAt && endsAt <= startsAt)
    errors.add('endsAt', 'endsAt must be after startsAt')
  const options = payload.options ?? []
  if (payload.type === 'multiple_choice') {
    if (options.length < 2) errors.add('options', 'A multiple-choice poll needs at least 2 options')
    else if (new Set(options.map((o) => o.toLowerCase())).size !== options.length)
      errors.add('options', 'Options must be distinct')
  } else if (options.length) {
    errors.add('options', `A ${payload.type} poll has no custom options`)
  }
  if (payload.allowMultiple && payload.type !== 'multiple_choice')
    errors.add('allowMultiple', 'Only multiple-choice polls allow several answers')
  errors.throwIfAny()

  const [poll] = await trx
    .table('community_polls')
    .insert({
      organisation_id: organisationId,
      building_id: building.id,
      question: payload.question,
      description: payload.description ?? null,
      type: payload.type,
      allow_multiple: payload.allowMultiple ?? false,
      anonymous: payload.anonymous ?? false,
      status: 'draft',
      starts_at: startsAt ? (startsAt as any).toJSDate() : null,
      ends_at: (endsAt as any).toJSDate(),
      created_by: actor.userId,
    })
    .returning('*')
  const labels =
    payload.type === 'yes_no' ? YES_NO : payload.type === 'multiple_choice' ? options : []
  if (labels.length) {
    await trx.table('community_poll_options').multiInsert(
      labels.map((label, position) => ({
        organisation_id: organisationId,
        poll_id: poll.id,
        label,
        position,
      }))
    )
  }
  await audit(ctx, {
    action: 'community.poll.create',
    subjectType: 'community_poll',
    subjectId: poll.id,
    metadata: { type: poll.type, anonymous: poll.anonymous, buildingId: building.id },
  })
  return poll
}

export async function deletePoll(ctx: HttpContext, actor: Actor, id: string) {
  const { trx, organisationId } = tenant()
  const poll = await findPoll(actor, id, { forUpdate: true })
  if (poll.status !== 'draft') throw ApiError.invalidState('Only a draft poll can be deleted')
  await trx
    .from('community_poll_options')
    .where('organisation_id', organisationId)
    .where('poll_id', id)
    .delete()
  await trx
    .from('community_polls')
    .where('organisation_id', organisationId)
    .where('id', id)
    .delete()
  await audit(ctx, {
    action: 'community.poll.delete',
    subjectType: 'community_poll',
    subjectId: id,
  })
}

export async function listPolls(
  ctx: HttpContext,
  actor: Actor,
  buildingId: string,
  status?: string
) {
  const { trx, organisationId } = tenant()
  await findBuilding(buildingId)
  if (status !== undefined && !(POLL_STATUSES as readonly string[]).includes(status))
    throw ApiError.notFound()
  const q = trx
    .from('community_polls')
    .where('organisation_id', organisationId)
    .where('building_id', buildingId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
  const qsStatus = ctx.request.qs().status
  const wanted = status ?? (qsStatus || undefined)
  if (wanted !== undefined) {
    if (!(POLL_STATUSES as readonly string[]).includes(wanted))
      throw ApiError.validation('status', `status must be one of ${POLL_STATUSES.join(', ')}`)
    q.where('status', wanted)
  }
  if (!actor.staff) q.whereNot('status', 'draft')
  const page = await pageOf(ctx, q, (r) => r)
  return { ...page, data: await serializePolls(actor, page.data) }
}
