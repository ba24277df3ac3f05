import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import Organisation, { type OrganisationStatus } from '#models/organisation'
import type { Locale } from '#core_modules/module_manifest'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { withTenant } from '#tenancy/tenant_context'
import { moduleEntry, setModule } from '#services/module_settings_service'

/*
| Platform staff (superadmin) operations across organisations. No request tenant here:
| everything organisation-specific runs inside withTenant(thatOrganisation), and every
| access, reads included, leaves an audit entry (SPEC §1, §3).
*/

/** Buildings are RLS-protected: counted inside each organisation's own tenant transaction. */
async function buildingCount(organisationId: string): Promise<number> {
  return withTenant(organisationId, async (trx) => {
    const row = await trx.from('buildings').whereNull('archived_at').count('* as total').first()
    return Number(row?.total ?? 0)
  })
}

function serializeAdmin(organisation: Organisation, buildings: number) {
  return {
    ...organisation.serialize(),
    memberCount: Number(organisation.$extras.member_count ?? 0),
    buildingCount: buildings,
  }
}

function withMemberCount() {
  return Organisation.query().select(
    'organisations.*',
    db.raw(
      '(select count(*) from memberships m where m.organisation_id = organisations.id)::int as member_count'
    )
  )
}

export async function listOrganisations(
  ctx: HttpContext,
  page: number,
  perPage: number,
  filters: { status?: OrganisationStatus; q?: string }
) {
  const query = withMemberCount()
    .orderBy('organisations.created_at', 'desc')
    .orderBy('organisations.id')
  if (filters.status) query.where('organisations.status', filters.status)
  if (filters.q) {
    const like = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    query.where((q) =>
      q.whereILike('organisations.name', like).orWhereILike('organisations.slug', like)
    )
  }
  const result = await query.paginate(page, perPage)
  const data = []
  for (const organisation of result.all()) {
    data.push(serializeAdmin(organisation, await buildingCount(organisation.id)))
  }

  await audit(ctx, {
    action: 'admin.organisations.listed',
    organisationId: null,
    metadata: { page, perPage, ...filters, returned: data.map((o) => o.id) },
  })
  return {
    data,
    meta: {
      total: result.total,
      perPage,
      currentPage: page,
      lastPage: Math.max(1, result.lastPage),
    },
  }
}

async function findOrganisation(id: string) {
  const organisation = await Organisation.find(id)
  if (!organisation) throw ApiError.notFound()
  return organisation
}

/** Superadmins may grant any module (no plan check); required modules still cannot go off. */
export async function adminSetModule(
  ctx: HttpContext,
  organisationId: string,
  key: string,
  enabled: boolean,
  locale: Locale
) {
  const organisation = await findOrganisation(organisationId)
  return withTenant(organisation.id, async () => {
    await setModule(ctx, organisation, key, enabled, {
      bypassPlan: true,
      auditAction: 'admin.module',
    })
    return moduleEntry(organisation, key, locale)
  })
}

export async function adminSetStatus(
  ctx: HttpContext,
  organisationId: string,
  status: OrganisationStatus
) {
  await findOrganisation(organisationId)
  return withTenant(organisationId, async (trx) => {
    const organisation = await Organisation.query({ client: trx })
      .where('id', organisationId)
      .forUpdate()
      .firstOrFail()
    const from = organisation.status
    organisation.status = status
    await organisation.save()
    await audit(ctx, {
      action: 'admin.organisation.status_changed',
      subjectType: 'organisation',
      subjectId: organisation.id,
      metadata: { from, to: status },
    })
    const withCount = await withMemberCount()
      .useTransaction(trx)
      .where('organisations.id', organisation.id)
      .firstOrFail()
    return serializeAdmin(withCount, await buildingCount(organisation.id))
  })
}
