/** Ledger half of the accounting module: hooks, jobs and routes (see provider.ts). */
export function registerLedger() {}

export async function startLedger() {}
