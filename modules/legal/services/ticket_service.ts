import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { notify } from '#services/notification_service'
import { pageParams } from '#services/pagination'
import { TICKET_STATUSES } from '../validators/work_validator.js'
import { viewerOf } from './contractor_service.js'
import { memberUserIds } from './people.js'
import { addPhoto, listPhotos, serializePhoto } from './photo_service.js'
import { insert, isoTime, pagedRows, table, UUID_RE, update } from './common.js'

/*
| Tickets: a co-owner reports a problem from the portal; the syndic assigns a
| contractor; open → assigned → in_progress → resolved → closed. The reporter is
| notified at every step. Visibility: staff see all, a co-owner the tickets they
| reported, a contractor the tickets assigned to them; anything else is a 404.
*/
type Viewer = Awaited<ReturnType<typeof viewerOf>>

export function serializeTicket(row: Record<string, any>) {
  return {
    id: row.id,
    buildingId: row.building_id,
    building: row.building_name !== undefined ? { name: row.building_name } : undefined,
    unitId: row.unit_id,
    reporterUserId: row.reporter_user_id,
    title: row.title,
    description: row.description,
    category: row.category,
    priority: row.priority,
    status: row.status,
    contractorId: row.contractor_id,
    contractor:
      row.contractor_name !== undefined
        ? row.contractor_name
          ? { name: row.contractor_name }
          : null
        : undefined,
    assignedAt: isoTime(row.assigned_at),
    startedAt: isoTime(row.started_at),
    resolvedAt: isoTime(row.resolved_at),
    closedAt: isoTime(row.closed_at),
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
  }
}

function visible(query: any, viewer: Viewer) {
  if (viewer.staff) return query
  if (viewer.role === 'contractor') {
    return viewer.contractor
      ? query.where('legal_tickets.contractor_id', viewer.contractor.id)
      : query.whereRaw('false')
  }
  return query.where('legal_tickets.reporter_user_id', viewer.user.id)
}

function withNames(query: any) {
  return query
    .join('buildings', (j: any) =>
      j
        .on('buildings.id', 'legal_tickets.building_id')
        .andOn('buildings.organisation_id', 'legal_tickets.organisation_id')
    )
    .leftJoin('legal_contractors', (j: any) =>
      j
        .on('legal_contractors.id', 'legal_tickets.contractor_id')
        .andOn('legal_contractors.organisation_id', 'legal_tickets.organisation_id')
    )
    .select(
      'legal_tickets.*',
      'buildings.name as building_name',
      'legal_contractors.name as contractor_name'
    )
}

export async function findVisibleTicket(ctx: HttpContext, id: string, lock = false) {
  if (!UUID_RE.test(id)) throw ApiError.notFound('Ticket not found')
  const viewer = await viewerOf(ctx)
  const q = visible(table('legal_tickets').where('legal_tickets.id', id), viewer)
  if (lock) q.forUpdate()
  const row = await q.first()
  if (!row) throw ApiError.notFound('Ticket not found')
  return { row, viewer }
}

export async function showTicket(ctx: HttpContext, id: string) {
  await findVisibleTicket(ctx, id)
  const row = await withNames(table('legal_tickets').where('legal_tickets.id', id)).first()
  const photos = await listPhotos('ticket', id)
  return {
    ...serializeTicket(row),
    photos: photos.map((p: any) => serializePhoto(p, `/api/v1/tickets/${id}/photos`)),
  }
}

/** A co-owner may report only on a building where they own a unit (and only on their units). */
async function assertReporterMayReport(viewer: Viewer, buildingId: string, unitId: string | null) {
  if (viewer.staff) return
  const units = await table('unit_owners')
    .join('owners', (j: any) =>
      j
        .on('owners.id', 'unit_owners.owner_id')
        .andOn('owners.organisation_id', 'unit_owners.organisation_id')
    )
    .join('units', (j: any) =>
      j
        .on('units.id', 'unit_owners.unit_id')
        .andOn('units.organisation_id', 'unit_owners.organisation_id')
    )
    .where('owners.user_id', viewer.user.id)
    .where('units.building_id', buildingId)
    .whereNull('unit_owners.end_date')
    .select('units.id')
  if (!units.length) throw ApiError.notFound('Building not found')
  if (unitId && !units.some((u: any) => u.id === unitId))
    throw ApiError.validation('unitId', 'You can only report on your own units')
}

export async function createTicket(ctx: HttpContext, buildingId: string, payload: any) {
  const viewer = await viewerOf(ctx)
  const building = await table('buildings').where('id', buildingId).first()
  if (!building) throw ApiError.notFound('Building not found')
  await assertReporterMayReport(viewer, buildingId, payload.unitId ?? null)
  if (
    payload.unitId &&
    !(await table('units').where('id', payload.unitId).where('building_id', buildingId).first())
  )
    throw ApiError.validation('unitId', 'Unknown unit in this building')
  const row = await insert('legal_tickets', {
    building_id: buildingId,
    unit_id: payload.unitId ?? null,
    reporter_user_id: viewer.user.id,
    title: payload.title,
    description: payload.description,
    category: payload.category,
    priority: payload.priority ?? 'normal',
    status: 'open',
  })
  await audit(ctx, {
    action: 'legal.ticket.created',
    subjectType: 'legal_ticket',
    subjectId: row.id,
    metadata: { buildingId, category: row.category, priority: row.priority },
  })
  const staff = await memberUserIds()
  await notify({
    userIds: staff.filter((u) => u !== viewer.user.id),
    type: 'legal.ticket_created',
    title: `New ticket: ${row.title}`,
    body: `${building.name} — ${row.category} (${row.priority})`,
    url: `/app/legal/tickets?focus=${row.id}`,
    data: { ticketId: row.id },
  })
  return showTicket(ctx, row.id)
}

