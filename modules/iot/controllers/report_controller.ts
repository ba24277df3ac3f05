import type { HttpContext } from '@adonisjs/core/http'
import { reportQueryValidator } from '../validators/iot_validators.js'
import { energyReportPdf } from '../services/report_service.js'
import { audit } from '#services/audit_service'

export default class ReportController {
  async show(ctx: HttpContext) {
    const q = await reportQueryValidator.validate(ctx.request.qs())
    const pdf = await energyReportPdf(ctx, ctx.params.id, q.from, q.to)
    await audit(ctx, {
      action: 'iot.report.generated',
      subjectType: 'building',
      subjectId: ctx.params.id,
      metadata: q,
    })
    ctx.response.header('content-type', 'application/pdf')
    ctx.response.header(
      'content-disposition',
      `attachment; filename="energy-report-${q.from}-${q.to}.pdf"`
    )
    return ctx.response.send(pdf)
  }
}
