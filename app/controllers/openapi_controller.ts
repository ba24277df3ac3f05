import type { HttpContext } from '@adonisjs/core/http'
import { docsPageModel, openApiDocument } from '#services/openapi_service'

/** The API description: machine-readable (OpenAPI 3.1) and a human page. */
export default class OpenapiController {
  json({ response }: HttpContext) {
    response.header('Cache-Control', 'public, max-age=300')
    return openApiDocument()
  }

  async page({ view }: HttpContext) {
    const doc = openApiDocument()
    const groups = docsPageModel(doc)
    const count = groups.reduce((n, g) => n + g.operations.length, 0)
    return view.render('docs/api', { info: doc.info, groups, count })
  }
}
