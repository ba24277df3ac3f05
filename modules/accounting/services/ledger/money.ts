/*
| The ledger's money helpers are the core ones (`#services/money`); this file only keeps
| the old import path. `money` here reads a database numeric (the core's `moneyOf`).
*/
export { centsOf, formatCents, moneyOf as money, parseCents } from '#services/money'
