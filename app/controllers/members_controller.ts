import type { HttpContext } from '@adonisjs/core/http'
import {
  inviteMemberValidator,
  memberListValidator,
  updateMemberValidator,
} from '#validators/member_validator'
import {
  changeRole,
  inviteMember,
  listMembers,
  removeMember,
  serializeMember,
} from '#services/member_service'
import { pageParams } from '#services/pagination'

export default class MembersController {
  /** GET /organisation/members: paged, `?role=` filter. */
  async index(ctx: HttpContext) {
    const { page, perPage } = pageParams(ctx)
    const { role } = await ctx.request.validateUsing(memberListValidator, {
      data: ctx.request.qs(),
    })
    return listMembers(page, perPage, role)
  }

  /** POST /organisation/members {email, role}: creates an invitation (201). */
  async store(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(inviteMemberValidator)
    const invitation = await inviteMember(ctx, payload)
    return ctx.response.created(invitation)
  }

  /** PUT /organisation/members/:id {role} (id = membership id). */
  async update(ctx: HttpContext) {
    const { role } = await ctx.request.validateUsing(updateMemberValidator)
    return serializeMember(await changeRole(ctx, ctx.params.id, role))
  }

  /** DELETE /organisation/members/:id → 204. */
  async destroy(ctx: HttpContext) {
    await removeMember(ctx, ctx.params.id)
    return ctx.response.noContent()
  }
}
