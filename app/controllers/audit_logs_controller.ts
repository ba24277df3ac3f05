import type { HttpContext } from '@adonisjs/core/http'
import { auditLogListValidator } from '#validators/organisation_validator'
import { listAuditLogs } from '#services/organisation_service'
import { pageParams } from '#services/pagination'

export default class AuditLogsController {
  /** GET /organisation/audit-logs (admin): newest first, filters action, actorId, from, to. */
  async index(ctx: HttpContext) {
    const { page, perPage } = pageParams(ctx)
    const filters = await ctx.request.validateUsing(auditLogListValidator, {
      data: ctx.request.qs(),
    })
    return listAuditLogs(page, perPage, filters)
  }
}
