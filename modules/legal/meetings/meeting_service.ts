import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { currentTenant } from '#tenancy/tenant_context'
import { assertBuildingExists } from '#services/building_service'
import { pageParams } from '#services/pagination'
import {
  buildingVotes,
  findOr404,
  insertRow,
  iso,
  participants,
  q,
  STAFF_ROLES,
  updateRow,
  UUID_RE,
  viewerOwner,
} from './meeting_common.js'
import {
  checkProxy,
  computeQuorum,
  CONVOCATION_MIN_DAYS,
  daysBetween,
  SECOND_MEETING_MIN_DAYS,
  type Majority,
} from './meeting_rules.js'
import { publishMeetingEvent } from './live_events.js'

/*
| Meetings, agenda, attendance, proxies and the opening (quorum). Every write audits and
| runs in the request's tenant transaction; state changes lock the meeting row.
*/

export function serializeMeeting(m: any) {
  return {
    id: m.id,
    buildingId: m.building_id,
    kind: m.kind,
    title: m.title,
    scheduledAt: iso(m.scheduled_at),
    place: m.place,
    videoUrl: m.video_url,
    status: m.status,
    firstMeetingId: m.first_meeting_id,
    quorumRequired: m.quorum_required,
    quorum: m.quorum,
    convenedAt: iso(m.convened_at),
    openedAt: iso(m.opened_at),
    closedAt: iso(m.closed_at),
    minutesSentAt: iso(m.minutes_sent_at),
    minutesOverdue:
      m.status === 'closed' && !m.minutes_sent_at && m.closed_at
        ? daysBetween(new Date(m.closed_at), new Date()) > 30
        : false,
    finalDigest: m.final_digest,
    createdAt: iso(m.created_at),
  }
}

export function serializeItem(i: any, documentIds: string[] = []) {
  return {
    id: i.id,
    meetingId: i.meeting_id,
    position: i.position,
    title: i.title,
    description: i.description,
    majority: i.majority,
    proposedByOwnerId: i.proposed_by_owner_id,
    documentIds,
  }
}

/** A meeting visible to the viewer: staff see all; a co-owner only their buildings'. */
export async function findMeeting(ctx: HttpContext | null, id: string, lock = false) {
  const meeting = await findOr404('legal_meetings', id, 'Meeting', lock)
  if (ctx) await assertBuildingVisible(ctx, meeting.building_id)
  return meeting
}

export async function assertBuildingVisible(ctx: HttpContext, buildingId: string) {
  const owner = await viewerOwner(ctx)
  if (!owner) return
  const hasUnit = await q('unit_owners')
    .join('units', (j) => {
      j.on('units.id', 'unit_owners.unit_id').andOn(
        'units.organisation_id',
        'unit_owners.organisation_id'
      )
    })
    .where('unit_owners.owner_id', owner.id)
    .where('units.building_id', buildingId)
    .first()
  if (!hasUnit) throw ApiError.notFound('Meeting not found')
}

export async function listMeetings(ctx: HttpContext, buildingId: string) {
  await assertBuildingExists(buildingId)
  await assertBuildingVisible(ctx, buildingId)
  const { page, perPage } = pageParams(ctx)
  const base = q('legal_meetings').where('building_id', buildingId)
  const status = ctx.request.input('status')
  if (typeof status === 'string' && status) base.where('status', status)
  const total = Number(((await base.clone().count('* as n').first()) as any).n)
  const rows = await base
    .orderBy('scheduled_at', 'desc')
    .orderBy('id')
    .limit(perPage)
    .offset((page - 1) * perPage)
  return {
    data: rows.map(serializeMeeting),
    meta: { total, perPage, currentPage: page, lastPage: Math.max(1, Math.ceil(total / perPage)) },
  }
}

export interface MeetingPayload {
  kind?: 'ordinary' | 'extraordinary'
  title?: string
  scheduledAt?: Date
  place?: string | null
  videoUrl?: string | null
  requestIds?: string[]
}

