import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Building from '#models/building'

/*
| Work that must happen in the SAME transaction as a building's creation (e.g. the
| accounting module seeds the building's chart of accounts: a building never exists
| without its ledger). Reactions that may happen later use the `building:created`
| event instead, emitted after commit.
*/
export type BuildingCreatedHook = (
  building: Building,
  trx: TransactionClientContract
) => Promise<void>

const createdHooks = new Map<string, BuildingCreatedHook>()

/** Modules register from their provider's `register()`; `key` makes it idempotent. */
export function onBuildingCreated(key: string, hook: BuildingCreatedHook) {
  createdHooks.set(key, hook)
}

export async function runBuildingCreatedHooks(building: Building, trx: TransactionClientContract) {
  for (const hook of createdHooks.values()) await hook(building, trx)
}
