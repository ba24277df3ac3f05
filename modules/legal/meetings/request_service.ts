import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { assertBuildingExists } from '#services/building_service'
import { notify } from '#services/notification_service'
import { currentTenant } from '#tenancy/tenant_context'
import {
  buildingVotes,
  insertRow,
  iso,
  participants,
  q,
  UUID_RE,
  viewerOwner,
} from './meeting_common.js'
import { assertBuildingVisible } from './meeting_service.js'
import {
  CONVENE_ON_REQUEST_DAYS,
  COUNCIL_MANDATORY_LOTS,
  countsAsLot,
  daysBetween,
} from './meeting_rules.js'

/*
| Extraordinary meeting on request (art. 3.87 §2): co-owners holding ≥ 1/5 of the quotas,
| requests adding up; once reached the syndic is alerted and must convene within 30 days.
| Council (art. 3.90): mandatory from 20 lots (cellars, garages/parking, storage not
| counted); members and mandates. The platform has no per-building roles, so the
| `board_member` role for a building is this table: a member with a running mandate.
*/

async function staffUserIds() {
  const rows = await q('owners')
    .client.from('memberships')
    .where('organisation_id', currentTenant().organisationId)
    .whereIn('role', ['admin', 'syndic'])
    .select('user_id')
  return rows.map((r: any) => r.user_id)
}

export async function requestStatus(buildingId: string) {
  const pending = await q('legal_meeting_requests')
    .where('building_id', buildingId)
    .whereNull('meeting_id')
    .orderBy('created_at')
  const total = await buildingVotes(buildingId)
  const everyone = await participants(buildingId)
  const people = new Map(everyone.map((p) => [p.ownerId, p]))
  const owners = new Set(pending.map((r: any) => r.owner_id))
  const votes = [...owners].reduce((s, id) => s + (people.get(id)?.votes ?? 0), 0)
  const reachedAt = pending.find((r: any) => r.threshold_reached_at)?.threshold_reached_at ?? null
  const deadline = reachedAt
    ? new Date(new Date(reachedAt).getTime() + CONVENE_ON_REQUEST_DAYS * 86_400_000)
    : null
  return {
    requests: pending.map((r: any) => ({
      id: r.id,
      ownerId: r.owner_id,
      reason: r.reason,
      votes: r.votes,
      createdAt: iso(r.created_at),
    })),
    votes,
    totalVotes: total,
    thresholdReached: votes * 5 >= total && total > 0,
    thresholdReachedAt: iso(reachedAt),
    conveneBy: deadline ? deadline.toISOString().slice(0, 10) : null,
    overdue: deadline ? daysBetween(deadline, new Date()) > 0 : false,
  }
}

export async function listRequests(ctx: HttpContext, buildingId: string) {
  await assertBuildingExists(buildingId)
  await assertBuildingVisible(ctx, buildingId)
  return requestStatus(buildingId)
}

export async function createRequest(
  ctx: HttpContext,
  buildingId: string,
  body: { reason: string }
) {
  await assertBuildingExists(buildingId)
  await assertBuildingVisible(ctx, buildingId)
  const owner = await viewerOwner(ctx)
  if (!owner) throw ApiError.forbidden('Only co-owners request an extraordinary meeting')
  const everyone = await participants(buildingId)
  const person = everyone.find((p) => p.ownerId === owner.id)
  if (!person) throw ApiError.forbidden('You do not vote in this building')
  if (
    await q('legal_meeting_requests')
      .where('building_id', buildingId)
      .where('owner_id', owner.id)
      .whereNull('meeting_id')
      .first()
  ) {
    throw ApiError.conflict('You already requested an extraordinary meeting')
  }
  await q('legal_meeting_requests')
    .where('building_id', buildingId)
    .whereNull('meeting_id')
    .forUpdate()
  const before = await requestStatus(buildingId)
  const row = await insertRow('legal_meeting_requests', {
    building_id: buildingId,
    owner_id: owner.id,
    reason: body.reason,
    votes: person.votes,
  })
  const after = await requestStatus(buildingId)
  if (after.thresholdReached && !before.thresholdReached) {
    await q('legal_meeting_requests')
      .where('building_id', buildingId)
      .whereNull('meeting_id')
      .update({ threshold_reached_at: new Date() })
    await notify({
      userIds: await staffUserIds(),
      type: 'legal.meeting_requested',
      title: 'Extraordinary general meeting requested',
      body: `Co-owners holding ${after.votes}/${after.totalVotes} of the quotas require an extraordinary meeting: convene it within ${CONVENE_ON_REQUEST_DAYS} days.`,
      url: `/app/legal/meetings?buildingId=${buildingId}`,
    })
  }
  await audit(ctx, {
    action: 'legal.meeting.requested',
    subjectType: 'legal_meeting_request',
    subjectId: row.id,
    metadata: { buildingId, votes: person.votes },
  })
  return { id: row.id, buildingId, ...(await requestStatus(buildingId)) }
}

