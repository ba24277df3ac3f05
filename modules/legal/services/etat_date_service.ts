import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import mail from '@adonisjs/mail/services/main'
import Organisation from '#models/organisation'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { assertBuildingExists } from '#services/building_service'
import { renderTemplated } from '#services/mail_service'
import { notify } from '#services/notification_service'
import { pageParams } from '#services/pagination'
import { renderPdf } from '#pdf/pdf_service'
import type { PdfBranding } from '#pdf/pdf_layout'
import legalConfig from '#config/legal'
import { financialsFor } from './accounting_adapter.js'
import { lastTwoGeneralAssemblyMinutes } from './general_assembly_minutes.js'
import { buildSnapshot, type EtatDateInput, type EtatDateSnapshot } from './etat_date_sections.js'
import { etatDateHtml } from '../pdf/etat_date_html.js'
import { docLocale, docT } from '../pdf/etat_date_i18n.js'
import { registerRows } from './register_service.js'
import { memberUserIds, ownerName } from './people.js'
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
import { addDays, addWorkingDays, todayInBrussels, workingDaysBetween } from './working_days.js'

/*
| État daté (SPEC §7, art. 3.94 Civil Code). requested → generated (regenerate keeps
| every version) → delivered (e-mailed with the PDF, valid 90 days) → expired; cancel
| only before delivery. Due date: 15 Belgian working days after the request.
*/
export const ETAT_DATE_STATUSES = [
  'requested',
  'generated',
  'delivered',
  'expired',
  'cancelled',
] as const
type Status = (typeof ETAT_DATE_STATUSES)[number]
const OPEN: Status[] = ['requested', 'generated']

export function serializeEtatDate(row: Record<string, any>, today = todayInBrussels()) {
  const dueDate = isoDate(row.due_date)!
  const open = OPEN.includes(row.status)
  return {
    id: row.id,
    buildingId: row.building_id,
    unitId: row.unit_id,
    unit: row.unit_number !== undefined ? { number: row.unit_number } : undefined,
    building: row.building_name !== undefined ? { name: row.building_name } : undefined,
    status: row.status as Status,
    requestedBy: {
      notaryName: row.notary_name,
      notaryEmail: row.notary_email,
      notaryOffice: row.notary_office,
    },
    locale: row.notary_locale,
    saleDate: isoDate(row.sale_date),
    reference: row.reference,
    source: row.source,
    requestDate: isoDate(row.request_date),
    dueDate,
    /** Working days until the due date (0 on the day, negative once overdue); null once closed. */
    daysRemaining: open ? workingDaysBetween(today, dueDate) : null,
    overdue: open && today > dueDate,
    currentVersion: row.current_version,
    generatedAt: isoTime(row.generated_at),
    deliveredAt: isoTime(row.delivered_at),
    deliveredBy: row.delivered_by,
    deliveryMessageId: row.delivery_message_id,
    validUntil: isoDate(row.valid_until),
    expiredAt: isoTime(row.expired_at),
    cancelledAt: isoTime(row.cancelled_at),
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
  }
}

function withNames(query: any) {
  return query
    .join('units', (j: any) =>
      j
        .on('units.id', 'legal_etat_dates.unit_id')
        .andOn('units.organisation_id', 'legal_etat_dates.organisation_id')
    )
    .join('buildings', (j: any) =>
      j
        .on('buildings.id', 'legal_etat_dates.building_id')
        .andOn('buildings.organisation_id', 'legal_etat_dates.organisation_id')
    )
    .select('legal_etat_dates.*', 'units.number as unit_number', 'buildings.name as building_name')
}

export async function loadEtatDate(id: string, lock = false) {
  const row = await findOr404('legal_etat_dates', id, 'État daté not found', lock)
  return row
}

export async function showEtatDate(id: string) {
  await loadEtatDate(id)
  const row = await withNames(table('legal_etat_dates').where('legal_etat_dates.id', id)).first()
  return serializeEtatDate(row)
}

export interface RequestInput {
  requestedBy: { notaryName: string; notaryEmail: string; notaryOffice?: string | null }
  locale?: string
  saleDate?: string | null
  reference?: string | null
}

