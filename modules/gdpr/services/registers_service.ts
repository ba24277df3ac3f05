import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { currentTenant } from '#tenancy/tenant_context'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { paginate } from '#services/pagination'
import ProcessingActivity from '../models/processing_activity.js'
import Incident from '../models/incident.js'
import GdprRequest from '../models/gdpr_request.js'
import { STANDARD_ACTIVITIES } from './standard_activities.js'
import { REQUEST_STATUSES, REQUEST_TYPES } from './rights_log.js'
import { INCIDENT_STATUSES, LEGAL_BASES } from '../validators/gdpr_validator.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function enumFilter<T extends string>(value: unknown, allowed: readonly T[], field: string) {
  if (value === undefined || value === '') return undefined
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw ApiError.validation(field, `${field} must be one of: ${allowed.join(', ')}`)
  }
  return value as T
}

function dateFilter(value: unknown, field: string) {
  if (value === undefined || value === '') return undefined
  const parsed =
    typeof value === 'string' ? DateTime.fromISO(value, { zone: 'Europe/Brussels' }) : null
  if (!parsed?.isValid) throw ApiError.validation(field, `${field} must be a date (YYYY-MM-DD)`)
  return parsed
}

// ------------------------------------------------------------------ rights requests log
/** GET /gdpr/requests: paged, filterable by type, status, userId, from, to. */
export async function listRequests(ctx: HttpContext) {
  const qs = ctx.request.qs()
  const type = enumFilter(qs.type, REQUEST_TYPES, 'type')
  const status = enumFilter(qs.status, REQUEST_STATUSES, 'status')
  const from = dateFilter(qs.from, 'from')
  const to = dateFilter(qs.to, 'to')
  if (qs.userId !== undefined && (typeof qs.userId !== 'string' || !UUID.test(qs.userId))) {
    throw ApiError.validation('userId', 'userId must be a UUID')
  }
  const query = GdprRequest.query().orderBy('created_at', 'desc').orderBy('id')
  if (type) query.where('type', type)
  if (status) query.where('status', status)
  if (qs.userId) query.where('user_id', qs.userId)
  if (from) query.where('created_at', '>=', from.startOf('day').toJSDate())
  if (to) query.where('created_at', '<', to.plus({ days: 1 }).startOf('day').toJSDate())
  const page = await paginate(ctx, query)
  // Names read from users now: an erased person shows as "Anonymised user #…".
  const ids = [...new Set(page.data.map((r) => r.userId as string).filter(Boolean))]
  const users = ids.length
    ? await currentTenant().trx.from('users').whereIn('id', ids).select('id', 'full_name')
    : []
  const names = new Map(users.map((u) => [u.id, u.full_name]))
  return {
    ...page,
    data: page.data.map((r) => ({ ...r, userName: names.get(r.userId as string) ?? null })),
  }
}

// ------------------------------------------------------------------ Art. 30 register
/** Seeds the standard activities the first time an organisation opens its register. */
export async function ensureStandardActivities() {
  const { trx, organisationId } = currentTenant()
  const any = await trx
    .from('gdpr_processing_activities')
    .where('organisation_id', organisationId)
    .select('id')
    .first()
  if (any) return
  await trx
    .table('gdpr_processing_activities')
    .insert(
      STANDARD_ACTIVITIES.map((a) => ({
        organisation_id: organisationId,
        code: a.code,
        title: a.title,
        purpose: a.purpose,
        legal_basis: a.legalBasis,
        data_subjects: JSON.stringify(a.dataSubjects),
        data_categories: JSON.stringify(a.dataCategories),
        recipients: JSON.stringify(a.recipients),
        retention: a.retention,
        security_measures: a.securityMeasures,
        is_standard: true,
      }))
    )
    .onConflict(['organisation_id', 'code'])
    .ignore()
}

