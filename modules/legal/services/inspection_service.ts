import { readFile, rm } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { assertBuildingExists } from '#services/building_service'
import { notify } from '#services/notification_service'
import { pageParams } from '#services/pagination'
import { storeDocument } from '#services/document_service'
import { uploadedFile } from './photo_service.js'
import legalConfig, { INSPECTION_TYPES, type InspectionType } from '#config/legal'
import { defaultValidUntil, periodicityMonths } from './inspection_rules.js'
import { memberUserIds } from './people.js'
import {
  actorId,
  findOr404,
  insert,
  isoDate,
  isoTime,
  pagedRows,
  table,
  tenant,
  update,
} from './common.js'
import { addDays, addMonths, todayInBrussels } from './working_days.js'

/*
| Technical inspections (SPEC §7): scheduled → in_progress → passed | failed, or
| cancelled while scheduled. validUntil defaults from the legal periodicity.
*/
export const INSPECTION_STATUSES = [
  'scheduled',
  'in_progress',
  'passed',
  'failed',
  'cancelled',
] as const

export function serializeInspection(row: Record<string, any>) {
  return {
    id: row.id,
    buildingId: row.building_id,
    type: row.type as InspectionType,
    status: row.status,
    scheduledDate: isoDate(row.scheduled_date),
    inspector: row.inspector ?? null,
    notes: row.notes,
    heatingFuel: row.heating_fuel,
    heatingPowerKw: row.heating_power_kw,
    startedAt: isoTime(row.started_at),
    completedAt: isoTime(row.completed_at),
    inspectionDate: isoDate(row.inspection_date),
    result: row.status === 'passed' || row.status === 'failed' ? row.status : null,
    certificateNumber: row.certificate_number,
    validUntil: isoDate(row.valid_until),
    defects: row.defects ?? [],
    certificateDocumentId: row.certificate_document_id,
    cancelledAt: isoTime(row.cancelled_at),
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
  }
}

async function building(buildingId: string) {
  const row = await table('buildings').where('id', buildingId).first()
  if (!row) throw ApiError.notFound('Building not found')
  return row
}

export async function createInspection(ctx: HttpContext, buildingId: string, payload: any) {
  await building(buildingId)
  if (payload.type !== 'heating' && (payload.heatingFuel || payload.heatingPowerKw)) {
    throw ApiError.validation('heatingFuel', 'Only heating inspections have a fuel and a power')
  }
  const row = await insert('legal_technical_inspections', {
    building_id: buildingId,
    type: payload.type,
    status: 'scheduled',
    scheduled_date: payload.scheduledDate,
    inspector: payload.inspector ? JSON.stringify(payload.inspector) : null,
    notes: payload.notes ?? null,
    heating_fuel: payload.heatingFuel ?? null,
    heating_power_kw: payload.heatingPowerKw ?? null,
  })
  await audit(ctx, {
    action: 'legal.inspection.scheduled',
    subjectType: 'legal_technical_inspection',
    subjectId: row.id,
    metadata: { buildingId, type: row.type, scheduledDate: payload.scheduledDate },
  })
  return serializeInspection(row)
}

export async function showInspection(id: string) {
  return serializeInspection(
    await findOr404('legal_technical_inspections', id, 'Inspection not found')
  )
}

export async function listInspections(ctx: HttpContext, buildingId: string) {
  await assertBuildingExists(buildingId)
  const qs = ctx.request.qs()
  const query = table('legal_technical_inspections').where('building_id', buildingId).select('*')
  if (qs.status !== undefined) {
    if (!INSPECTION_STATUSES.includes(qs.status))
      throw ApiError.validation('status', `status must be one of ${INSPECTION_STATUSES.join(', ')}`)
    query.where('status', qs.status)
  }
  if (qs.type !== undefined) {
    if (!INSPECTION_TYPES.includes(qs.type))
      throw ApiError.validation('type', `type must be one of ${INSPECTION_TYPES.join(', ')}`)
    query.where('type', qs.type)
  }
  for (const [param, op] of [
    ['from', '>='],
    ['to', '<='],
  ] as const) {
    if (qs[param] === undefined) continue
    if (!/^\d{4}-\d{2}-\d{2}$/.test(String(qs[param])))
      throw ApiError.validation(param, `${param} must be a YYYY-MM-DD date`)
    query.where('scheduled_date', op, qs[param])
  }
  return pagedRows(query, pageParams(ctx), serializeInspection, [
    ['scheduled_date', 'asc'],
    ['id', 'asc'],
  ])
}

async function transition(
  ctx: HttpContext,
  id: string,
  from: string[],
  to: string,
  changes: Record<string, unknown>
) {
  const row = await findOr404('legal_technical_inspections', id, 'Inspection not found', true)
  if (!from.includes(row.status)) {
    throw ApiError.invalidState(`An inspection in status "${row.status}" cannot become "${to}"`)
  }
  const updated = await update('legal_technical_inspections', id, { status: to, ...changes })
  await audit(ctx, {
    action: `legal.inspection.${to}`,
    subjectType: 'legal_technical_inspection',
    subjectId: id,
    metadata: { from: row.status, to },
  })
  return { row, updated }
}

