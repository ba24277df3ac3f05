import type { ApplicationService } from '@adonisjs/core/types'
import { BaseModel, CamelCaseNamingStrategy } from '@adonisjs/lucid/orm'

export default class AppProvider {
  constructor(protected app: ApplicationService) {}

  register() {
    // JSON field names are camelCase (SPEC §2); columns stay snake_case.
    BaseModel.namingStrategy = new CamelCaseNamingStrategy()
  }

  async boot() {
    // Embedded database: queries inside a tenant transaction use it (see the file).
    const { embeddedDatabase } = await import('#embedded/capabilities')
    if (!embeddedDatabase()) return
    const db = await this.app.container.make('lucid.db')
    const { routeDefaultConnectionToOpenTransaction } =
      await import('#embedded/transaction_routing')
    routeDefaultConnectionToOpenTransaction(db)
  }

  async shutdown() {
    // The PDF pool's Chromium (thumbnails borrow its pages) would otherwise outlive the process.
    const { closePdfPool } = await import('#pdf/pdf_service')
    await closePdfPool()
  }
}