export async function listActivities(ctx: HttpContext) {
  await ensureStandardActivities()
  const qs = ctx.request.qs()
  const legalBasis = enumFilter(qs.legalBasis, LEGAL_BASES, 'legalBasis')
  const query = ProcessingActivity.query()
    .orderBy('is_standard', 'desc')
    .orderBy('title')
    .orderBy('id')
  if (legalBasis) query.where('legal_basis', legalBasis)
  return paginate(ctx, query)
}

async function findActivity(id: string) {
  if (!UUID.test(id)) throw ApiError.notFound('Processing activity not found')
  const row = await ProcessingActivity.find(id)
  if (!row) throw ApiError.notFound('Processing activity not found')
  return row
}

export async function showActivity(id: string) {
  return findActivity(id)
}

export async function createActivity(ctx: HttpContext, input: Record<string, any>) {
  await ensureStandardActivities()
  const row = await ProcessingActivity.create({
    title: input.title,
    purpose: input.purpose,
    legalBasis: input.legalBasis,
    dataSubjects: input.dataSubjects,
    dataCategories: input.dataCategories,
    recipients: input.recipients ?? [],
    retention: input.retention,
    transfersOutsideEea: input.transfersOutsideEea ?? false,
    securityMeasures: input.securityMeasures ?? null,
    isStandard: false,
    code: null,
  })
  await audit(ctx, {
    action: 'gdpr_register.activity_created',
    subjectType: 'gdpr_processing_activity',
    subjectId: row.id,
    metadata: { title: row.title, legalBasis: row.legalBasis },
  })
  return row
}

export async function updateActivity(ctx: HttpContext, id: string, input: Record<string, any>) {
  const row = await findActivity(id)
  row.merge(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)))
  const changed = Object.keys(row.$dirty)
  if (changed.length) {
    await row.save()
    await audit(ctx, {
      action: 'gdpr_register.activity_updated',
      subjectType: 'gdpr_processing_activity',
      subjectId: row.id,
      metadata: { changed },
    })
  }
  return row
}

export async function deleteActivity(ctx: HttpContext, id: string) {
  const row = await findActivity(id)
  // The standard entries describe processing the platform always does: adapt, not remove.
  if (row.isStandard) {
    throw ApiError.conflict('A standard processing activity can be edited but not deleted')
  }
  await row.delete()
  await audit(ctx, {
    action: 'gdpr_register.activity_deleted',
    subjectType: 'gdpr_processing_activity',
    subjectId: row.id,
    metadata: { title: row.title },
  })
}

// ------------------------------------------------------------------ breach register
function parseWhen(value: string | null | undefined, field: string): DateTime | null | undefined {
  if (value === undefined) return undefined
  if (value === null) return null
  const parsed = DateTime.fromISO(value, { setZone: true })
  if (!parsed.isValid) throw ApiError.validation(field, `${field} must be an ISO 8601 timestamp`)
  if (parsed > DateTime.now().plus({ minutes: 5 })) {
    throw ApiError.validation(field, `${field} cannot be in the future`)
  }
  return parsed.toUTC()
}

async function findIncident(id: string) {
  if (!UUID.test(id)) throw ApiError.notFound('Incident not found')
  const row = await Incident.find(id)
  if (!row) throw ApiError.notFound('Incident not found')
  return row
}

export async function listIncidents(ctx: HttpContext) {
  const qs = ctx.request.qs()
  const status = enumFilter(qs.status, INCIDENT_STATUSES, 'status')
  const query = Incident.query().orderBy('detected_at', 'desc').orderBy('id')
  if (status) query.where('status', status)
  return paginate(ctx, query)
}

export async function showIncident(id: string) {
  return findIncident(id)
}