export async function startInspection(ctx: HttpContext, id: string) {
  const { updated } = await transition(ctx, id, ['scheduled'], 'in_progress', {
    started_at: new Date(),
  })
  return serializeInspection(updated)
}

export async function completeInspection(ctx: HttpContext, id: string, payload: any) {
  const row = await findOr404('legal_technical_inspections', id, 'Inspection not found', true)
  if (row.status !== 'in_progress' && row.status !== 'scheduled') {
    throw ApiError.invalidState(`An inspection in status "${row.status}" cannot be completed`)
  }
  const b = await building(row.building_id)
  const inspectionDate = payload.inspectionDate ?? todayInBrussels()
  let validUntil: string | null = null
  if (payload.result === 'passed') {
    validUntil =
      payload.validUntil ??
      defaultValidUntil(inspectionDate, {
        type: row.type,
        postalCode: b.postal_code,
        constructionYear: b.construction_year,
        heatingFuel: row.heating_fuel,
        heatingPowerKw: row.heating_power_kw,
      })
    if (validUntil && validUntil <= inspectionDate)
      throw ApiError.validation('validUntil', 'validUntil must be after the inspection date')
  } else if (payload.validUntil) {
    throw ApiError.validation('validUntil', 'A failed inspection gives no certificate validity')
  }
  const { updated } = await transition(ctx, id, ['scheduled', 'in_progress'], payload.result, {
    started_at: row.started_at ?? new Date(),
    completed_at: new Date(),
    inspection_date: inspectionDate,
    certificate_number: payload.certificateNumber ?? null,
    valid_until: validUntil,
    defects: JSON.stringify(payload.defects ?? []),
  })
  return serializeInspection(updated)
}

export async function cancelInspection(ctx: HttpContext, id: string) {
  await transition(ctx, id, ['scheduled'], 'cancelled', { cancelled_at: new Date() })
}

/** Certificate: a PDF (magic bytes) stored through the core document service. */
export async function uploadCertificate(ctx: HttpContext, id: string) {
  const upload = await uploadedFile(ctx)
  let row: Record<string, any>
  try {
    row = await findOr404('legal_technical_inspections', id, 'Inspection not found', true)
  } catch (error) {
    if (upload) await rm(upload.tmpPath, { force: true })
    throw error
  }
  if (upload && !upload.tooLarge && upload.size > 0) {
    const bytes = await readFile(upload.tmpPath)
    const head = bytes.subarray(0, 5).toString('latin1')
    if (head !== '%PDF-') {
      await rm(upload.tmpPath, { force: true })
      throw ApiError.validation('file', 'The certificate must be a PDF file')
    }
  }
  const document = await storeDocument(upload, {
    buildingId: row.building_id,
    uploadedBy: actorId(ctx),
  })
  const updated = await update('legal_technical_inspections', id, {
    certificate_document_id: document.id,
  })
  await audit(ctx, {
    action: 'legal.inspection.certificate_uploaded',
    subjectType: 'legal_technical_inspection',
    subjectId: id,
    metadata: { documentId: document.id, size: document.size },
  })
  return serializeInspection(updated)
}

/** Latest completed (passed) inspection per type of a building. */
async function latestPassed(buildingId: string) {
  const rows = await table('legal_technical_inspections')
    .where('building_id', buildingId)
    .where('status', 'passed')
    .select('*')
    .orderBy('inspection_date', 'desc')
  const byType = new Map<string, any>()
  for (const r of rows) if (!byType.has(r.type)) byType.set(r.type, r)
  return byType
}

async function nextScheduled(buildingId: string) {
  const rows = await table('legal_technical_inspections')
    .where('building_id', buildingId)
    .whereIn('status', ['scheduled', 'in_progress'])
    .select('*')
    .orderBy('scheduled_date', 'asc')
  const byType = new Map<string, any>()
  for (const r of rows) if (!byType.has(r.type)) byType.set(r.type, r)
  return byType
}

export type ComplianceStatus = 'ok' | 'due_soon' | 'expired' | 'never_done'