export async function council(ctx: HttpContext, buildingId: string) {
  await assertBuildingExists(buildingId)
  await assertBuildingVisible(ctx, buildingId)
  const units = await q('units').where('building_id', buildingId).select('type')
  const lots = units.filter((u: any) => countsAsLot(u.type)).length
  const members = await q('legal_council_members')
    .join('owners', (j) =>
      j
        .on('owners.id', 'legal_council_members.owner_id')
        .andOn('owners.organisation_id', 'legal_council_members.organisation_id')
    )
    .where('legal_council_members.building_id', buildingId)
    .orderBy('legal_council_members.mandate_start', 'desc')
    .select(
      'legal_council_members.*',
      'owners.first_name',
      'owners.last_name',
      'owners.company_name',
      'owners.kind'
    )
  const today = new Date().toISOString().slice(0, 10)
  const everyone = await participants(buildingId)
  return {
    buildingId,
    lots,
    mandatory: lots >= COUNCIL_MANDATORY_LOTS,
    coOwners: everyone.map((p) => ({ ownerId: p.ownerId, name: p.name })),
    members: members.map((m: any) => {
      const end = m.mandate_end ? new Date(m.mandate_end).toISOString().slice(0, 10) : null
      return {
        id: m.id,
        ownerId: m.owner_id,
        name:
          m.kind === 'company'
            ? m.company_name
            : `${m.first_name ?? ''} ${m.last_name ?? ''}`.trim(),
        role: m.role,
        mandateStart: new Date(m.mandate_start).toISOString().slice(0, 10),
        mandateEnd: end,
        active: !end || end >= today,
        buildingRole: 'board_member',
      }
    }),
  }
}

export async function addCouncilMember(
  ctx: HttpContext,
  buildingId: string,
  body: { ownerId: string; role?: string; mandateStart: string; mandateEnd?: string | null }
) {
  await assertBuildingExists(buildingId)
  const everyone = await participants(buildingId)
  if (!UUID_RE.test(body.ownerId) || !everyone.some((p) => p.ownerId === body.ownerId)) {
    throw ApiError.validation('ownerId', 'Council members are co-owners of the building')
  }
  if (body.mandateEnd && body.mandateEnd < body.mandateStart)
    throw ApiError.validation('mandateEnd', 'The mandate ends after it starts')
  const row = await insertRow('legal_council_members', {
    building_id: buildingId,
    owner_id: body.ownerId,
    role: body.role ?? 'member',
    mandate_start: body.mandateStart,
    mandate_end: body.mandateEnd ?? null,
  })
  await audit(ctx, {
    action: 'legal.council_member.added',
    subjectType: 'legal_council_member',
    subjectId: row.id,
    metadata: { buildingId, ownerId: body.ownerId, role: row.role },
  })
  return {
    id: row.id,
    buildingId,
    ownerId: row.owner_id,
    role: row.role,
    mandateStart: body.mandateStart,
    mandateEnd: body.mandateEnd ?? null,
    buildingRole: 'board_member',
  }
}
