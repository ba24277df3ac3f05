/*
| The funds half's money helpers are the core ones (`#services/money`): this file only
| keeps the old import path working for the controllers, PDFs and tests that use it.
*/
export { fromCents, money, toCents } from '#services/money'
