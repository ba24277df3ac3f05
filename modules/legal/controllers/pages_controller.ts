import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import { INSPECTION_TYPES } from '#config/legal'
import { table } from '../services/common.js'
import { viewerOf } from '../services/contractor_service.js'
import { notaryFee, notaryOrganisation } from '../services/notary_service.js'
import { withTenant } from '#tenancy/tenant_context'
import { can, type Role } from '#policies/permissions'
import { TICKET_CATEGORIES, TICKET_PRIORITIES } from '../validators/work_validator.js'

/**
 * Renders a module page. Module pages are resolved by resources/inertia/app.ts; the
 * generated page-name union (adonisrc indexPages) covers only the core folder, so the
 * name is widened here.
 */
function render(ctx: HttpContext, page: `legal/${string}`, props: Record<string, unknown>) {
  return ctx.inertia.render(page as Parameters<HttpContext['inertia']['render']>[0], props as never)
}

/** Initial props of the legal pages; the pages read and write through /api/v1. */
async function buildings() {
  const rows = await table('buildings')
    .whereNull('archived_at')
    .select('id', 'name')
    .orderBy('name')
  return rows.map((b: any) => ({ id: b.id, name: b.name }))
}

function canWrite(ctx: HttpContext) {
  return can(ctx.membership.role as Role, 'legal.write')
}

export default class LegalPagesController {
  async etatDates(ctx: HttpContext) {
    return render(ctx, 'legal/etat_dates/index', {
      buildings: await buildings(),
      canWrite: canWrite(ctx),
    })
  }

  async registers(ctx: HttpContext) {
    return render(ctx, 'legal/registers/index', {
      buildings: await buildings(),
      canWrite: canWrite(ctx),
    })
  }

  async inspections(ctx: HttpContext) {
    return render(ctx, 'legal/inspections/index', {
      buildings: await buildings(),
      types: [...INSPECTION_TYPES],
      canWrite: canWrite(ctx),
    })
  }

  async tickets(ctx: HttpContext) {
    return render(ctx, 'legal/tickets/index', {
      buildings: await buildings(),
      canWrite: canWrite(ctx),
    })
  }

  async workReports(ctx: HttpContext) {
    return render(ctx, 'legal/work_reports/index', {
      buildings: await buildings(),
      canWrite: canWrite(ctx),
    })
  }

  /** Co-owner: the buildings (and units) they own, to report a problem on. */
  async portalTickets(ctx: HttpContext) {
    const user = ctx.auth.user as { id: string }
    const staff = ['admin', 'syndic', 'board_member'].includes(ctx.membership.role)
    const query = table('units')
      .join('buildings', (j: any) =>
        j
          .on('buildings.id', 'units.building_id')
          .andOn('buildings.organisation_id', 'units.organisation_id')
      )
      .select(
        'units.id',
        'units.number',
        'buildings.id as building_id',
        'buildings.name as building_name'
      )
      .orderBy('buildings.name')
      .orderBy('units.number')
    if (!staff) {
      query
        .join('unit_owners', (j: any) =>
          j
            .on('unit_owners.unit_id', 'units.id')
            .andOn('unit_owners.organisation_id', 'units.organisation_id')
        )
        .join('owners', (j: any) =>
          j
            .on('owners.id', 'unit_owners.owner_id')
            .andOn('owners.organisation_id', 'unit_owners.organisation_id')
        )
        .where('owners.user_id', user.id)
        .whereNull('unit_owners.end_date')
    } else query.limit(200)
    const units = await query
    return render(ctx, 'legal/portal/tickets', {
      units: units.map((u: any) => ({
        id: u.id,
        number: u.number,
        buildingId: u.building_id,
        buildingName: u.building_name,
      })),
      categories: [...TICKET_CATEGORIES],
      priorities: [...TICKET_PRIORITIES],
    })
  }

  /** Contractor (phone-first): assigned tickets and own reports. */
  async contractorHome(ctx: HttpContext) {
    const viewer = await viewerOf(ctx)
    const ticketBuildings = viewer.contractor
      ? await table('legal_tickets')
          .join('buildings', (j: any) =>
            j
              .on('buildings.id', 'legal_tickets.building_id')
              .andOn('buildings.organisation_id', 'legal_tickets.organisation_id')
          )
          .where('legal_tickets.contractor_id', viewer.contractor.id)
          .distinct('buildings.id', 'buildings.name')
      : []
    const all = viewer.staff
      ? await buildings()
      : ticketBuildings.map((b: any) => ({ id: b.id, name: b.name }))
    return render(ctx, 'legal/contractor/index', {
      contractor: viewer.contractor
        ? { id: viewer.contractor.id, name: viewer.contractor.name }
        : null,
      buildings: all,
    })
  }

  async notaryRequest(ctx: HttpContext) {
    const org = await this.#org(ctx)
    if (!org) return
    const fee = await withTenant(org.id, () => notaryFee())
    return render(ctx, 'legal/notary/request', {
      brand: this.#brand(org),
      slug: org.slug,
      fee,
      cancelled: ctx.request.qs().cancelled === '1',
    })
  }

  async notaryTrack(ctx: HttpContext) {
    const org = await this.#org(ctx)
    if (!org) return
    return render(ctx, 'legal/notary/track', {
      brand: this.#brand(org),
      slug: org.slug,
      token: String(ctx.params.token),
      paid: ctx.request.qs().paid === '1',
    })
  }

  #brand(org: Awaited<ReturnType<typeof notaryOrganisation>>) {
    return {
      name: org.branding.displayName,
      primaryColor: org.branding.primaryColor,
      logoUrl: org.branding.logoUrl,
      contactEmail: org.contactEmail,
      contactPhone: org.contactPhone,
    }
  }

  async #org(ctx: HttpContext) {
    try {
      return await notaryOrganisation(ctx.params.slug)
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      const page = await ctx.inertia.render('errors/error', {
        status: 404,
        errors: [{ code: 'E_NOT_FOUND', message: 'Page not found' }],
      })
      ctx.response.status(404).send(page)
      return null
    }
  }
}
