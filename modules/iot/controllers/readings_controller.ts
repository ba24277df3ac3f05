import type { HttpContext } from '@adonisjs/core/http'
import {
  anomaliesQueryValidator,
  readingsQueryValidator,
  statisticsQueryValidator,
} from '../validators/iot_validators.js'
import {
  latestForBuilding,
  listAnomalies,
  listRejected,
  readings,
  statistics,
} from '../services/readings_service.js'
import { pageParams } from '#services/pagination'

export default class ReadingsController {
  async index(ctx: HttpContext) {
    const q = await readingsQueryValidator.validate(ctx.request.qs())
    return readings({ buildingId: ctx.params.id, ...q })
  }

  async latest(ctx: HttpContext) {
    return latestForBuilding(ctx.params.id)
  }

  async statistics(ctx: HttpContext) {
    const q = await statisticsQueryValidator.validate(ctx.request.qs())
    return statistics({ buildingId: ctx.params.id, ...q })
  }

  async anomalies(ctx: HttpContext) {
    const q = await anomaliesQueryValidator.validate(ctx.request.qs())
    return listAnomalies({ buildingId: ctx.params.id, ...q })
  }

  async rejected(ctx: HttpContext) {
    const { page, perPage } = pageParams(ctx)
    return listRejected(ctx.params.id, page, perPage)
  }
}
