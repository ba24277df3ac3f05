import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { ApiError } from '#exceptions/api_error'
import type User from '#models/user'

export default class SuperadminMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const user = ctx.auth.user as User | undefined
    if (!user?.isSuperadmin) throw ApiError.forbidden('Platform staff only')
    return next()
  }
}
