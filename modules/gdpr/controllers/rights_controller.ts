import type { HttpContext } from '@adonisjs/core/http'
import type User from '#models/user'
import { buildExport, exportZip } from '../services/export_service.js'
import { canErase, erase } from '../services/erase_service.js'
import { rectify } from '../services/rectify_service.js'
import { setMarketing, setRestriction } from '../services/preferences_service.js'
import {
  marketingValidator,
  rectifyValidator,
  restrictValidator,
} from '../validators/gdpr_validator.js'

/** The data-subject rights of SPEC §5, for the authenticated person (all their organisations). */
export default class RightsController {
  async export(ctx: HttpContext) {
    const data = await buildExport(ctx, ctx.auth.user as User)
    const stamp = data.exportedAt.slice(0, 10)
    if (ctx.request.qs().format === 'zip') {
      ctx.response.header('Content-Type', 'application/zip')
      ctx.response.header('Content-Disposition', `attachment; filename="my-data-${stamp}.zip"`)
      return ctx.response.send(Buffer.from(exportZip(data)))
    }
    ctx.response.header('Content-Disposition', `attachment; filename="my-data-${stamp}.json"`)
    return data
  }

  async canErase(ctx: HttpContext) {
    return canErase(ctx, ctx.auth.user as User)
  }

  async erase(ctx: HttpContext) {
    await erase(ctx, ctx.auth.user as User)
    return ctx.response.noContent()
  }

  async rectify(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(rectifyValidator)
    return rectify(ctx, ctx.auth.user as User, payload)
  }

  async restrict(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(restrictValidator)
    return setRestriction(ctx, ctx.auth.user as User, payload)
  }

  async marketing(ctx: HttpContext) {
    const { optIn } = await ctx.request.validateUsing(marketingValidator)
    return setMarketing(ctx, ctx.auth.user as User, optIn)
  }
}
