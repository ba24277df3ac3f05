/** Funds half of the accounting module: hooks, jobs and routes (see provider.ts). */
export function registerFunds() {}

export async function startFunds() {}
