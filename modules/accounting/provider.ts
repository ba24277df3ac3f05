import type { ApplicationService } from '@adonisjs/core/types'
import moduleRegistry from '#core_modules/module_registry'
import manifest from './module.js'
import { registerLedger, startLedger } from './ledger_registration.js'
import { registerFunds, startFunds } from './funds_registration.js'

/*
| The accounting module in two halves: the ledger (chart, journal, closing, exports,
| reports) and funds (budgets, calls for funds, payments, reminders, owner portal).
| Each half registers its own routes, jobs, hooks and contributors.
*/
export default class AccountingModuleProvider {
  constructor(protected app: ApplicationService) {}

  register() {
    moduleRegistry.register(manifest)
    registerLedger()
    registerFunds()
  }

  async start() {
    await import('./routes.js')
    await startLedger()
    await startFunds()
  }
}
