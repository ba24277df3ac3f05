import type { HttpContext } from '@adonisjs/core/http'
import { buildingSummary } from '#services/building_summary_service'

/** Module landing data for one building; proves the module gate end to end. */
export default class SummaryController {
  async show({ params }: HttpContext) {
    return { module: 'gdpr', ...(await buildingSummary(params.id)) }
  }
}