export async function createMeeting(ctx: HttpContext, buildingId: string, p: MeetingPayload) {
  await assertBuildingExists(buildingId)
  if (!p.place && !p.videoUrl)
    throw ApiError.validation('place', 'Give a place, a video link, or both')
  const row = await insertRow('legal_meetings', {
    building_id: buildingId,
    kind: p.kind,
    title: p.title,
    scheduled_at: p.scheduledAt,
    place: p.place ?? null,
    video_url: p.videoUrl ?? null,
    created_by: ctx.auth.user?.id ?? null,
  })
  // Convening an extraordinary meeting fulfils the pending requests of the building.
  if (p.kind === 'extraordinary') {
    await q('legal_meeting_requests')
      .where('building_id', buildingId)
      .whereNull('meeting_id')
      .update({ meeting_id: row.id, updated_at: new Date() })
  }
  await audit(ctx, {
    action: 'legal.meeting.created',
    subjectType: 'legal_meeting',
    subjectId: row.id,
    metadata: { buildingId, kind: p.kind },
  })
  return serializeMeeting(row)
}

export async function updateMeeting(ctx: HttpContext, id: string, p: MeetingPayload) {
  const meeting = await findMeeting(ctx, id, true)
  if (meeting.status !== 'draft')
    throw ApiError.invalidState('Only a draft meeting can be edited (convocations are sent)')
  const changes: Record<string, unknown> = {}
  if (p.kind !== undefined) changes.kind = p.kind
  if (p.title !== undefined) changes.title = p.title
  if (p.scheduledAt !== undefined) changes.scheduled_at = p.scheduledAt
  if (p.place !== undefined) changes.place = p.place
  if (p.videoUrl !== undefined) changes.video_url = p.videoUrl
  const next = { ...meeting, ...changes }
  if (!next.place && !next.video_url)
    throw ApiError.validation('place', 'Give a place, a video link, or both')
  const row = await updateRow('legal_meetings', id, changes)
  await audit(ctx, {
    action: 'legal.meeting.updated',
    subjectType: 'legal_meeting',
    subjectId: id,
    metadata: { fields: Object.keys(changes) },
  })
  return serializeMeeting(row)
}

export async function cancelMeeting(ctx: HttpContext, id: string) {
  const meeting = await findMeeting(ctx, id, true)
  if (!['draft', 'convened'].includes(meeting.status)) {
    throw ApiError.invalidState(`A ${meeting.status} meeting cannot be cancelled`)
  }
  const row = await updateRow('legal_meetings', id, { status: 'cancelled' })
  await audit(ctx, {
    action: 'legal.meeting.cancelled',
    subjectType: 'legal_meeting',
    subjectId: id,
  })
  return serializeMeeting(row)
}

async function documentIdsByItem(itemIds: string[]) {
  const map = new Map<string, string[]>()
  if (itemIds.length === 0) return map
  const rows = await q('legal_agenda_item_documents')
    .whereIn('agenda_item_id', itemIds)
    .orderBy('created_at')
  for (const r of rows as any[])
    map.set(r.agenda_item_id, [...(map.get(r.agenda_item_id) ?? []), r.document_id])
  return map
}

export async function agendaOf(meetingId: string) {
  const items = await q('legal_agenda_items').where('meeting_id', meetingId).orderBy('position')
  const docs = await documentIdsByItem(items.map((i: any) => i.id))
  return items.map((i: any) => serializeItem(i, docs.get(i.id) ?? []))
}

export async function showMeeting(ctx: HttpContext, id: string) {
  const meeting = await findMeeting(ctx, id)
  const resolutions = await q('legal_resolutions').where('meeting_id', id).orderBy('opened_at')
  return {
    ...serializeMeeting(meeting),
    agendaItems: await agendaOf(id),
    resolutions: resolutions.map((r: any) => ({
      id: r.id,
      agendaItemId: r.agenda_item_id,
      majority: r.majority,
      status: r.status,
      adopted: r.adopted,
      result: r.result,
    })),
  }
}

export interface AgendaPayload {
  title: string
  description?: string | null
  majority?: Majority
  documentIds?: string[]
}

