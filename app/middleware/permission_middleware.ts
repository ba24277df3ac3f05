import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { ApiError } from '#exceptions/api_error'
import { can } from '#policies/permissions'

/** `middleware.can('buildings.write')`: the member's role must hold the permission. */
export default class PermissionMiddleware {
  async handle(ctx: HttpContext, next: NextFn, permission: string) {
    if (!can(ctx.membership.role, permission)) throw ApiError.forbidden()
    return next()
  }
}
