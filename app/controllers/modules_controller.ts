import type { HttpContext } from '@adonisjs/core/http'
import { updateModuleValidator } from '#validators/module_validator'
import {
  listModules,
  moduleEntry,
  requestLocale,
  setModule,
} from '#services/module_settings_service'

export default class ModulesController {
  /** GET /organisation/modules: every registered module with this organisation's state. */
  async index(ctx: HttpContext) {
    return {
      data: await listModules(ctx.organisation, requestLocale(ctx, ctx.organisation.locale)),
    }
  }

  /** PUT /organisation/modules/:key {enabled} (admin): 404 unknown, 409 required, 402 outside the plan. */
  async update(ctx: HttpContext) {
    const { enabled } = await ctx.request.validateUsing(updateModuleValidator)
    const key = ctx.params.key
    await setModule(ctx, ctx.organisation, key, enabled)
    return moduleEntry(ctx.organisation, key, requestLocale(ctx, ctx.organisation.locale))
  }
}