/** Creates a request on a unit; `requestDate` defaults to today in Brussels. */
export async function requestEtatDate(
  ctx: HttpContext | null,
  unitId: string,
  input: RequestInput,
  opts: { source?: 'staff' | 'notary_portal'; requestDate?: string; actor?: string | null } = {}
) {
  const unit = await table('units').where('id', unitId).forUpdate().first()
  if (!unit) throw ApiError.notFound('Unit not found')
  const { trx, organisationId } = tenant()
  const org = await Organisation.find(organisationId, { client: trx })
  const requestDate = opts.requestDate ?? todayInBrussels()
  const row = await insert('legal_etat_dates', {
    building_id: unit.building_id,
    unit_id: unit.id,
    status: 'requested',
    notary_name: input.requestedBy.notaryName,
    notary_email: input.requestedBy.notaryEmail.toLowerCase(),
    notary_office: input.requestedBy.notaryOffice ?? null,
    notary_locale: docLocale(input.locale ?? org?.locale),
    sale_date: input.saleDate ?? null,
    reference: input.reference ?? null,
    source: opts.source ?? 'staff',
    request_date: requestDate,
    due_date: addWorkingDays(requestDate, legalConfig.etatDate.dueWorkingDays),
    created_by: opts.actor !== undefined ? opts.actor : actorId(ctx),
  })
  await audit(ctx, {
    action: 'legal.etat_date.requested',
    subjectType: 'legal_etat_date',
    subjectId: row.id,
    actorId: opts.actor !== undefined ? opts.actor : undefined,
    metadata: { unitId, source: row.source, dueDate: isoDate(row.due_date) },
  })
  const staff = await memberUserIds()
  await notify({
    userIds: staff.filter((u) => u !== actorId(ctx)),
    type: 'legal.etat_date_requested',
    title: `État daté requested: unit ${unit.number}`,
    body: `${row.notary_name} — due ${isoDate(row.due_date)}`,
    url: `/app/legal/etat-dates?focus=${row.id}`,
    data: { etatDateId: row.id },
  })
  return showEtatDate(row.id)
}

const LIST_FILTERS = { status: ETAT_DATE_STATUSES }

/** The queue: one building's (or every building's) états datés, most urgent first. */
export async function listEtatDates(ctx: HttpContext, buildingId: string | null) {
  if (buildingId) await assertBuildingExists(buildingId)
  const qs = ctx.request.qs()
  const query = withNames(table('legal_etat_dates'))
  if (buildingId) query.where('legal_etat_dates.building_id', buildingId)
  if (qs.status !== undefined) {
    if (!LIST_FILTERS.status.includes(qs.status))
      throw ApiError.validation('status', `status must be one of ${ETAT_DATE_STATUSES.join(', ')}`)
    query.where('legal_etat_dates.status', qs.status)
  }
  if (qs.overdue !== undefined) {
    if (!['true', 'false'].includes(qs.overdue))
      throw ApiError.validation('overdue', 'overdue must be true or false')
    const today = todayInBrussels()
    if (qs.overdue === 'true')
      query.whereIn('legal_etat_dates.status', OPEN).where('legal_etat_dates.due_date', '<', today)
    else
      query.where((q: any) =>
        q
          .whereNotIn('legal_etat_dates.status', OPEN)
          .orWhere('legal_etat_dates.due_date', '>=', today)
      )
  }
  const today = todayInBrussels()
  return pagedRows(query, pageParams(ctx), (r) => serializeEtatDate(r, today), [
    ['legal_etat_dates.due_date', 'asc'],
    ['legal_etat_dates.id', 'asc'],
  ])
}

export async function organisationBranding(): Promise<{
  org: Organisation
  branding: PdfBranding
}> {
  const { trx, organisationId } = tenant()
  const org = await Organisation.findOrFail(organisationId, { client: trx })
  return {
    org,
    branding: {
      name: org.name,
      displayName: org.branding.displayName,
      primaryColor: org.branding.primaryColor,
      logoUrl: org.branding.logoUrl,
      address: org.address,
      contactEmail: org.contactEmail,
      contactPhone: org.contactPhone,
      vatNumber: org.vatNumber,
    },
  }
}

