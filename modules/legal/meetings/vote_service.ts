import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import {
  buildingVotes,
  findOr404,
  insertRow,
  iso,
  participants,
  q,
  updateRow,
  UUID_RE,
  viewerOwner,
} from './meeting_common.js'
import { attendanceOf, findMeeting, serializeMeeting } from './meeting_service.js'
import {
  GENESIS,
  tally,
  verifyChain,
  voteReceipt,
  type Choice,
  type Tally,
} from './meeting_rules.js'
import { publishMeetingEvent } from './live_events.js'

/*
| Resolutions and the vote ledger. A vote is one row per unit (its quota), cast by the
| unit's representative or their proxy holder; rows are append-only for the app role and
| chained: receipt = SHA-256(previous receipt of the meeting | resolution | unit | choice |
| votes | timestamp). The meeting row is locked while a vote is appended, so the chain of
| a meeting is strictly sequential (seq).
*/

export function serializeResolution(r: any, agendaItem?: any) {
  return {
    id: r.id,
    meetingId: r.meeting_id,
    agendaItemId: r.agenda_item_id,
    title: agendaItem?.title ?? undefined,
    majority: r.majority,
    status: r.status,
    adopted: r.adopted,
    result: r.result,
    openedAt: iso(r.opened_at),
    closedAt: iso(r.closed_at),
  }
}

function serializeVote(v: any) {
  return {
    id: v.id,
    resolutionId: v.resolution_id,
    seq: v.seq,
    unitId: v.unit_id,
    ownerId: v.owner_id,
    castByOwnerId: v.cast_by_owner_id,
    channel: v.channel,
    choice: v.choice,
    votes: v.votes,
    castAt: iso(v.cast_at),
    previousReceipt: v.previous_receipt,
    receipt: v.receipt,
  }
}

export async function openResolution(
  ctx: HttpContext,
  meetingId: string,
  body: { agendaItemId: string }
) {
  const meeting = await findMeeting(ctx, meetingId, true)
  if (meeting.status !== 'open')
    throw ApiError.invalidState(
      `Resolutions are voted in an open meeting (meeting is ${meeting.status})`
    )
  const item = UUID_RE.test(body.agendaItemId)
    ? await q('legal_agenda_items')
        .where('id', body.agendaItemId)
        .where('meeting_id', meetingId)
        .first()
    : null
  if (!item) throw ApiError.validation('agendaItemId', 'Not an item of this meeting’s agenda')
  if (await q('legal_resolutions').where('agenda_item_id', item.id).first()) {
    throw ApiError.conflict('This agenda item was already put to the vote', 'agendaItemId')
  }
  if (await q('legal_resolutions').where('meeting_id', meetingId).where('status', 'open').first()) {
    throw ApiError.invalidState('Close the current resolution before opening the next one')
  }
  const row = await insertRow('legal_resolutions', {
    meeting_id: meetingId,
    agenda_item_id: item.id,
    majority: item.majority,
  })
  await audit(ctx, {
    action: 'legal.resolution.opened',
    subjectType: 'legal_resolution',
    subjectId: row.id,
    metadata: { meetingId, agendaItemId: item.id },
  })
  publishMeetingEvent(meetingId, { type: 'resolution', resolutionId: row.id, status: 'open' })
  return serializeResolution(row, item)
}

export async function listResolutions(ctx: HttpContext, meetingId: string) {
  await findMeeting(ctx, meetingId)
  const rows = await q('legal_resolutions')
    .join('legal_agenda_items', (j) => {
      j.on('legal_agenda_items.id', 'legal_resolutions.agenda_item_id').andOn(
        'legal_agenda_items.organisation_id',
        'legal_resolutions.organisation_id'
      )
    })
    .where('legal_resolutions.meeting_id', meetingId)
    .orderBy('legal_agenda_items.position')
    .select('legal_resolutions.*', 'legal_agenda_items.title')
  return { data: rows.map((r: any) => serializeResolution(r, r)) }
}

/** Who attends and with which weight (proxies folded into their holder) — the vote-cap base. */
async function voterMap(meeting: any) {
  const people = await participants(meeting.building_id, meeting.id)
  const attendance = await attendanceOf(meeting)
  const holderKey = new Map<string, string>()
  const weights = new Map<string, number>()
  for (const a of attendance) {
    if (a.status === 'absent') continue
    const key =
      a.status === 'represented' && a.proxy
        ? (a.proxy.holderOwnerId ?? `name:${String(a.proxy.holderName).toLowerCase()}`)
        : a.ownerId
    holderKey.set(a.ownerId, key)
    weights.set(key, (weights.get(key) ?? 0) + a.votes)
  }
  return { people, attendance, holderKey, weights }
}

