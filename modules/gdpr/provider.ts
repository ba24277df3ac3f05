import type { ApplicationService } from '@adonisjs/core/types'
import moduleRegistry from '#core_modules/module_registry'
import personalDataRegistry from '#gdpr/personal_data_registry'
import { corePersonalData } from '#gdpr/core_personal_data'
import { registerCatalogEntries } from '#services/openapi_service'
import manifest from './module.js'
import { gdprPersonalData } from './services/gdpr_personal_data.js'

export default class GdprModuleProvider {
  constructor(protected app: ApplicationService) {}

  register() {
    moduleRegistry.register(manifest)
    // The core's personal data is declared by the core (app/gdpr) and registered here,
    // by the module that is always on.
    personalDataRegistry.register(corePersonalData)
    personalDataRegistry.register(gdprPersonalData)
  }

  async start() {
    await import('./routes.js')
    const { gdprCatalog } = await import('./openapi.js')
    registerCatalogEntries(gdprCatalog)
  }
}
