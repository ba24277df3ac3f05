import type { HttpContext } from '@adonisjs/core/http'
import { can, type Role } from '#policies/permissions'
import { q, viewerOwner } from './meeting_common.js'
import { findMeeting } from './meeting_service.js'

/** Pages of the general assemblies; they read and write through /api/v1. */
function render(ctx: HttpContext, page: `legal/${string}`, props: Record<string, unknown>) {
  return ctx.inertia.render(page as Parameters<HttpContext['inertia']['render']>[0], props as never)
}

async function buildings() {
  const rows = await q('buildings').whereNull('archived_at').select('id', 'name').orderBy('name')
  return rows.map((b: any) => ({ id: b.id, name: b.name }))
}

export default class MeetingPagesController {
  async index(ctx: HttpContext) {
    return render(ctx, 'legal/meetings/index', {
      buildings: await buildings(),
      canWrite: can(ctx.membership.role as Role, 'legal.meetings.write'),
    })
  }

  /** The live console of one meeting (meeting night, projector). */
  async console(ctx: HttpContext) {
    const meeting = await findMeeting(ctx, ctx.params.id)
    return render(ctx, 'legal/meetings/console', {
      meetingId: meeting.id,
      canWrite: can(ctx.membership.role as Role, 'legal.meetings.write'),
    })
  }

  /** Co-owner portal: meetings of their buildings, remote voting, receipts. */
  async portal(ctx: HttpContext) {
    const owner = await viewerOwner(ctx)
    const rows = owner
      ? await q('units')
          .join('unit_owners', (j) =>
            j
              .on('unit_owners.unit_id', 'units.id')
              .andOn('unit_owners.organisation_id', 'units.organisation_id')
          )
          .join('buildings', (j) =>
            j
              .on('buildings.id', 'units.building_id')
              .andOn('buildings.organisation_id', 'units.organisation_id')
          )
          .where('unit_owners.owner_id', owner.id)
          .distinct('buildings.id', 'buildings.name')
      : await q('buildings').whereNull('archived_at').select('id', 'name')
    return render(ctx, 'legal/portal/meetings/index', {
      buildings: rows.map((b: any) => ({ id: b.id, name: b.name })),
      ownerId: owner?.id ?? null,
    })
  }
}
