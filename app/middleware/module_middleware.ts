import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { ApiError } from '#exceptions/api_error'
import moduleAccess from '#core_modules/module_access'

/** `middleware.module('accounting')`: 403 E_MODULE_DISABLED when the organisation has it off. */
export default class ModuleMiddleware {
  async handle(ctx: HttpContext, next: NextFn, key: string) {
    // The tenant middleware read the enabled keys with the membership; otherwise ask.
    const enabled = ctx.enabledModuleKeys
      ? moduleAccess.isEnabledAmong(ctx.enabledModuleKeys, key)
      : await moduleAccess.isEnabled(key)
    if (!enabled) throw ApiError.moduleDisabled(key)
    return next()
  }
}
