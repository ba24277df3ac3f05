import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { ApiError } from '#exceptions/api_error'
import { withResolvedTenant } from '#tenancy/tenant_context'
import { lookupMembershipAndSetTenant } from '#tenancy/membership_lookup'
import { runTenantGuards } from '#tenancy/tenant_guards'
import type Organisation from '#models/organisation'
import type Membership from '#models/membership'
import type User from '#models/user'

declare module '@adonisjs/core/http' {
  interface HttpContext {
    organisation: Organisation
    membership: Membership
    /** Module keys the organisation has on, read with the membership (module gate). */
    enabledModuleKeys?: ReadonlySet<string>
  }
}

/**
 * Resolves the organisation (X-Organisation header: id or slug; else the portal slug in
 * the URL; else the user's first membership), checks membership, then runs the rest of
 * the request inside one tenant transaction. A thrown error rolls everything back.
 */
export default class TenantMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const user = (ctx.auth.user ?? null) as User | null
    if (!user) throw new ApiError(401, 'E_UNAUTHORIZED', 'Authentication required')

    const requested =
      ctx.request.header('x-organisation') ??
      ctx.params.slug ??
      ctx.session?.get('organisationId') ??
      null
    // Membership lookup and set_config('app.tenant_id') in one precompiled query, as the
    // first statement of the tenant transaction (not a member: rolled back, 403).
    return withResolvedTenant(
      (trx) => lookupMembershipAndSetTenant(trx, user, requested),
      (resolved) => resolved.organisation.id,
      () => ApiError.forbidden('You are not a member of this organisation'),
      async (resolved) => {
        ctx.organisation = resolved.organisation
        ctx.membership = resolved.membership
        ctx.enabledModuleKeys = resolved.enabledModules
        await runTenantGuards(ctx)
        await next()
      }
    )
  }
}
