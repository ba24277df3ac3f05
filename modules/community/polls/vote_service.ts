import type { HttpContext } from '@adonisjs/core/http'
import type { Infer } from '@vinejs/vine/types'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { clock } from '../shared/clock.js'
import {
  activeOwnersOfBuildingSql,
  ownerNames,
  ownsUnitInBuilding,
  resolveOwner,
  tenant,
  type Actor,
} from '../shared/context.js'
import { iso, pageOf, pgCode } from '../shared/format.js'
import { FieldErrors } from '../shared/input.js'
import { findPoll, pollOptions } from './poll_service.js'
import type { voteValidator } from './poll_validator.js'

type VotePayload = Infer<typeof voteValidator>

/** The owner record voting: the named one (staff on behalf), else the actor's record in the building. */
async function voterOf(actor: Actor, poll: any, ownerId: string | null | undefined) {
  if (ownerId) return resolveOwner(actor, ownerId)
  for (const id of actor.ownerIds) if (await ownsUnitInBuilding(id, poll.building_id)) return id
  return resolveOwner(actor, null)
}

function ballotOf(poll: any, optionIds: string[], payload: VotePayload) {
  const errors = new FieldErrors()
  const chosen = payload.optionIds ?? []
  const ballot = {
    option_ids: [] as string[],
    rating: null as number | null,
    text: null as string | null,
  }
  if (poll.type === 'yes_no' || poll.type === 'multiple_choice') {
    const multiple = poll.type === 'multiple_choice' && poll.allow_multiple
    if (chosen.length === 0) errors.add('optionIds', 'Choose an option')
    else if (!multiple && chosen.length > 1) errors.add('optionIds', 'Choose exactly one option')
    else if (new Set(chosen).size !== chosen.length)
      errors.add('optionIds', 'Options must be distinct')
    else if (chosen.some((id) => !optionIds.includes(id)))
      errors.add('optionIds', 'Unknown option for this poll')
    if (payload.rating !== undefined) errors.add('rating', 'This poll takes no rating')
    ballot.option_ids = chosen
  } else if (poll.type === 'rating') {
    if (payload.rating === undefined) errors.add('rating', 'A rating from 1 to 5 is required')
    if (chosen.length) errors.add('optionIds', 'This poll has no options')
    ballot.rating = payload.rating ?? null
  } else {
    if (!payload.text) errors.add('text', 'An answer is required')
    if (chosen.length) errors.add('optionIds', 'This poll has no options')
    ballot.text = payload.text ?? null
  }
  if (poll.type !== 'open_ended' && payload.text) ballot.text = payload.text
  errors.throwIfAny()
  return ballot
}

/**
 * One vote per owner per poll. The participation row (poll, owner) is the uniqueness
 * guard (primary key: concurrent votes of one owner → one row, the others 409). The
 * ballot row carries the owner only on non-anonymous polls and, on anonymous ones,
 * neither the owner nor a timestamp, so nobody (admins included) can link a choice to a
 * person.
 */
export async function castVote(
  ctx: HttpContext,
  actor: Actor,
  pollId: string,
  payload: VotePayload
) {
  const { trx, organisationId } = tenant()
  const poll = await findPoll(actor, pollId)
  const now = clock.nowDate()
  if (poll.status !== 'active')
    throw ApiError.invalidState(`Voting is closed: the poll is ${poll.status}`)
  if (poll.starts_at && poll.starts_at > now)
    throw ApiError.invalidState('Voting has not started yet')
  if (poll.ends_at <= now) throw ApiError.invalidState('Voting has ended')
  const optionsByPoll = await pollOptions([poll.id])
  const options = optionsByPoll.get(poll.id) ?? []
  const ballot = ballotOf(
    poll,
    options.map((o) => o.id),
    payload
  )
  const ownerId = await voterOf(actor, poll, payload.ownerId)
  if (!(await ownsUnitInBuilding(ownerId, poll.building_id)))
    throw ApiError.forbidden('Only co-owners of a unit in this building may vote')

  try {
    await trx.table('community_poll_participations').insert({
      organisation_id: organisationId,
      poll_id: poll.id,
      owner_id: ownerId,
    })
  } catch (error) {
    if (pgCode(error) === '23505')
      throw ApiError.conflict('This co-owner has already voted in this poll')
    throw error
  }
  const [vote] = await trx
    .table('community_poll_votes')
    .insert({
      organisation_id: organisationId,
      poll_id: poll.id,
      owner_id: poll.anonymous ? null : ownerId,
      option_ids: ballot.option_ids,
      rating: ballot.rating,
      text: ballot.text,
      created_at: poll.anonymous ? null : now,
    })
    .returning('id')
  // The audit entry names the poll, not the choice (nor, for anonymous polls, the vote row).
  await audit(ctx, {
    action: 'community.poll.vote',
    subjectType: 'community_poll',
    subjectId: poll.id,
    metadata: poll.anonymous ? { anonymous: true } : { voteId: vote.id, ownerId },
  })
  return {
    pollId: poll.id,
    voted: true,
    ...(poll.anonymous
      ? {}
      : {
          vote: {
            id: vote.id,
            optionIds: ballot.option_ids,
            rating: ballot.rating,
            text: ballot.text,
          },
        }),
  }
}

