import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { notify } from '#services/notification_service'
import { pageParams } from '#services/pagination'
import legalConfig from '#config/legal'
import { divRoundHalfUp, formatCents, toCentsOrNull } from '#services/money'
import { viewerOf } from './contractor_service.js'
import { memberUserIds } from './people.js'
import { moveTicket } from './ticket_service.js'
import { addPhoto, listPhotos, serializePhoto } from './photo_service.js'
import {
  actorId,
  insert,
  isoDate,
  isoTime,
  pagedRows,
  table,
  tenant,
  update,
  UUID_RE,
} from './common.js'

/*
| Work reports (SPEC §7): draft → submitted (by the contractor) → approved | rejected
| (by the syndic); any other transition is 409. Materials: quantity × unit price per
| line, rounded half-up to the cent, and their sum, all decimal strings. Approving a
| report linked to a ticket resolves the ticket.
*/
type Viewer = Awaited<ReturnType<typeof viewerOf>>

export interface MaterialInput {
  name: string
  quantity: number
  unitPrice: string | number
}

/** Lines with their totals (integer arithmetic: quantity has ≤ 3 decimals, price ≤ 2). */
export function priceMaterials(materials: MaterialInput[]) {
  let totalCents = 0n
  const lines = materials.map((m) => {
    // A quantity (≤ 3 decimals, not money) in thousandths; the product is then exact.
    const qtyMilli = BigInt(Math.round(Number(m.quantity) * 1000))
    const priceCents = toCentsOrNull(m.unitPrice) ?? 0n
    const lineCents = divRoundHalfUp(qtyMilli * priceCents, 1000n)
    totalCents += lineCents
    return {
      name: m.name,
      quantity: String(Number(m.quantity)),
      unitPrice: formatCents(priceCents),
      total: formatCents(lineCents),
    }
  })
  return { lines, total: formatCents(totalCents) }
}

export function serializeWorkReport(row: Record<string, any>) {
  return {
    id: row.id,
    buildingId: row.building_id,
    building: row.building_name !== undefined ? { name: row.building_name } : undefined,
    contractorId: row.contractor_id,
    contractor: row.contractor_name !== undefined ? { name: row.contractor_name } : undefined,
    ticketId: row.ticket_id,
    title: row.title,
    description: row.description,
    workDate: isoDate(row.work_date),
    hoursWorked: Number(row.hours_worked).toFixed(2),
    materials: row.materials ?? [],
    materialsTotal: formatCents(toCentsOrNull(row.materials_total) ?? 0n),
    status: row.status,
    submittedAt: isoTime(row.submitted_at),
    approvedAt: isoTime(row.approved_at),
    rejectedAt: isoTime(row.rejected_at),
    rejectionReason: row.rejection_reason,
    reviewedBy: row.reviewed_by,
    photosCount: row.photos_count !== undefined ? Number(row.photos_count) : undefined,
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
  }
}

function withNames(query: any) {
  return query
    .join('buildings', (j: any) =>
      j
        .on('buildings.id', 'legal_work_reports.building_id')
        .andOn('buildings.organisation_id', 'legal_work_reports.organisation_id')
    )
    .join('legal_contractors', (j: any) =>
      j
        .on('legal_contractors.id', 'legal_work_reports.contractor_id')
        .andOn('legal_contractors.organisation_id', 'legal_work_reports.organisation_id')
    )
    .select(
      'legal_work_reports.*',
      'buildings.name as building_name',
      'legal_contractors.name as contractor_name',
      table('legal_photos')
        .whereRaw(`legal_photos.subject_type = 'work_report'`)
        .whereRaw('legal_photos.subject_id = legal_work_reports.id')
        .count('*')
        .as('photos_count')
    )
}

function visible(query: any, viewer: Viewer) {
  if (viewer.staff) return query
  if (viewer.role === 'contractor' && viewer.contractor)
    return query.where('legal_work_reports.contractor_id', viewer.contractor.id)
  return query.whereRaw('false')
}

export async function findVisibleReport(ctx: HttpContext, id: string, lock = false) {
  if (!UUID_RE.test(id)) throw ApiError.notFound('Work report not found')
  const viewer = await viewerOf(ctx)
  const q = visible(table('legal_work_reports').where('legal_work_reports.id', id), viewer)
  if (lock) q.forUpdate()
  const row = await q.first()
  if (!row) throw ApiError.notFound('Work report not found')
  return { row, viewer }
}

export async function showWorkReport(ctx: HttpContext, id: string) {
  await findVisibleReport(ctx, id)
  const row = await withNames(
    table('legal_work_reports').where('legal_work_reports.id', id)
  ).first()
  const photos = await listPhotos('work_report', id)
  return {
    ...serializeWorkReport(row),
    photos: photos.map((p: any) => serializePhoto(p, `/api/v1/work-reports/${id}/photos`)),
  }
}