export async function createIncident(ctx: HttpContext, input: Record<string, any>) {
  const detectedAt = parseWhen(input.detectedAt, 'detectedAt')!
  const occurredAt = parseWhen(input.occurredAt, 'occurredAt') ?? null
  if (occurredAt && occurredAt > detectedAt) {
    throw ApiError.validation('occurredAt', 'occurredAt cannot be after detectedAt')
  }
  const row = await Incident.create({
    title: input.title,
    description: input.description,
    detectedAt,
    occurredAt,
    severity: input.severity ?? 'medium',
    status: 'open',
    dataCategories: input.dataCategories ?? [],
    affectedSubjects: input.affectedSubjects ?? null,
    consequences: input.consequences ?? null,
    measures: input.measures ?? null,
    notificationRequired: input.notificationRequired ?? true,
    reportedBy: (ctx.auth.user as { id: string } | undefined)?.id ?? null,
  })
  await audit(ctx, {
    action: 'gdpr_incident.created',
    subjectType: 'gdpr_incident',
    subjectId: row.id,
    metadata: { severity: row.severity, authorityDeadline: row.authorityDeadline },
  })
  return row
}

/**
 * PUT /gdpr/incidents/:id. A closed incident is frozen (409). Setting
 * `authorityNotifiedAt` moves an open/investigating incident to `notified`; status
 * `notified` without a notification timestamp records "now".
 */
export async function updateIncident(ctx: HttpContext, id: string, input: Record<string, any>) {
  const row = await findIncident(id)
  if (row.status === 'closed') throw ApiError.invalidState('A closed incident cannot be changed')

  const patch: Record<string, unknown> = {}
  for (const key of [
    'title',
    'description',
    'severity',
    'dataCategories',
    'affectedSubjects',
    'consequences',
    'measures',
    'notificationRequired',
    'authorityReference',
  ]) {
    if (input[key] !== undefined) patch[key] = input[key]
  }
  const detectedAt = parseWhen(input.detectedAt, 'detectedAt')
  if (detectedAt) patch.detectedAt = detectedAt
  const occurredAt = parseWhen(input.occurredAt, 'occurredAt')
  if (occurredAt !== undefined) patch.occurredAt = occurredAt
  const notifiedAt = parseWhen(input.authorityNotifiedAt, 'authorityNotifiedAt')
  if (notifiedAt !== undefined) patch.authorityNotifiedAt = notifiedAt
  const subjectsAt = parseWhen(input.subjectsNotifiedAt, 'subjectsNotifiedAt')
  if (subjectsAt !== undefined) patch.subjectsNotifiedAt = subjectsAt

  const effectiveDetected = (patch.detectedAt as DateTime | undefined) ?? row.detectedAt
  const effectiveNotified =
    patch.authorityNotifiedAt !== undefined
      ? (patch.authorityNotifiedAt as DateTime | null)
      : row.authorityNotifiedAt
  if (effectiveNotified && effectiveNotified < effectiveDetected) {
    throw ApiError.validation(
      'authorityNotifiedAt',
      'authorityNotifiedAt cannot be before detectedAt'
    )
  }
  const effectiveOccurred =
    patch.occurredAt !== undefined ? (patch.occurredAt as DateTime | null) : row.occurredAt
  if (effectiveOccurred && effectiveOccurred > effectiveDetected) {
    throw ApiError.validation('occurredAt', 'occurredAt cannot be after detectedAt')
  }

  let status = input.status ?? row.status
  if (status === 'notified' && !effectiveNotified) patch.authorityNotifiedAt = DateTime.utc()
  if (notifiedAt && (status === 'open' || status === 'investigating')) status = 'notified'
  if (status !== row.status) {
    if (status === 'open' && row.status !== 'open') {
      throw ApiError.invalidState(`An incident cannot go back from ${row.status} to open`)
    }
    patch.status = status
    if (status === 'closed') patch.closedAt = DateTime.utc()
  }

  row.merge(patch)
  const changed = Object.keys(row.$dirty)
  if (changed.length) {
    await row.save()
    await audit(ctx, {
      action: 'gdpr_incident.updated',
      subjectType: 'gdpr_incident',
      subjectId: row.id,
      metadata: { changed, status: row.status },
    })
  }
  return row
}