export async function listTickets(ctx: HttpContext, buildingId: string | null) {
  const viewer = await viewerOf(ctx)
  if (buildingId && !(await table('buildings').where('id', buildingId).first()))
    throw ApiError.notFound('Building not found')
  const qs = ctx.request.qs()
  const query = visible(withNames(table('legal_tickets')), viewer)
  if (buildingId) query.where('legal_tickets.building_id', buildingId)
  if (qs.status !== undefined) {
    if (!TICKET_STATUSES.includes(qs.status))
      throw ApiError.validation('status', `status must be one of ${TICKET_STATUSES.join(', ')}`)
    query.where('legal_tickets.status', qs.status)
  }
  return pagedRows(query, pageParams(ctx), serializeTicket, [
    ['legal_tickets.created_at', 'desc'],
    ['legal_tickets.id', 'asc'],
  ])
}

const NEXT: Record<string, { from: string[]; to: string; column: string; by: 'staff' | 'worker' }> =
  {
    start: { from: ['assigned'], to: 'in_progress', column: 'started_at', by: 'worker' },
    resolve: {
      from: ['assigned', 'in_progress'],
      to: 'resolved',
      column: 'resolved_at',
      by: 'worker',
    },
    close: { from: ['resolved'], to: 'closed', column: 'closed_at', by: 'staff' },
  }

async function announce(row: Record<string, any>, to: string) {
  if (!row.reporter_user_id) return
  await notify({
    userIds: [row.reporter_user_id],
    type: 'legal.ticket_status',
    title: `Your report "${row.title}" is now ${to.replace('_', ' ')}`,
    body: null,
    url: null,
    data: { ticketId: row.id, status: to },
  })
}

export async function assignTicket(ctx: HttpContext, id: string, contractorId: string) {
  const { row } = await findVisibleTicket(ctx, id, true)
  if (!['open', 'assigned'].includes(row.status))
    throw ApiError.invalidState(`A ticket in status "${row.status}" cannot be assigned`)
  const contractor = await table('legal_contractors').where('id', contractorId).first()
  if (!contractor || !contractor.active)
    throw ApiError.validation('contractorId', 'Unknown or inactive contractor')
  const updated = await update('legal_tickets', id, {
    status: 'assigned',
    contractor_id: contractorId,
    assigned_at: new Date(),
  })
  await audit(ctx, {
    action: 'legal.ticket.assigned',
    subjectType: 'legal_ticket',
    subjectId: id,
    metadata: { from: row.status, to: 'assigned', contractorId },
  })
  await announce(updated, 'assigned')
  if (contractor.user_id)
    await notify({
      userIds: [contractor.user_id],
      type: 'legal.ticket_assigned',
      title: `New assignment: ${row.title}`,
      body: row.description.slice(0, 300),
      url: null,
      data: { ticketId: id },
    })
  return showTicket(ctx, id)
}

/** start / resolve (assigned contractor or staff), close (staff). */
export async function moveTicket(
  ctx: HttpContext | null,
  id: string,
  step: keyof typeof NEXT,
  system = false
) {
  const rule = NEXT[step]
  let row: Record<string, any>
  if (system) {
    row = await table('legal_tickets').where('id', id).forUpdate().first()
    if (!row) return null
  } else {
    const found = await findVisibleTicket(ctx!, id, true)
    row = found.row
    const viewer = found.viewer
    const allowed = viewer.staff
      ? ['admin', 'syndic'].includes(viewer.role)
      : rule.by === 'worker' && viewer.role === 'contractor'
    if (!allowed) throw ApiError.forbidden()
  }
  if (!rule.from.includes(row.status)) {
    if (system) return null
    throw ApiError.invalidState(`A ticket in status "${row.status}" cannot become "${rule.to}"`)
  }
  const updated = await update('legal_tickets', id, { status: rule.to, [rule.column]: new Date() })
  await audit(ctx, {
    action: `legal.ticket.${rule.to}`,
    subjectType: 'legal_ticket',
    subjectId: id,
    metadata: { from: row.status, to: rule.to, ...(system ? { by: 'work_report_approval' } : {}) },
  })
  await announce(updated, rule.to)
  return system ? updated : showTicket(ctx!, id)
}

export async function addTicketPhoto(ctx: HttpContext, id: string) {
  const { row, viewer } = await findVisibleTicket(ctx, id, true)
  if (!viewer.staff && viewer.user.id !== row.reporter_user_id) throw ApiError.forbidden()
  if (row.status === 'closed') throw ApiError.invalidState('A closed ticket takes no more photos')
  const photo = await addPhoto(ctx, 'ticket', id, 10)
  await audit(ctx, {
    action: 'legal.ticket.photo_added',
    subjectType: 'legal_ticket',
    subjectId: id,
    metadata: { photoId: photo.id },
  })
  return serializePhoto(photo, `/api/v1/tickets/${id}/photos`)
}