async function checkTicket(
  ticketId: string | null | undefined,
  buildingId: string,
  contractorId: string
) {
  if (!ticketId) return
  const ticket = await table('legal_tickets').where('id', ticketId).first()
  if (!ticket || ticket.building_id !== buildingId)
    throw ApiError.validation('ticketId', 'Unknown ticket of this building')
  if (ticket.contractor_id && ticket.contractor_id !== contractorId)
    throw ApiError.validation('ticketId', 'The ticket is assigned to another contractor')
}

export async function createWorkReport(ctx: HttpContext, payload: any) {
  const viewer = await viewerOf(ctx)
  if (viewer.role === 'contractor') {
    if (!viewer.contractor || viewer.contractor.id !== payload.contractorId)
      throw ApiError.validation('contractorId', 'You can only write your own work reports')
  } else if (!['admin', 'syndic'].includes(viewer.role)) throw ApiError.forbidden()
  const building = await table('buildings').where('id', payload.buildingId).first()
  if (!building) throw ApiError.validation('buildingId', 'Unknown building')
  const contractor = await table('legal_contractors').where('id', payload.contractorId).first()
  if (!contractor) throw ApiError.validation('contractorId', 'Unknown contractor')
  await checkTicket(payload.ticketId, payload.buildingId, payload.contractorId)
  const priced = priceMaterials(payload.materials ?? [])
  const row = await insert('legal_work_reports', {
    building_id: payload.buildingId,
    contractor_id: payload.contractorId,
    ticket_id: payload.ticketId ?? null,
    title: payload.title,
    description: payload.description,
    work_date: payload.workDate,
    hours_worked: payload.hoursWorked,
    materials: JSON.stringify(priced.lines),
    materials_total: priced.total,
    status: 'draft',
    created_by: actorId(ctx),
  })
  await audit(ctx, {
    action: 'legal.work_report.created',
    subjectType: 'legal_work_report',
    subjectId: row.id,
    metadata: { buildingId: row.building_id, contractorId: row.contractor_id },
  })
  return showWorkReport(ctx, row.id)
}

export async function updateWorkReport(ctx: HttpContext, id: string, payload: any) {
  const { row, viewer } = await findVisibleReport(ctx, id, true)
  if (!viewer.staff && viewer.role !== 'contractor') throw ApiError.forbidden()
  if (row.status !== 'draft') throw ApiError.invalidState('Only a draft can be edited')
  if (payload.ticketId !== undefined)
    await checkTicket(payload.ticketId, row.building_id, row.contractor_id)
  const changes: Record<string, unknown> = {}
  if (payload.title !== undefined) changes.title = payload.title
  if (payload.description !== undefined) changes.description = payload.description
  if (payload.workDate !== undefined) changes.work_date = payload.workDate
  if (payload.hoursWorked !== undefined) changes.hours_worked = payload.hoursWorked
  if (payload.ticketId !== undefined) changes.ticket_id = payload.ticketId
  if (payload.materials !== undefined) {
    const priced = priceMaterials(payload.materials)
    changes.materials = JSON.stringify(priced.lines)
    changes.materials_total = priced.total
  }
  await update('legal_work_reports', id, changes)
  await audit(ctx, {
    action: 'legal.work_report.updated',
    subjectType: 'legal_work_report',
    subjectId: id,
    metadata: { fields: Object.keys(payload) },
  })
  return showWorkReport(ctx, id)
}

export async function listWorkReports(
  ctx: HttpContext,
  scope: { buildingId?: string; contractorId?: string }
) {
  const viewer = await viewerOf(ctx)
  if (scope.buildingId && !(await table('buildings').where('id', scope.buildingId).first()))
    throw ApiError.notFound('Building not found')
  if (scope.contractorId) {
    const contractor = await table('legal_contractors').where('id', scope.contractorId).first()
    if (!contractor) throw ApiError.notFound('Contractor not found')
    if (!viewer.staff && viewer.contractor?.id !== contractor.id)
      throw ApiError.notFound('Contractor not found')
  }
  const query = visible(withNames(table('legal_work_reports')), viewer)
  if (scope.buildingId) query.where('legal_work_reports.building_id', scope.buildingId)
  if (scope.contractorId) query.where('legal_work_reports.contractor_id', scope.contractorId)
  const status = ctx.request.qs().status
  if (status !== undefined) {
    const allowed = ['draft', 'submitted', 'approved', 'rejected']
    if (!allowed.includes(status))
      throw ApiError.validation('status', `status must be one of ${allowed.join(', ')}`)
    query.where('legal_work_reports.status', status)
  }
  return pagedRows(query, pageParams(ctx), serializeWorkReport, [
    ['legal_work_reports.work_date', 'desc'],
    ['legal_work_reports.id', 'asc'],
  ])
}