/** Everything the 16 sections read, from live data, as of `asOf`. */
export async function collectEtatDateInput(
  row: Record<string, any>,
  asOf: string,
  handledBy: string | null
): Promise<EtatDateInput> {
  const { org } = await organisationBranding()
  const building = await table('buildings').where('id', row.building_id).first()
  const unit = await table('units').where('id', row.unit_id).first()
  const owners = await table('unit_owners')
    .join('owners', (j: any) =>
      j
        .on('owners.id', 'unit_owners.owner_id')
        .andOn('owners.organisation_id', 'unit_owners.organisation_id')
    )
    .where('unit_owners.unit_id', row.unit_id)
    .where('unit_owners.start_date', '<=', asOf)
    .where((q: any) =>
      q.whereNull('unit_owners.end_date').orWhere('unit_owners.end_date', '>', asOf)
    )
    .select('owners.*', 'unit_owners.percentage')
    .orderBy('unit_owners.percentage', 'desc')
  const documents = await table('documents')
    .where('building_id', row.building_id)
    .select('name', 'created_at')
    .orderBy('created_at', 'asc')
    .limit(50)
  return {
    etatDate: {
      id: row.id,
      reference: row.reference,
      requestDate: isoDate(row.request_date)!,
      dueDate: isoDate(row.due_date)!,
      saleDate: isoDate(row.sale_date),
      notaryName: row.notary_name,
      notaryEmail: row.notary_email,
      notaryOffice: row.notary_office,
      locale: row.notary_locale,
    },
    asOf,
    building: {
      id: building.id,
      name: building.name,
      street: building.street,
      postalCode: building.postal_code,
      city: building.city,
      enterpriseNumber: building.enterprise_number,
      totalQuota: building.total_quota,
      constructionYear: building.construction_year,
    },
    unit: {
      id: unit.id,
      number: unit.number,
      type: unit.type,
      floor: unit.floor,
      area: unit.area,
      quota: unit.quota,
    },
    owners: owners.map((o: any) => ({
      ownerId: o.id,
      name: ownerName(o),
      percentage: String(o.percentage),
      email: o.email,
    })),
    financials: await financialsFor({ buildingId: row.building_id, unitId: row.unit_id, asOf }),
    disputes: await registerRows('disputes', row.building_id),
    insuranceClaims: await registerRows('insuranceClaims', row.building_id),
    insuranceContracts: await registerRows('insuranceContracts', row.building_id),
    serviceContracts: await registerRows('serviceContracts', row.building_id),
    documents: documents.map((d: any) => ({ name: d.name, createdAt: isoDate(d.created_at) })),
    minutes: await lastTwoGeneralAssemblyMinutes(row.building_id, asOf),
    syndic: {
      name: org.branding.displayName ?? org.name,
      address: org.address,
      email: org.contactEmail,
      phone: org.contactPhone,
      vatNumber: org.vatNumber,
      handledBy,
    },
  }
}

export async function renderEtatDatePdf(snapshot: EtatDateSnapshot): Promise<Buffer> {
  const { branding } = await organisationBranding()
  const l = docLocale(snapshot.locale)
  return renderPdf(etatDateHtml(snapshot, branding), {
    footerText: `${docT(l, 'title')} — ${snapshot.etatDate.reference ?? snapshot.etatDate.id.slice(0, 8)} — v${snapshot.version}`,
  })
}

function pdfKey(organisationId: string, id: string, version: number) {
  return `org/${organisationId}/legal/etat-dates/${id}/v${version}.pdf`
}

export async function generateEtatDate(ctx: HttpContext, id: string) {
  const row = await loadEtatDate(id, true)
  if (!OPEN.includes(row.status)) {
    throw ApiError.invalidState(`An état daté in status "${row.status}" cannot be generated`)
  }
  const { trx, organisationId } = tenant()
  const user = ctx.auth.user as { fullName?: string } | undefined
  const asOf = todayInBrussels()
  const input = await collectEtatDateInput(row, asOf, user?.fullName ?? null)
  const version = row.current_version + 1
  const snapshot = buildSnapshot(input, version, new Date().toISOString())
  const pdf = await renderEtatDatePdf(snapshot)
  const key = pdfKey(organisationId, id, version)
  const disk = drive.use()
  await disk.put(key, pdf, { contentType: 'application/pdf' })
  trx.after('rollback', () => disk.delete(key).catch(() => {}))
  await insert('legal_etat_date_versions', {
    etat_date_id: id,
    version,
    snapshot: JSON.stringify(snapshot),
    pdf_storage_key: key,
    generated_by: actorId(ctx),
  })
  await update('legal_etat_dates', id, {
    status: 'generated',
    current_version: version,
    generated_at: new Date(),
    pdf_storage_key: key,
  })
  await audit(ctx, {
    action: 'legal.etat_date.generated',
    subjectType: 'legal_etat_date',
    subjectId: id,
    metadata: {
      from: row.status,
      to: 'generated',
      version,
      accounting: input.financials.kept ? 'kept' : input.financials.reason,
    },
  })
  return showEtatDate(id)
}