/** Staff add items until convocations go out; co-owners propose theirs until then too. */
export async function addAgendaItem(ctx: HttpContext, meetingId: string, p: AgendaPayload) {
  const meeting = await findMeeting(ctx, meetingId, true)
  if (meeting.status !== 'draft') {
    throw ApiError.invalidState('Agenda items can only be added before the convocations are sent')
  }
  const proposer = await viewerOwner(ctx)
  const documentIds = [...new Set(p.documentIds ?? [])]
  if (proposer && documentIds.length)
    throw ApiError.validation('documentIds', 'Co-owners cannot attach documents')
  for (const [i, docId] of documentIds.entries()) {
    const doc = UUID_RE.test(docId) ? await q('documents').where('id', docId).first() : null
    if (!doc || (doc.building_id && doc.building_id !== meeting.building_id)) {
      throw ApiError.validation(`documentIds.${i}`, 'Unknown document')
    }
  }
  const last = await q('legal_agenda_items')
    .where('meeting_id', meetingId)
    .max('position as p')
    .first()
  const row = await insertRow('legal_agenda_items', {
    meeting_id: meetingId,
    position: Number((last as any)?.p ?? 0) + 1,
    title: p.title,
    description: p.description ?? null,
    majority: p.majority ?? 'absolute',
    proposed_by_owner_id: proposer?.id ?? null,
  })
  for (const docId of documentIds) {
    await insertRow('legal_agenda_item_documents', { agenda_item_id: row.id, document_id: docId })
  }
  await audit(ctx, {
    action: proposer ? 'legal.agenda_item.proposed' : 'legal.agenda_item.created',
    subjectType: 'legal_agenda_item',
    subjectId: row.id,
    metadata: { meetingId, majority: row.majority, documents: documentIds.length },
  })
  return serializeItem(row, documentIds)
}

// ------------------------------------------------------------------ attendance & proxies

export async function attendanceOf(meeting: any) {
  const people = await participants(meeting.building_id, meeting.id)
  const rows = await q('legal_meeting_attendance').where('meeting_id', meeting.id)
  const proxies = await q('legal_meeting_proxies').where('meeting_id', meeting.id)
  const status = new Map(rows.map((r: any) => [r.owner_id, r]))
  const proxyOf = new Map(proxies.map((p: any) => [p.grantor_owner_id, p]))
  const names = new Map(people.map((p) => [p.ownerId, p.name]))
  return people.map((p) => {
    const a: any = status.get(p.ownerId)
    const proxy: any = proxyOf.get(p.ownerId)
    return {
      ownerId: p.ownerId,
      name: p.name,
      units: p.units.map((u) => u.number),
      votes: p.votes,
      status: (a?.status ?? 'absent') as 'present' | 'represented' | 'absent',
      recorded: Boolean(a),
      remote: a?.remote ?? false,
      proxy: proxy
        ? {
            id: proxy.id,
            holderOwnerId: proxy.holder_owner_id,
            holderName: proxy.holder_owner_id
              ? (names.get(proxy.holder_owner_id) ?? null)
              : proxy.holder_name,
          }
        : null,
    }
  })
}

export async function quorumOf(meeting: any) {
  const list = await attendanceOf(meeting)
  const attending = list.filter((a) => a.status !== 'absent')
  return computeQuorum({
    totalOwners: list.length,
    totalVotes: await buildingVotes(meeting.building_id),
    attendingOwners: attending.length,
    attendingVotes: attending.reduce((s, a) => s + a.votes, 0),
  })
}

function assertAttendanceOpen(meeting: any) {
  if (!['convened', 'open'].includes(meeting.status)) {
    throw ApiError.invalidState(
      `Attendance is recorded once convened and until the meeting ends (meeting is ${meeting.status})`
    )
  }
}

async function participantOr422(meeting: any, ownerId: string, field: string) {
  const people = await participants(meeting.building_id, meeting.id)
  const p = people.find((x) => x.ownerId === ownerId)
  if (!p) throw ApiError.validation(field, 'Not a voting co-owner of this building')
  return { p, people }
}

