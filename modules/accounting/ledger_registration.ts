import { onBuildingCreated } from '#services/building_hooks'
import { ensureChart } from './services/ledger/chart_service.js'

/** Ledger half of the accounting module: hooks, jobs and routes (see provider.ts). */
export function registerLedger() {
  // A building never exists without its chart of accounts: seeded in the same
  // transaction as the building (whether or not the module is enabled yet, so that
  // enabling it later finds a ready ledger).
  onBuildingCreated('accounting.chart', async (building, trx) => {
    await ensureChart(building.id, trx)
  })
}

export async function startLedger() {
  const { registerCatalogEntries } = await import('#services/openapi_service')
  const { ledgerCatalog } = await import('./openapi_ledger.js')
  registerCatalogEntries(ledgerCatalog)
}