export async function etatDateSnapshot(id: string, version?: number) {
  const row = await loadEtatDate(id)
  const v = version ?? row.current_version
  const found = await table('legal_etat_date_versions')
    .where('etat_date_id', id)
    .where('version', v)
    .first()
  if (!found) throw ApiError.notFound('Version not found')
  return found.snapshot as EtatDateSnapshot
}

export async function listEtatDateVersions(id: string) {
  await loadEtatDate(id)
  const rows = await table('legal_etat_date_versions')
    .where('etat_date_id', id)
    .select('id', 'version', 'generated_by', 'created_at')
    .orderBy('version', 'desc')
  return rows.map((r: any) => ({
    id: r.id,
    version: r.version,
    generatedBy: r.generated_by,
    createdAt: isoTime(r.created_at),
  }))
}

/** The PDF of the current version (409 before the first generation). */
export async function etatDatePdf(id: string): Promise<{ bytes: Buffer; name: string }> {
  const row = await loadEtatDate(id)
  if (!row.pdf_storage_key) throw ApiError.invalidState('The état daté has not been generated yet')
  const bytes = Buffer.from(await drive.use().getBytes(row.pdf_storage_key))
  // ASCII-only file name: the reference is free text typed by a notary.
  const ref = String(row.reference ?? row.id.slice(0, 8)).replace(/[^A-Za-z0-9._-]+/g, '_')
  return { bytes, name: `etat-date-${ref}-v${row.current_version}.pdf` }
}

export async function deliverEtatDate(
  ctx: HttpContext | null,
  id: string,
  message?: string | null
) {
  const row = await loadEtatDate(id, true)
  if (row.status !== 'generated') {
    throw ApiError.invalidState(
      `Only a generated état daté can be delivered (status "${row.status}")`
    )
  }
  const { org } = await organisationBranding()
  const { bytes, name } = await etatDatePdf(id)
  const locale = docLocale(row.notary_locale)
  const unit = await table('units').where('id', row.unit_id).first()
  const building = await table('buildings').where('id', row.building_id).first()
  const validUntil = addDays(todayInBrussels(), legalConfig.etatDate.validityDays)
  const title = `${docT(locale, 'title')} — ${building.name}, ${docT(locale, 'unit')} ${unit.number}`
  const body = [
    message?.trim() || null,
    `${docT(locale, 'reference')}: ${row.reference ?? row.id}`,
    `${docT(locale, 'requestDate')}: ${isoDate(row.request_date)}`,
  ]
    .filter(Boolean)
    .join('\n\n')
  const rendered = await renderTemplated({
    to: row.notary_email,
    template: 'notification',
    locale,
    organisation: org,
    subject: title,
    data: { recipientName: row.notary_name, title, body, url: null },
  })
  let sent: unknown
  try {
    sent = await mail.send((m) => {
      m.to(row.notary_email, row.notary_name)
        .subject(rendered.subject)
        .html(rendered.html)
        .text(rendered.text)
        .attachData(bytes, { filename: name, contentType: 'application/pdf' })
      if (org.contactEmail) m.replyTo(org.contactEmail)
    })
  } catch (error) {
    // Nothing is recorded: the état daté stays `generated` and can be delivered again.
    throw new ApiError(
      503,
      'E_MAIL_UNAVAILABLE',
      `The e-mail could not be sent: ${(error as Error).message}`
    )
  }
  const messageId = (sent as { messageId?: string } | undefined)?.messageId ?? null
  const deliveredBy = actorId(ctx)
  await update('legal_etat_dates', id, {
    status: 'delivered',
    delivered_at: new Date(),
    delivered_by: deliveredBy,
    delivery_message_id: messageId,
    valid_until: validUntil,
  })
  await audit(ctx, {
    action: 'legal.etat_date.delivered',
    subjectType: 'legal_etat_date',
    subjectId: id,
    metadata: {
      from: 'generated',
      to: 'delivered',
      messageId,
      to_email: row.notary_email,
      validUntil,
      version: row.current_version,
    },
  })
  return showEtatDate(id)
}

