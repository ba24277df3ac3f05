import type { HttpContext } from '@adonisjs/core/http'
import moduleRegistry from '#core_modules/module_registry'
import { TRIAL_DAYS } from '#config/plans'
import { planList } from '#controllers/web/session_controller'

/** Public pages: pricing home and the invitation landing page. */
export default class PublicController {
  async home({ inertia }: HttpContext) {
    return inertia.render('home', {
      plans: planList(),
      trialDays: TRIAL_DAYS,
      modules: moduleRegistry
        .all()
        .map((m) => ({ key: m.key, names: m.names, descriptions: m.descriptions })),
    })
  }

  /** The page reads the invitation from the API (GET /api/v1/invitations/:token). */
  async invitation({ inertia, params }: HttpContext) {
    return inertia.render('invitations/accept', { token: String(params.token) })
  }
}
