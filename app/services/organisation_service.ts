import { paginateQuery } from '#services/pagination'
import { DateTime } from 'luxon'
import type { HttpContext } from '@adonisjs/core/http'
import type { Infer } from '@vinejs/vine/types'
import Organisation from '#models/organisation'
import AuditLog from '#models/audit_log'
import { currentTenant } from '#tenancy/tenant_context'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import type { updateOrganisationValidator } from '#validators/organisation_validator'

export type UpdateOrganisationInput = Infer<typeof updateOrganisationValidator>

/** The current organisation, read through the request's tenant transaction. */
export async function currentOrganisation(opts: { lock?: boolean } = {}) {
  const { trx, organisationId } = currentTenant()
  const query = Organisation.query({ client: trx }).where('id', organisationId)
  if (opts.lock) query.forUpdate()
  const organisation = await query.first()
  if (!organisation) throw ApiError.notFound()
  return organisation
}

/**
 * Partial update of the organisation profile and branding (admin). Organisation is a
 * global table: written through the tenant transaction so the audit entry and the change
 * commit together. `settings` (require2fa…) are not touched here.
 */
export async function updateOrganisation(ctx: HttpContext, input: UpdateOrganisationInput) {
  const organisation = await currentOrganisation({ lock: true })
  const { trx } = currentTenant()

  if (input.slug !== undefined && input.slug !== organisation.slug) {
    const taken = await Organisation.query({ client: trx })
      .where('slug', input.slug)
      .whereNot('id', organisation.id)
      .first()
    if (taken) throw ApiError.conflict('This slug is already taken', 'slug')
  }

  const before = { ...organisation.serialize(), require2fa: !!organisation.settings?.require2fa }
  if (input.name !== undefined) organisation.name = input.name
  if (input.slug !== undefined) organisation.slug = input.slug
  if (input.vatNumber !== undefined) organisation.vatNumber = input.vatNumber
  if (input.address !== undefined) {
    organisation.address = input.address
      ? { ...input.address, country: input.address.country ?? 'BE' }
      : null
  }
  if (input.locale !== undefined) organisation.locale = input.locale
  if (input.contactEmail !== undefined) organisation.contactEmail = input.contactEmail
  if (input.contactPhone !== undefined) organisation.contactPhone = input.contactPhone
  if (input.branding) {
    const b = input.branding
    if (b.displayName !== undefined) organisation.displayName = b.displayName
    if (b.primaryColor !== undefined) organisation.primaryColor = b.primaryColor
    if (b.logoUrl !== undefined) organisation.logoUrl = b.logoUrl
  }

  if (input.require2fa !== undefined && !!organisation.settings?.require2fa !== input.require2fa) {
    organisation.settings = { ...(organisation.settings ?? {}), require2fa: input.require2fa }
  }

  const changed = Object.keys(organisation.$dirty)
  if (changed.length === 0) return organisation

  await organisation.save()
  await audit(ctx, {
    action: 'organisation.updated',
    subjectType: 'organisation',
    subjectId: organisation.id,
    metadata: {
      changed,
      before: pick(before, changed),
      after: pick(
        { ...organisation.serialize(), require2fa: !!organisation.settings?.require2fa },
        changed
      ),
    },
  })
  // The request context keeps the organisation it resolved; later reads in this request see the update.
  ctx.organisation = organisation
  return organisation
}

/** Keeps the audit metadata small: only the changed attributes (branding ones grouped). */
function pick(serialized: Record<string, unknown>, changed: string[]) {
  const out: Record<string, unknown> = {}
  for (const key of changed) {
    if (['displayName', 'primaryColor', 'logoUrl'].includes(key)) {
      out.branding = serialized.branding
    } else if (key === 'settings') {
      out.require2fa = serialized.require2fa
    } else if (key in serialized) {
      out[key] = serialized[key]
    }
  }
  return out
}

export interface AuditLogFilters {
  action?: string
  actorId?: string
  subjectType?: string
  subjectId?: string
  from?: string
  to?: string
}

/**
 * `from`/`to`: a date (YYYY-MM-DD, a whole day in Europe/Brussels, `to` inclusive) or an
 * ISO 8601 timestamp. Anything else is a 422 on that field.
 */
function parseBound(field: 'from' | 'to', value: string): DateTime {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value)
  const parsed = dateOnly
    ? DateTime.fromISO(value, { zone: 'Europe/Brussels' })
    : DateTime.fromISO(value, { setZone: true })
  if (!parsed.isValid || (!dateOnly && !/^\d{4}-\d{2}-\d{2}T/.test(value))) {
    throw ApiError.validation(
      field,
      `${field} must be a date (YYYY-MM-DD) or an ISO 8601 timestamp`
    )
  }
  return dateOnly && field === 'to' ? parsed.plus({ days: 1 }) : parsed
}

/** GET /organisation/audit-logs: newest first; RLS already limits rows to the tenant. */
export async function listAuditLogs(page: number, perPage: number, filters: AuditLogFilters) {
  const { trx, organisationId } = currentTenant()
  const query = AuditLog.query({ client: trx })
    .where('organisation_id', organisationId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
  if (filters.action) query.where('action', filters.action)
  if (filters.actorId) query.where('actor_id', filters.actorId)
  if (filters.subjectType) query.where('subject_type', filters.subjectType)
  if (filters.subjectId) query.where('subject_id', filters.subjectId)
  const from = filters.from ? parseBound('from', filters.from) : null
  const to = filters.to ? parseBound('to', filters.to) : null
  // A date-only `to` was moved to the next midnight (exclusive); a timestamp is inclusive.
  const toIsDate = !!filters.to && /^\d{4}-\d{2}-\d{2}$/.test(filters.to)
  if (from && to && (toIsDate ? to.minus({ days: 1 }) : to) < from) {
    throw ApiError.validation('to', 'to must not be before from')
  }
  if (from) query.where('created_at', '>=', from.toUTC().toISO()!)
  if (to) query.where('created_at', toIsDate ? '<' : '<=', to.toUTC().toISO()!)
  return paginateQuery(query, { page, perPage })
}