/** Staff: the ballots; on anonymous polls never who cast them. */
export async function listVotes(ctx: HttpContext, actor: Actor, pollId: string) {
  const { trx, organisationId } = tenant()
  const poll = await findPoll(actor, pollId)
  const q = trx
    .from('community_poll_votes')
    .where('organisation_id', organisationId)
    .where('poll_id', poll.id)
    // Anonymous ballots are listed in a content order, never in insertion order.
    .orderByRaw(
      poll.anonymous ? 'rating NULLS LAST, text NULLS LAST, option_ids, id' : 'created_at, id'
    )
  const page = await pageOf(ctx, q, (r) => r)
  const names = poll.anonymous ? new Map() : await ownerNames(page.data.map((v: any) => v.owner_id))
  return {
    ...page,
    anonymous: poll.anonymous,
    data: page.data.map((v: any) => ({
      id: poll.anonymous ? null : v.id,
      optionIds: v.option_ids,
      rating: v.rating,
      text: v.text,
      ownerId: poll.anonymous ? null : v.owner_id,
      ownerName: poll.anonymous ? null : (names.get(v.owner_id) ?? null),
      createdAt: poll.anonymous ? null : iso(v.created_at),
    })),
  }
}

export function pct(part: number, whole: number) {
  return whole > 0 ? ((part / whole) * 100).toFixed(2) : '0.00'
}

/** Totals, percentages (of ballots), winner (null on a tie or no vote), rating, participation. */
export async function pollResults(actor: Actor, pollId: unknown) {
  const { trx, organisationId } = tenant()
  const poll = await findPoll(actor, pollId)
  const optionsByPoll = await pollOptions([poll.id])
  const options = optionsByPoll.get(poll.id) ?? []
  const agg = await trx.rawQuery(
    `SELECT count(*)::int AS ballots, avg(rating)::float AS avg_rating
       FROM community_poll_votes WHERE organisation_id = ? AND poll_id = ?`,
    [organisationId, poll.id]
  )
  const { ballots, avg_rating: avgRating } = agg.rows[0]
  const byRating = await trx.rawQuery(
    `SELECT rating, count(*)::int AS n FROM community_poll_votes
      WHERE organisation_id = ? AND poll_id = ? AND rating IS NOT NULL GROUP BY rating`,
    [organisationId, poll.id]
  )
  const eligible = await trx.rawQuery(
    `SELECT count(*)::int AS n FROM (${activeOwnersOfBuildingSql()}) e`,
    [organisationId, poll.building_id]
  )
  const voters = await trx
    .from('community_poll_participations')
    .where('organisation_id', organisationId)
    .where('poll_id', poll.id)
    .count('* as n')
  const eligibleOwners = eligible.rows[0].n as number
  const voterCount = Number(voters[0].n)
  const max = Math.max(0, ...options.map((o) => o.votes))
  const leaders = options.filter((o) => o.votes === max && max > 0)
  let texts: string[] | undefined
  if (poll.type === 'open_ended') {
    const answers = await trx
      .from('community_poll_votes')
      .where('organisation_id', organisationId)
      .where('poll_id', poll.id)
      .orderBy('text')
      .limit(500)
      .select('text')
    texts = answers.map((r: any) => r.text)
  }
  const distribution: Record<string, number> = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 }
  for (const r of byRating.rows) distribution[String(r.rating)] = r.n
  return {
    pollId: poll.id,
    type: poll.type,
    status: poll.status,
    anonymous: poll.anonymous,
    totalVotes: ballots as number,
    options: options.map((o) => ({
      optionId: o.id,
      label: o.label,
      votes: o.votes,
      percentage: pct(o.votes, ballots),
    })),
    winner:
      leaders.length === 1
        ? { optionId: leaders[0].id, label: leaders[0].label, votes: max }
        : null,
    tie: leaders.length > 1,
    averageRating:
      poll.type === 'rating' && avgRating !== null ? Number(avgRating).toFixed(2) : null,
    ratingDistribution: poll.type === 'rating' ? distribution : undefined,
    answers: texts,
    voters: voterCount,
    eligibleOwners,
    participationRate: pct(voterCount, eligibleOwners),
  }
}