export async function recordAttendance(
  ctx: HttpContext,
  meetingId: string,
  body: { ownerId: string; status: 'present' | 'absent'; remote?: boolean }
) {
  const meeting = await findMeeting(ctx, meetingId, true)
  assertAttendanceOpen(meeting)
  await participantOr422(meeting, body.ownerId, 'ownerId')
  const existing = await q('legal_meeting_attendance')
    .where('meeting_id', meetingId)
    .where('owner_id', body.ownerId)
    .first()
  // Checking in a co-owner who had given a proxy withdraws it: they vote themselves.
  if (body.status === 'present') {
    await q('legal_meeting_proxies')
      .where('meeting_id', meetingId)
      .where('grantor_owner_id', body.ownerId)
      .delete()
  } else {
    const proxy = await q('legal_meeting_proxies')
      .where('meeting_id', meetingId)
      .where('grantor_owner_id', body.ownerId)
      .first()
    if (proxy)
      throw ApiError.conflict(
        'This co-owner is represented by a proxy: delete the proxy first',
        'status'
      )
  }
  const values = {
    status: body.status,
    remote: body.status === 'present' ? Boolean(body.remote) : false,
    recorded_by: ctx.auth.user?.id ?? null,
  }
  if (existing) await updateRow('legal_meeting_attendance', existing.id, values)
  else
    await insertRow('legal_meeting_attendance', {
      meeting_id: meetingId,
      owner_id: body.ownerId,
      ...values,
    })
  await audit(ctx, {
    action: 'legal.meeting.attendance',
    subjectType: 'legal_meeting',
    subjectId: meetingId,
    metadata: { ownerId: body.ownerId, status: body.status, remote: values.remote },
  })
  const result = { attendance: await attendanceOf(meeting), quorum: await quorumOf(meeting) }
  publishMeetingEvent(meetingId, { type: 'attendance', quorum: result.quorum })
  return result
}

export async function staffEmails(): Promise<Set<string>> {
  const { organisationId } = currentTenant()
  const rows = await q('owners')
    .client.from('memberships')
    .join('users', 'users.id', 'memberships.user_id')
    .where('memberships.organisation_id', organisationId)
    .whereIn('memberships.role', STAFF_ROLES)
    .select('users.email', 'users.id')
  return new Set(rows.flatMap((r: any) => [String(r.email).toLowerCase(), `user:${r.id}`]))
}

