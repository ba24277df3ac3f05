import type { HttpContext } from '@adonisjs/core/http'
import type User from '#models/user'
import { currentTenant } from '#tenancy/tenant_context'
import { preferencesOf } from '../../services/preferences_service.js'
import { describeEmailChange, pendingEmailOf } from '../../services/rectify_service.js'
import { organisationsOf } from '../../services/subjects.js'
import { gdprRateLimit } from '../../services/rate_limit.js'

/**
 * Module pages are resolved by the front end as `<module>/<path>` but are not in the
 * generated page index (it only covers resources/inertia/pages): typed loosely here.
 */
function renderPage(ctx: HttpContext, page: string, props: Record<string, unknown>) {
  return ctx.inertia.render(page as never, props as never)
}

/** Pages of the gdpr module: the co-owner's "My data" and the admin registers. */
export default class GdprPagesController {
  async myData(ctx: HttpContext) {
    const user = ctx.auth.user as User
    const { trx, organisationId } = currentTenant()
    const owner = await trx
      .from('owners')
      .where('organisation_id', organisationId)
      .where('user_id', user.id)
      .orderBy('created_at')
      .select('first_name', 'last_name', 'phone', 'address')
      .first()
    const [first, ...rest] = user.fullName.split(' ')
    const organisations = await organisationsOf(user.id, organisationId)
    return renderPage(ctx, 'gdpr/portal/my_data', {
      profile: {
        fullName: user.fullName,
        email: user.email,
        firstName: owner?.first_name ?? first ?? '',
        lastName: owner?.last_name ?? rest.join(' '),
        phone: owner?.phone ?? null,
        address: owner?.address ?? null,
      },
      pendingEmail: await pendingEmailOf(user.id),
      preferences: await preferencesOf(user.id),
      organisations: organisations.map((o) => ({
        name: o.name,
        role: o.role,
      })),
      rateLimit: { requests: gdprRateLimit.requests, per: 'hour' },
    })
  }

  async confirmEmail(ctx: HttpContext) {
    const token = String(ctx.params.token)
    const change = await describeEmailChange(token)
    return renderPage(ctx, 'gdpr/public/confirm_email', {
      token,
      status: change.status,
      email: change.email,
    })
  }

  async requests(ctx: HttpContext) {
    return renderPage(ctx, 'gdpr/admin/requests', {})
  }

  async activities(ctx: HttpContext) {
    return renderPage(ctx, 'gdpr/admin/processing_activities', {})
  }

  async incidents(ctx: HttpContext) {
    return renderPage(ctx, 'gdpr/admin/incidents', {})
  }
}