export async function cancelEtatDate(ctx: HttpContext, id: string) {
  const row = await loadEtatDate(id, true)
  if (!OPEN.includes(row.status)) {
    throw ApiError.invalidState(`An état daté in status "${row.status}" cannot be cancelled`)
  }
  await update('legal_etat_dates', id, {
    status: 'cancelled',
    cancelled_at: new Date(),
    cancelled_by: actorId(ctx),
  })
  await table('legal_notary_requests')
    .where('etat_date_id', id)
    .update({ status: 'cancelled', updated_at: new Date() })
  await audit(ctx, {
    action: 'legal.etat_date.cancelled',
    subjectType: 'legal_etat_date',
    subjectId: id,
    metadata: { from: row.status, to: 'cancelled' },
  })
}

/**
 * Daily (job): reminders to the syndic at 5 and 2 working days left and once overdue,
 * each at most once per état daté (a timestamp column per reminder); marks delivered
 * états datés past their 90 days `expired`. `today` allows time travel in tests.
 */
export async function runEtatDateDeadlines(today = todayInBrussels()) {
  const result = { reminded5: 0, reminded2: 0, overdue: 0, expired: 0 }
  const open = await withNames(table('legal_etat_dates').whereIn('legal_etat_dates.status', OPEN))
  const staff = open.length ? await memberUserIds() : []
  const [first, second] = legalConfig.etatDate.reminderWorkingDays
  for (const row of open) {
    const due = isoDate(row.due_date)!
    const left = workingDaysBetween(today, due)
    let kind: 'overdue' | '5' | '2' | null = null
    if (today > due) {
      if (!row.overdue_notified_at) kind = 'overdue'
    } else if (left <= second) {
      if (!row.reminder_2_at) kind = '2'
    } else if (left <= first) {
      if (!row.reminder_5_at) kind = '5'
    }
    if (!kind) continue
    const column =
      kind === 'overdue' ? 'overdue_notified_at' : kind === '2' ? 'reminder_2_at' : 'reminder_5_at'
    // Late runs: a skipped earlier reminder is recorded too, never sent after a later one.
    const changes: Record<string, unknown> = { [column]: new Date() }
    if (kind !== '5' && !row.reminder_5_at) changes.reminder_5_at = new Date()
    if (kind === 'overdue' && !row.reminder_2_at) changes.reminder_2_at = new Date()
    const claimed = await table('legal_etat_dates')
      .where('id', row.id)
      .whereNull(column)
      .update({ ...changes, updated_at: new Date() })
    if (!claimed) continue
    await notify({
      userIds: staff,
      type: kind === 'overdue' ? 'legal.etat_date_overdue' : 'legal.etat_date_due_soon',
      title:
        kind === 'overdue'
          ? `État daté overdue: ${row.building_name}, unit ${row.unit_number}`
          : `État daté due in ${kind} working days: ${row.building_name}, unit ${row.unit_number}`,
      body: `${row.notary_name} — due ${due}`,
      url: `/app/legal/etat-dates?focus=${row.id}`,
      data: { etatDateId: row.id, kind, dueDate: due },
    })
    await audit(null, {
      action:
        kind === 'overdue' ? 'legal.etat_date.overdue_notified' : 'legal.etat_date.reminder_sent',
      subjectType: 'legal_etat_date',
      subjectId: row.id,
      actorId: null,
      metadata: { kind, dueDate: due, today },
    })
    if (kind === 'overdue') result.overdue++
    else if (kind === '2') result.reminded2++
    else result.reminded5++
  }
  const expiring = await table('legal_etat_dates')
    .where('status', 'delivered')
    .where('valid_until', '<', today)
    .select('id', 'valid_until')
  for (const row of expiring) {
    await update('legal_etat_dates', row.id, { status: 'expired', expired_at: new Date() })
    await audit(null, {
      action: 'legal.etat_date.expired',
      subjectType: 'legal_etat_date',
      subjectId: row.id,
      actorId: null,
      metadata: { from: 'delivered', to: 'expired', validUntil: isoDate(row.valid_until) },
    })
    result.expired++
  }
  return result
}