export async function createProxy(
  ctx: HttpContext,
  meetingId: string,
  body: {
    grantorOwnerId: string
    holderOwnerId?: string | null
    holderName?: string | null
    holderEmail?: string | null
  }
) {
  const meeting = await findMeeting(ctx, meetingId, true)
  assertAttendanceOpen(meeting)
  if (!body.holderOwnerId && !body.holderName)
    throw ApiError.validation('holderOwnerId', 'Give the proxy holder (a co-owner or a name)')
  const { p: grantor, people } = await participantOr422(
    meeting,
    body.grantorOwnerId,
    'grantorOwnerId'
  )
  if (body.holderOwnerId === body.grantorOwnerId)
    throw ApiError.validation('holderOwnerId', 'A co-owner cannot hold their own proxy')
  let holderOwner: any = null
  if (body.holderOwnerId) {
    holderOwner = UUID_RE.test(body.holderOwnerId)
      ? await q('owners').where('id', body.holderOwnerId).first()
      : null
    if (!holderOwner) throw ApiError.validation('holderOwnerId', 'Unknown co-owner')
  }
  const already = await q('legal_meeting_proxies')
    .where('meeting_id', meetingId)
    .where('grantor_owner_id', grantor.ownerId)
    .first()
  if (already)
    throw ApiError.conflict('This co-owner already gave a proxy for this meeting', 'grantorOwnerId')
  const present = await q('legal_meeting_attendance')
    .where('meeting_id', meetingId)
    .where('owner_id', grantor.ownerId)
    .where('status', 'present')
    .first()
  if (present)
    throw ApiError.conflict('This co-owner is present and votes in person', 'grantorOwnerId')

  const staff = await staffEmails()
  const holderEmail = (holderOwner?.email ?? body.holderEmail ?? '').toLowerCase()
  const holderIsSyndic = Boolean(
    (holderEmail && staff.has(holderEmail)) ||
    (holderOwner?.user_id && staff.has(`user:${holderOwner.user_id}`))
  )
  const held = holderOwner
    ? await q('legal_meeting_proxies')
        .where('meeting_id', meetingId)
        .where('holder_owner_id', holderOwner.id)
    : await q('legal_meeting_proxies')
        .where('meeting_id', meetingId)
        .whereNull('holder_owner_id')
        .whereRaw('lower(holder_name) = lower(?)', [body.holderName!])
  const votesOf = new Map(people.map((x) => [x.ownerId, x.votes]))
  const delegated =
    held.reduce((s: number, r: any) => s + (votesOf.get(r.grantor_owner_id) ?? 0), 0) +
    grantor.votes
  const problem = checkProxy({
    heldProxies: held.length,
    holderOwnVotes: holderOwner ? (votesOf.get(holderOwner.id) ?? 0) : 0,
    delegatedVotes: delegated,
    totalVotes: await buildingVotes(meeting.building_id),
    holderIsSyndic,
  })
  if (problem)
    throw ApiError.validation(body.holderOwnerId ? 'holderOwnerId' : 'holderName', problem)

  const row = await insertRow('legal_meeting_proxies', {
    meeting_id: meetingId,
    grantor_owner_id: grantor.ownerId,
    holder_owner_id: holderOwner?.id ?? null,
    holder_name: holderOwner ? null : body.holderName,
    holder_email: holderOwner ? null : (body.holderEmail ?? null),
  })
  const existing = await q('legal_meeting_attendance')
    .where('meeting_id', meetingId)
    .where('owner_id', grantor.ownerId)
    .first()
  if (existing)
    await updateRow('legal_meeting_attendance', existing.id, {
      status: 'represented',
      remote: false,
    })
  else
    await insertRow('legal_meeting_attendance', {
      meeting_id: meetingId,
      owner_id: grantor.ownerId,
      status: 'represented',
      recorded_by: ctx.auth.user?.id ?? null,
    })
  await audit(ctx, {
    action: 'legal.meeting.proxy_created',
    subjectType: 'legal_meeting',
    subjectId: meetingId,
    metadata: {
      proxyId: row.id,
      grantorOwnerId: grantor.ownerId,
      holderOwnerId: row.holder_owner_id,
    },
  })
  publishMeetingEvent(meetingId, { type: 'attendance' })
  return {
    id: row.id,
    meetingId,
    grantorOwnerId: row.grantor_owner_id,
    holderOwnerId: row.holder_owner_id,
    holderName: row.holder_name ?? holderOwner?.email ?? null,
    createdAt: iso(row.created_at),
  }
}

export async function listProxies(ctx: HttpContext, meetingId: string) {
  await findMeeting(ctx, meetingId)
  const rows = await q('legal_meeting_proxies').where('meeting_id', meetingId).orderBy('created_at')
  return {
    data: rows.map((r: any) => ({
      id: r.id,
      meetingId,
      grantorOwnerId: r.grantor_owner_id,
      holderOwnerId: r.holder_owner_id,
      holderName: r.holder_name,
      createdAt: iso(r.created_at),
    })),
  }
}

// ------------------------------------------------------------------ opening

/** `open`: computes the quorum; without it the meeting is `no_quorum` (second meeting next). */
export async function openMeeting(ctx: HttpContext, id: string) {
  const meeting = await findMeeting(ctx, id, true)
  if (meeting.status !== 'convened')
    throw ApiError.invalidState(
      `Only a convened meeting can be opened (meeting is ${meeting.status})`
    )
  const quorum = await quorumOf(meeting)
  // A second meeting deliberates whatever the attendance (art. 3.87 §5).
  const reached = quorum.reached || !meeting.quorum_required
  const status = reached ? 'open' : 'no_quorum'
  const row = await updateRow('legal_meetings', id, {
    status,
    quorum: JSON.stringify({ ...quorum, required: meeting.quorum_required }),
    opened_at: reached ? new Date() : null,
  })
  await audit(ctx, {
    action: reached ? 'legal.meeting.opened' : 'legal.meeting.no_quorum',
    subjectType: 'legal_meeting',
    subjectId: id,
    metadata: { quorum },
  })
  publishMeetingEvent(id, { type: 'status', status })
  const earliest = new Date(
    new Date(meeting.scheduled_at).getTime() + SECOND_MEETING_MIN_DAYS * 86_400_000
  )
  return {
    ...serializeMeeting(row),
    quorum: { ...quorum, required: meeting.quorum_required },
    secondMeeting: reached
      ? null
      : {
          earliestScheduledAt: earliest.toISOString(),
          create: {
            method: 'POST',
            path: `/api/v1/meetings/${id}/second-meeting`,
            body: { scheduledAt: earliest.toISOString() },
          },
        },
  }
}

