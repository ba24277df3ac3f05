/*
| Public surface of the `accounting` module: the only file other code may import.
*/
export { default as manifest } from './module.js'

// Funds (budgets, calls for funds, payments): read-only helpers for other modules, run
// inside the caller's tenant transaction.
export { etatDateFinancials } from './services/funds/etat_date_service.js'
export type { EtatDateFinancials } from './services/funds/etat_date_service.js'
export { ownerBalance } from './services/funds/payment_service.js'