export async function liveTally(meeting: any, resolution: any): Promise<Tally> {
  const { holderKey, weights } = await voterMap(meeting)
  const votes = await q('legal_votes').where('resolution_id', resolution.id)
  return tally({
    majority: resolution.majority,
    ballots: votes.map((v: any) => ({
      voterKey: holderKey.get(v.owner_id) ?? v.owner_id,
      choice: v.choice,
      votes: v.votes,
    })),
    attendingWeights: weights,
    totalVotes: await buildingVotes(meeting.building_id),
  })
}

/**
 * Casts the vote of one co-owner (all the units they represent). Staff record votes in the
 * room for any co-owner present or represented; a co-owner votes remotely for themselves
 * or for a co-owner whose proxy they hold.
 */
export async function castVote(
  ctx: HttpContext,
  resolutionId: string,
  body: { ownerId?: string; choice: Choice }
) {
  const resolution0 = await findOr404('legal_resolutions', resolutionId, 'Resolution')
  const meeting = await findMeeting(ctx, resolution0.meeting_id, true) // serialises the chain
  const resolution = await findOr404('legal_resolutions', resolutionId, 'Resolution', true)
  if (resolution.status !== 'open')
    throw ApiError.invalidState('This resolution is closed: no more votes')
  // Only the syndic's side records votes for the room; anyone else votes as a co-owner.
  const viewer = ['admin', 'syndic'].includes(ctx.membership.role) ? null : await coOwnerOf(ctx)
  const ownerId = body.ownerId ?? viewer?.id
  if (!ownerId) throw ApiError.validation('ownerId', 'Give the co-owner who votes')
  const { attendance, people } = await voterMap(meeting)
  const person = people.find((p) => p.ownerId === ownerId)
  if (!person) throw ApiError.validation('ownerId', 'Not a voting co-owner of this building')
  const att = attendance.find((a) => a.ownerId === ownerId)!
  if (att.status === 'absent')
    throw ApiError.validation('ownerId', 'This co-owner is neither present nor represented')
  let castBy: string | null = null
  if (viewer) {
    const holdsProxy = att.status === 'represented' && att.proxy?.holderOwnerId === viewer.id
    if (ownerId !== viewer.id && !holdsProxy)
      throw ApiError.forbidden('You can only vote for yourself or a co-owner whose proxy you hold')
    if (ownerId === viewer.id && att.status !== 'present')
      throw ApiError.validation('ownerId', 'You are represented by a proxy holder for this meeting')
    castBy = holdsProxy ? viewer.id : null
  } else if (att.status === 'represented') {
    castBy = att.proxy?.holderOwnerId ?? null
  }
  const unitIds = person.units.map((u) => u.unitId)
  const dup = await q('legal_votes')
    .where('resolution_id', resolutionId)
    .whereIn('unit_id', unitIds)
    .first()
  if (dup) throw ApiError.conflict('This co-owner already voted on this resolution', 'ownerId')

  const last = await q('legal_votes').where('meeting_id', meeting.id).orderBy('seq', 'desc').first()
  let previous = last?.receipt ?? GENESIS
  let seq = Number(last?.seq ?? 0)
  const castAt = new Date()
  castAt.setMilliseconds(castAt.getMilliseconds()) // ms precision is what PostgreSQL keeps and we hash
  const castAtIso = castAt.toISOString()
  const rows = []
  for (const unit of person.units) {
    const receipt = voteReceipt({
      previousReceipt: previous,
      resolutionId,
      unitId: unit.unitId,
      choice: body.choice,
      votes: unit.quota,
      castAt: castAtIso,
    })
    rows.push(
      await insertRow('legal_votes', {
        meeting_id: meeting.id,
        resolution_id: resolutionId,
        seq: ++seq,
        unit_id: unit.unitId,
        owner_id: ownerId,
        cast_by_owner_id: castBy,
        recorded_by: viewer ? null : (ctx.auth.user?.id ?? null),
        channel: viewer ? 'remote' : 'room',
        choice: body.choice,
        votes: unit.quota,
        cast_at: castAt,
        previous_receipt: previous,
        receipt,
      })
    )
    previous = receipt
  }
  await audit(ctx, {
    action: 'legal.vote.cast',
    subjectType: 'legal_resolution',
    subjectId: resolutionId,
    metadata: {
      ownerId,
      units: unitIds.length,
      channel: viewer ? 'remote' : 'room',
      receipt: previous,
    },
  })
  const current = await liveTally(meeting, resolution)
  publishMeetingEvent(meeting.id, { type: 'tally', resolutionId, tally: current })
  return { votes: rows.map(serializeVote), tally: current }
}

async function coOwnerOf(ctx: HttpContext) {
  const row = await q('owners').where('user_id', ctx.auth.user!.id).first()
  if (!row) throw ApiError.forbidden('Only co-owners vote remotely')
  return row as any
}