/** The second meeting after `no_quorum`: ≥ 15 days later, same agenda, no quorum needed. */
export async function createSecondMeeting(
  ctx: HttpContext,
  id: string,
  body: { scheduledAt: Date; place?: string | null; videoUrl?: string | null }
) {
  const first = await findMeeting(ctx, id, true)
  if (first.status !== 'no_quorum')
    throw ApiError.invalidState('A second meeting follows a meeting without quorum')
  const existing = await q('legal_meetings')
    .where('first_meeting_id', id)
    .whereNot('status', 'cancelled')
    .first()
  if (existing) throw ApiError.conflict('A second meeting already exists for this meeting')
  if (daysBetween(new Date(first.scheduled_at), body.scheduledAt) < SECOND_MEETING_MIN_DAYS) {
    throw ApiError.validation(
      'scheduledAt',
      `The second meeting must be held at least ${SECOND_MEETING_MIN_DAYS} days after the first one`
    )
  }
  const row = await insertRow('legal_meetings', {
    building_id: first.building_id,
    kind: first.kind,
    title: first.title,
    scheduled_at: body.scheduledAt,
    place: body.place ?? first.place,
    video_url: body.videoUrl ?? first.video_url,
    first_meeting_id: id,
    quorum_required: false,
    created_by: ctx.auth.user?.id ?? null,
  })
  const items = await q('legal_agenda_items').where('meeting_id', id).orderBy('position')
  const docs = await documentIdsByItem(items.map((i: any) => i.id))
  for (const item of items as any[]) {
    const copy = await insertRow('legal_agenda_items', {
      meeting_id: row.id,
      position: item.position,
      title: item.title,
      description: item.description,
      majority: item.majority,
      proposed_by_owner_id: item.proposed_by_owner_id,
    })
    for (const docId of docs.get(item.id) ?? []) {
      await insertRow('legal_agenda_item_documents', {
        agenda_item_id: copy.id,
        document_id: docId,
      })
    }
  }
  await audit(ctx, {
    action: 'legal.meeting.second_created',
    subjectType: 'legal_meeting',
    subjectId: row.id,
    metadata: { firstMeetingId: id },
  })
  return serializeMeeting(row)
}

export function convocationDeadlineProblem(scheduledAt: Date, now = new Date()) {
  return daysBetween(now, scheduledAt) < CONVOCATION_MIN_DAYS
    ? `Convocations must be sent at least ${CONVOCATION_MIN_DAYS} days before the meeting (art. 3.87 §3): move the meeting to ${new Date(now.getTime() + CONVOCATION_MIN_DAYS * 86_400_000).toISOString().slice(0, 10)} or later`
    : null
}

// ------------------------------------------------------------------ representatives

/**
 * Designate which co-owner of a unit votes for it at this meeting (SPEC §7: the primary
 * contact unless another is designated). Allowed until the meeting opens.
 */
