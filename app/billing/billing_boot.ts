import emitter from '@adonisjs/core/services/emitter'
import logger from '@adonisjs/core/services/logger'
import { registerPermissions } from '#policies/permissions'
import { registerTenantGuard } from '#tenancy/tenant_guards'
import { billingReadOnlyGuard } from '#billing/read_only_guard'
import { dispatch } from '#jobs/dispatcher'
import type { BuildingEvent } from '#services/building_service'
import { registerCatalogEntries } from '#services/openapi_service'
import { billingCatalog } from '#billing/openapi'

/*
| Wires billing into the core once per process (imported by start/routes/billing.ts):
| permissions, the read-only tenant guard, and the building listeners that keep the
| subscription quantity equal to the active buildings.
*/
let booted = false

export function bootBilling() {
  if (booted) return
  booted = true

  registerPermissions({
    'billing.read': ['admin'],
    'billing.manage': ['admin'],
  })

  registerTenantGuard('billing.read_only', billingReadOnlyGuard)
  registerCatalogEntries(billingCatalog)

  const onBuildingsChanged = async (event: BuildingEvent) => {
    try {
      // Several changes in a row collapse into one job run shortly after the last one.
      await dispatch(
        'billing.sync_quantity',
        { organisationId: event.organisationId },
        { afterCommit: false, delay: 500 }
      )
    } catch (error) {
      logger.error({ err: error, ...event }, 'billing: quantity sync not enqueued')
    }
  }
  emitter.on('building:created', onBuildingsChanged)
  emitter.on('building:archived', onBuildingsChanged)
}