export async function listVotes(ctx: HttpContext, resolutionId: string) {
  const resolution = await findOr404('legal_resolutions', resolutionId, 'Resolution')
  const meeting = await findMeeting(ctx, resolution.meeting_id)
  const viewer = await viewerOwner(ctx)
  const query = q('legal_votes').where('resolution_id', resolutionId).orderBy('seq')
  if (viewer)
    query.where((w) => w.where('owner_id', viewer.id).orWhere('cast_by_owner_id', viewer.id))
  const rows = await query
  return {
    data: rows.map(serializeVote),
    tally: await liveTally(meeting, resolution),
    resolution: serializeResolution(resolution),
  }
}

/** Closes the vote: the result (with capped figures) is computed once and frozen. */
export async function closeResolution(ctx: HttpContext, resolutionId: string) {
  const resolution0 = await findOr404('legal_resolutions', resolutionId, 'Resolution')
  const meeting = await findMeeting(ctx, resolution0.meeting_id, true)
  const resolution = await findOr404('legal_resolutions', resolutionId, 'Resolution', true)
  if (resolution.status !== 'open') throw ApiError.invalidState('This resolution is already closed')
  const result = await liveTally(meeting, resolution)
  const people = await participants(meeting.building_id, meeting.id)
  const names = new Map(people.map((p) => [p.ownerId, p.name]))
  const votes = await q('legal_votes').where('resolution_id', resolutionId)
  const namesFor = (choice: string) =>
    [
      ...new Set(
        votes
          .filter((v: any) => v.choice === choice)
          .map((v: any) => names.get(v.owner_id) ?? v.owner_id)
      ),
    ].sort()
  const frozen = {
    ...result,
    capped: result.capped.map((c) => ({ ...c, name: names.get(c.voterKey) ?? c.voterKey })),
    against: namesFor('no'),
    abstained: namesFor('abstain'),
  }
  const row = await updateRow('legal_resolutions', resolutionId, {
    status: 'closed',
    result: JSON.stringify(frozen),
    adopted: result.adopted,
    closed_at: new Date(),
  })
  await audit(ctx, {
    action: 'legal.resolution.closed',
    subjectType: 'legal_resolution',
    subjectId: resolutionId,
    metadata: { adopted: result.adopted, yes: result.yes, no: result.no, abstain: result.abstain },
  })
  publishMeetingEvent(meeting.id, {
    type: 'resolution',
    resolutionId,
    status: 'closed',
    tally: frozen,
  })
  return serializeResolution(row)
}

async function chainRows(meetingId: string) {
  const rows = await q('legal_votes').where('meeting_id', meetingId).orderBy('seq')
  return rows.map((v: any) => ({
    id: v.id,
    seq: v.seq,
    resolutionId: v.resolution_id,
    unitId: v.unit_id,
    choice: v.choice,
    votes: v.votes,
    castAt: new Date(v.cast_at).toISOString(),
    previousReceipt: v.previous_receipt,
    receipt: v.receipt,
  }))
}

export async function verifyMeetingChain(meetingId: string) {
  return verifyChain(await chainRows(meetingId))
}

export async function voteChain(ctx: HttpContext, meetingId: string) {
  const meeting = await findMeeting(ctx, meetingId)
  const result = await verifyMeetingChain(meetingId)
  const viewer = await viewerOwner(ctx)
  const mineRows = viewer
    ? await q('legal_votes')
        .where('meeting_id', meetingId)
        .where((w) => w.where('owner_id', viewer.id).orWhere('cast_by_owner_id', viewer.id))
        .orderBy('seq')
    : null
  const mine = mineRows ? mineRows.map(serializeVote) : undefined
  return {
    meetingId,
    holds: result.valid,
    votes: result.count,
    digest: result.digest,
    finalDigest: meeting.final_digest,
    brokenAt: result.brokenAt,
    ...(mine ? { myReceipts: mine } : {}),
  }
}

/** Ends the meeting: no open resolution left; the final chain digest is recorded. */
export async function closeMeeting(ctx: HttpContext, meetingId: string) {
  const meeting = await findMeeting(ctx, meetingId, true)
  if (meeting.status !== 'open')
    throw ApiError.invalidState(`Only an open meeting can be closed (meeting is ${meeting.status})`)
  if (await q('legal_resolutions').where('meeting_id', meetingId).where('status', 'open').first()) {
    throw ApiError.invalidState('Close the current resolution first')
  }
  const chain = await verifyMeetingChain(meetingId)
  const row = await updateRow('legal_meetings', meetingId, {
    status: 'closed',
    closed_at: new Date(),
    final_digest: chain.digest,
  })
  await audit(ctx, {
    action: 'legal.meeting.closed',
    subjectType: 'legal_meeting',
    subjectId: meetingId,
    metadata: { digest: chain.digest, votes: chain.count },
  })
  publishMeetingEvent(meetingId, { type: 'status', status: 'closed' })
  return serializeMeeting(row)
}