export async function designateRepresentative(
  ctx: HttpContext,
  meetingId: string,
  unitId: string,
  ownerId: string
) {
  const meeting = await findMeeting(ctx, meetingId, true)
  const unit = await findOr404('units', unitId, 'Unit')
  if (unit.building_id !== meeting.building_id) throw ApiError.notFound('Unit not found')
  if (!['draft', 'convened'].includes(meeting.status))
    throw ApiError.invalidState(
      `Representatives are designated before the meeting opens (meeting is ${meeting.status})`
    )
  const link = UUID_RE.test(ownerId)
    ? await q('unit_owners')
        .where('unit_id', unitId)
        .where('owner_id', ownerId)
        .whereRaw('start_date <= CURRENT_DATE')
        .where((w) => w.whereNull('end_date').orWhereRaw('end_date >= CURRENT_DATE'))
        .first()
    : null
  if (!link) throw ApiError.validation('ownerId', 'Not a current co-owner of this unit')
  const { trx, organisationId } = currentTenant()
  await trx
    .insertQuery()
    .table('legal_meeting_representatives')
    .insert({
      organisation_id: organisationId,
      meeting_id: meetingId,
      unit_id: unitId,
      owner_id: ownerId,
    })
    .onConflict(['organisation_id', 'meeting_id', 'unit_id'])
    .merge({ owner_id: ownerId, updated_at: new Date() })
  await audit(ctx, {
    action: 'legal.meeting.representative_designated',
    subjectType: 'legal_meeting',
    subjectId: meetingId,
    metadata: { unitId, ownerId },
  })
  return { meetingId, unitId, ownerId }
}

// ------------------------------------------------------------------ agenda edits

async function draftItem(ctx: HttpContext, itemId: string) {
  const item = await findOr404('legal_agenda_items', itemId, 'Agenda item', true)
  const meeting = await findMeeting(ctx, item.meeting_id, true)
  if (meeting.status !== 'draft')
    throw ApiError.invalidState('The agenda is fixed once the convocations are sent')
  return { item, meeting }
}

export async function updateAgendaItem(
  ctx: HttpContext,
  itemId: string,
  p: { title?: string; description?: string | null; majority?: Majority }
) {
  await draftItem(ctx, itemId)
  const changes: Record<string, unknown> = {}
  if (p.title !== undefined) changes.title = p.title
  if (p.description !== undefined) changes.description = p.description
  if (p.majority !== undefined) changes.majority = p.majority
  const row = await updateRow('legal_agenda_items', itemId, changes)
  await audit(ctx, {
    action: 'legal.agenda_item.updated',
    subjectType: 'legal_agenda_item',
    subjectId: itemId,
    metadata: { fields: Object.keys(changes) },
  })
  const docs = await documentIdsByItem([itemId])
  return serializeItem(row, docs.get(itemId) ?? [])
}

export async function deleteAgendaItem(ctx: HttpContext, itemId: string) {
  const { item } = await draftItem(ctx, itemId)
  await q('legal_agenda_item_documents').where('agenda_item_id', itemId).delete()
  await q('legal_agenda_items').where('id', itemId).delete()
  // Keep positions contiguous (1..n) after the removal.
  await q('legal_agenda_items')
    .where('meeting_id', item.meeting_id)
    .where('position', '>', item.position)
    .decrement('position', 1)
  await audit(ctx, {
    action: 'legal.agenda_item.deleted',
    subjectType: 'legal_agenda_item',
    subjectId: itemId,
    metadata: { meetingId: item.meeting_id, title: item.title },
  })
}

export async function reorderAgenda(ctx: HttpContext, meetingId: string, ids: string[]) {
  const meeting = await findMeeting(ctx, meetingId, true)
  if (meeting.status !== 'draft')
    throw ApiError.invalidState('The agenda is fixed once the convocations are sent')
  const items = await q('legal_agenda_items').where('meeting_id', meetingId)
  const known = new Set(items.map((i: any) => i.id))
  if (
    ids.length !== known.size ||
    new Set(ids).size !== ids.length ||
    ids.some((i) => !known.has(i))
  )
    throw ApiError.validation('ids', 'Give every agenda item of the meeting exactly once')
  for (const [index, itemId] of ids.entries()) {
    await updateRow('legal_agenda_items', itemId, { position: index + 1 })
  }
  await audit(ctx, {
    action: 'legal.agenda_item.reordered',
    subjectType: 'legal_meeting',
    subjectId: meetingId,
    metadata: { ids },
  })
  return { data: await agendaOf(meetingId) }
}
