import type { ApplicationService } from '@adonisjs/core/types'
import { BaseModel, CamelCaseNamingStrategy } from '@adonisjs/lucid/orm'

export default class AppProvider {
  constructor(protected app: ApplicationService) {}

  register() {
    // JSON field names are camelCase (SPEC §2); columns stay snake_case.
    BaseModel.namingStrategy = new CamelCaseNamingStrategy()
  }

  async shutdown() {
    // The PDF pool's and the thumbnailer's Chromium would otherwise outlive the process.
    const { closePdfPool } = await import('#pdf/pdf_service')
    const { closeThumbnailBrowser } = await import('#pdf/image_thumbnail')
    await Promise.all([closePdfPool(), closeThumbnailBrowser()])
  }
}