export async function submitWorkReport(ctx: HttpContext, id: string) {
  const { row, viewer } = await findVisibleReport(ctx, id, true)
  if (viewer.role !== 'contractor') throw ApiError.forbidden('Only the contractor submits a report')
  if (row.status !== 'draft')
    throw ApiError.invalidState(`A ${row.status} report cannot be submitted`)
  await update('legal_work_reports', id, { status: 'submitted', submitted_at: new Date() })
  await audit(ctx, {
    action: 'legal.work_report.submitted',
    subjectType: 'legal_work_report',
    subjectId: id,
    metadata: { from: 'draft', to: 'submitted' },
  })
  await notify({
    userIds: await memberUserIds(),
    type: 'legal.work_report_submitted',
    title: `Work report to approve: ${row.title}`,
    body: null,
    url: `/app/legal/work-reports?focus=${id}`,
    data: { workReportId: id },
  })
  return showWorkReport(ctx, id)
}

async function review(ctx: HttpContext, id: string, to: 'approved' | 'rejected', reason?: string) {
  const { row } = await findVisibleReport(ctx, id, true)
  if (row.status !== 'submitted')
    throw ApiError.invalidState(`Only a submitted report can be ${to} (status "${row.status}")`)
  await update('legal_work_reports', id, {
    status: to,
    reviewed_by: actorId(ctx),
    ...(to === 'approved'
      ? { approved_at: new Date() }
      : { rejected_at: new Date(), rejection_reason: reason }),
  })
  await audit(ctx, {
    action: `legal.work_report.${to}`,
    subjectType: 'legal_work_report',
    subjectId: id,
    metadata: { from: 'submitted', to, ...(reason ? { reason } : {}) },
  })
  let ticketResolved = false
  if (to === 'approved' && row.ticket_id) {
    ticketResolved = !!(await moveTicket(ctx, row.ticket_id, 'resolve', true))
  }
  const contractor = await table('legal_contractors').where('id', row.contractor_id).first()
  if (contractor?.user_id)
    await notify({
      userIds: [contractor.user_id],
      type: `legal.work_report_${to}`,
      title: `Your report "${row.title}" was ${to}`,
      body: reason ?? null,
      url: null,
      data: { workReportId: id, ticketResolved },
    })
  return showWorkReport(ctx, id)
}

export const approveWorkReport = (ctx: HttpContext, id: string) => review(ctx, id, 'approved')
export const rejectWorkReport = (ctx: HttpContext, id: string, reason: string) =>
  review(ctx, id, 'rejected', reason)

export async function deleteWorkReport(ctx: HttpContext, id: string) {
  const { row, viewer } = await findVisibleReport(ctx, id, true)
  if (!viewer.staff && viewer.role !== 'contractor') throw ApiError.forbidden()
  if (row.status !== 'draft') throw ApiError.invalidState('Only a draft can be deleted')
  const photos = await table('legal_photos')
    .where('subject_type', 'work_report')
    .where('subject_id', id)
    .delete()
    .returning(['storage_key', 'thumbnail_key'])
  // The stored objects go once the deletion is committed.
  tenant().trx.after('commit', async () => {
    for (const p of photos as { storage_key: string; thumbnail_key: string | null }[]) {
      for (const key of [p.storage_key, p.thumbnail_key])
        if (key)
          await drive
            .use()
            .delete(key)
            .catch(() => {})
    }
  })
  await table('legal_work_reports').where('id', id).delete()
  await audit(ctx, {
    action: 'legal.work_report.deleted',
    subjectType: 'legal_work_report',
    subjectId: id,
    metadata: { status: 'draft' },
  })
}

export async function addWorkReportPhoto(ctx: HttpContext, id: string) {
  const { row, viewer } = await findVisibleReport(ctx, id, true)
  if (!viewer.staff && viewer.role !== 'contractor') throw ApiError.forbidden()
  if (row.status !== 'draft')
    throw ApiError.invalidState('Photos are added while the report is a draft')
  const photo = await addPhoto(ctx, 'work_report', id, legalConfig.photos.maxPerReport)
  await audit(ctx, {
    action: 'legal.work_report.photo_added',
    subjectType: 'legal_work_report',
    subjectId: id,
    metadata: { photoId: photo.id },
  })
  return serializePhoto(photo, `/api/v1/work-reports/${id}/photos`)
}
