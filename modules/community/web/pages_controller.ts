import type { HttpContext } from '@adonisjs/core/http'
import { actorOf, tenant } from '../shared/context.js'

/*
| Inertia pages of the module. Each page gets what it needs to start (organisation,
| the co-owner record, buildings); lists and actions go through /api/v1 from the page.
*/
async function staffBuildings() {
  const { trx, organisationId } = tenant()
  return trx
    .from('buildings')
    .where('organisation_id', organisationId)
    .whereNull('archived_at')
    .orderBy('name')
    .select('id', 'name', 'city')
}

async function ownerBuildings(ownerIds: string[]) {
  const { trx, organisationId } = tenant()
  if (!ownerIds.length) return []
  const rows = await trx.rawQuery(
    `SELECT DISTINCT b.id, b.name, b.city FROM buildings b
       JOIN units u ON u.organisation_id = b.organisation_id AND u.building_id = b.id
       JOIN unit_owners uo ON uo.organisation_id = u.organisation_id AND uo.unit_id = u.id
      WHERE b.organisation_id = ? AND uo.owner_id = ANY (?::uuid[])
        AND (uo.end_date IS NULL OR uo.end_date > (now() AT TIME ZONE 'Europe/Brussels')::date)
      ORDER BY b.name`,
    [organisationId, ownerIds]
  )
  return rows.rows as { id: string; name: string; city: string }[]
}

async function portalProps(ctx: HttpContext) {
  const actor = await actorOf(ctx)
  return {
    organisationId: ctx.organisation.id,
    slug: ctx.organisation.slug,
    ownerId: actor.ownerIds[0] ?? null,
    staff: actor.staff,
    buildings: actor.staff ? await staffBuildings() : await ownerBuildings(actor.ownerIds),
  }
}

async function staffProps(ctx: HttpContext) {
  return { organisationId: ctx.organisation.id, buildings: await staffBuildings() }
}

export default class CommunityPagesController {
  async polls(ctx: HttpContext) {
    return ctx.inertia.render('community/portal/polls' as any, await portalProps(ctx))
  }

  async board(ctx: HttpContext) {
    return ctx.inertia.render('community/portal/board' as any, await portalProps(ctx))
  }

  async skills(ctx: HttpContext) {
    return ctx.inertia.render('community/portal/skills' as any, await portalProps(ctx))
  }

  async resources(ctx: HttpContext) {
    return ctx.inertia.render('community/portal/resources' as any, await portalProps(ctx))
  }

  async bookings(ctx: HttpContext) {
    return ctx.inertia.render('community/portal/bookings' as any, await portalProps(ctx))
  }

  async moderation(ctx: HttpContext) {
    return ctx.inertia.render('community/staff/moderation' as any, await staffProps(ctx))
  }

  async resourceAdmin(ctx: HttpContext) {
    return ctx.inertia.render('community/staff/resources' as any, await staffProps(ctx))
  }

  async approvals(ctx: HttpContext) {
    return ctx.inertia.render('community/staff/approvals' as any, await staffProps(ctx))
  }

  async statistics(ctx: HttpContext) {
    return ctx.inertia.render('community/staff/statistics' as any, await staffProps(ctx))
  }
}