/** Per type: last certificate, next due date, next scheduled visit, compliance status. */
export async function complianceBoard(buildingId: string, today = todayInBrussels()) {
  const b = await building(buildingId)
  const passed = await latestPassed(buildingId)
  const scheduled = await nextScheduled(buildingId)
  const soon = addDays(today, legalConfig.inspections.dueSoonDays)
  return INSPECTION_TYPES.map((type) => {
    const last = passed.get(type)
    const next = scheduled.get(type)
    const months = periodicityMonths({
      type,
      postalCode: b.postal_code,
      constructionYear: b.construction_year,
      heatingFuel: last?.heating_fuel ?? next?.heating_fuel ?? null,
      heatingPowerKw: last?.heating_power_kw ?? next?.heating_power_kw ?? null,
    })
    const validUntil = last ? isoDate(last.valid_until) : null
    const dueDate =
      validUntil ?? (last && months ? addMonths(isoDate(last.inspection_date)!, months) : null)
    let status: ComplianceStatus
    if (!last) status = 'never_done'
    else if (dueDate && dueDate < today) status = 'expired'
    else if (dueDate && dueDate <= soon) status = 'due_soon'
    else status = 'ok'
    return {
      type,
      status,
      periodicityMonths: months,
      lastInspection: last ? serializeInspection(last) : null,
      validUntil,
      dueDate: dueDate ?? (last ? null : today),
      nextScheduled: next ? serializeInspection(next) : null,
    }
  })
}

export async function upcomingInspections(ctx: HttpContext, buildingId: string) {
  const raw = ctx.request.qs().days
  const days = raw === undefined ? 90 : Number(raw)
  if (!Number.isInteger(days) || days < 1 || days > 3650)
    throw ApiError.validation('days', 'days must be an integer between 1 and 3650')
  const today = todayInBrussels()
  const limit = addDays(today, days)
  const board = await complianceBoard(buildingId, today)
  const data = board
    .filter((e) => e.status === 'never_done' || (e.dueDate !== null && e.dueDate <= limit))
    .map((e) => ({
      type: e.type,
      status: e.status,
      dueDate: e.dueDate,
      neverInspected: e.status === 'never_done',
      lastInspection: e.lastInspection,
      nextScheduled: e.nextScheduled,
    }))
    .sort((a, b) => String(a.dueDate).localeCompare(String(b.dueDate)))
  return { data, meta: { days, until: limit } }
}

export async function expiredInspections(buildingId: string) {
  const board = await complianceBoard(buildingId)
  const expiredIds = board.filter((e) => e.status === 'expired').map((e) => e.lastInspection!)
  return { data: expiredIds }
}

/**
 * Alerts at 90, 60 and 30 days before validUntil, once each: the unique key
 * (inspection, validUntil, threshold) makes a second run (or two workers) a no-op; a
 * late run records the skipped larger thresholds silently and sends only the most
 * urgent one. A certificate superseded by a newer passed one of the same type no
 * longer alerts.
 */
export async function runInspectionAlerts(today = todayInBrussels()) {
  const thresholds = [...legalConfig.inspections.alertDays].sort((a, b) => b - a)
  const horizon = addDays(today, thresholds[0])
  const rows = await table('legal_technical_inspections')
    .join('buildings', (j: any) =>
      j
        .on('buildings.id', 'legal_technical_inspections.building_id')
        .andOn('buildings.organisation_id', 'legal_technical_inspections.organisation_id')
    )
    .where('legal_technical_inspections.status', 'passed')
    .whereNotNull('legal_technical_inspections.valid_until')
    .where('legal_technical_inspections.valid_until', '>=', today)
    .where('legal_technical_inspections.valid_until', '<=', horizon)
    .whereNotExists((q: any) =>
      q
        .from('legal_technical_inspections as newer')
        .whereColumn('newer.organisation_id', 'legal_technical_inspections.organisation_id')
        .whereColumn('newer.building_id', 'legal_technical_inspections.building_id')
        .whereColumn('newer.type', 'legal_technical_inspections.type')
        .where('newer.status', 'passed')
        .whereColumn('newer.inspection_date', '>', 'legal_technical_inspections.inspection_date')
    )
    .select('legal_technical_inspections.*', 'buildings.name as building_name')
  const staff = rows.length ? await memberUserIds() : []
  let sent = 0
  for (const row of rows) {
    const validUntil = isoDate(row.valid_until)!
    const due = thresholds.filter((d) => addDays(today, d) >= validUntil)
    if (!due.length) continue
    const mostUrgent = Math.min(...due)
    const { trx, organisationId } = tenant()
    const inserted = await trx
      .insertQuery()
      .table('legal_inspection_alerts')
      .insert(
        due.map((d) => ({
          organisation_id: organisationId,
          inspection_id: row.id,
          threshold_days: d,
          valid_until: validUntil,
          notified: d === mostUrgent,
        }))
      )
      .knexQuery.onConflict(['organisation_id', 'inspection_id', 'valid_until', 'threshold_days'])
      .ignore()
      .returning(['threshold_days'])
    const fresh = (inserted as { threshold_days: number }[]).map((r) => r.threshold_days)
    if (!fresh.includes(mostUrgent)) continue
    await notify({
      userIds: staff,
      type: 'legal.inspection_expiring',
      title: `${row.type} certificate expires in ≤ ${mostUrgent} days: ${row.building_name}`,
      body: `Valid until ${validUntil}`,
      url: `/app/legal/inspections?building=${row.building_id}`,
      data: { inspectionId: row.id, thresholdDays: mostUrgent, validUntil },
    })
    sent++
  }
  return { sent }
}
