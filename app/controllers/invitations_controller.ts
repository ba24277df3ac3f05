import type { HttpContext } from '@adonisjs/core/http'
import type User from '#models/user'
import { ApiError } from '#exceptions/api_error'
import { acceptValidator, invitationListValidator } from '#validators/invitation_validator'
import {
  acceptInvitation,
  describeInvitation,
  inviteOwner,
  listInvitations,
  revokeInvitation,
} from '#services/invitation_service'
import { pageParams } from '#services/pagination'

export default class InvitationsController {
  /** GET /organisation/invitations: `?status=pending` (default) | accepted | expired | revoked | all. */
  async index(ctx: HttpContext) {
    const { page, perPage } = pageParams(ctx)
    const { status } = await ctx.request.validateUsing(invitationListValidator, {
      data: ctx.request.qs(),
    })
    return listInvitations(page, perPage, status ?? 'pending')
  }

  /** DELETE /organisation/invitations/:id → 204. */
  async destroy(ctx: HttpContext) {
    await revokeInvitation(ctx, ctx.params.id)
    return ctx.response.noContent()
  }

  /** POST /owners/:id/invite: portal invitation (role owner) for a co-owner (201). */
  async inviteOwner(ctx: HttpContext) {
    const invitation = await inviteOwner(ctx, ctx.params.id)
    return ctx.response.created(invitation)
  }

  /** GET /invitations/:token (public): organisation, e-mail, role, status for the accept page. */
  async show(ctx: HttpContext) {
    return describeInvitation(ctx.params.token)
  }

  /** POST /invitations/:token/accept (no tenant; signing in is optional). */
  async accept(ctx: HttpContext) {
    const caller = await optionalUser(ctx)
    const payload = await ctx.request.validateUsing(acceptValidator)
    return acceptInvitation(ctx, ctx.params.token, payload, caller)
  }
}

/**
 * The caller's account if they are signed in. A bearer token that does not authenticate
 * is a 401 (the client meant to be someone); no credentials at all is a guest.
 */
async function optionalUser(ctx: HttpContext): Promise<User | null> {
  if (ctx.request.header('authorization')) {
    try {
      return (await ctx.auth.authenticateUsing(['api'])) as User
    } catch {
      throw new ApiError(401, 'E_UNAUTHORIZED', 'Authentication required')
    }
  }
  const web = ctx.auth.use('web')
  return (await web.check()) ? (web.user as User) : null
}
