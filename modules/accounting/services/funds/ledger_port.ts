/*
| The ledger half's posting API, the only way funds write to the ledger (SPEC §6:
| D 410 per owner / C 700–701 on a call, D 550 / C 410 on a payment).
*/
export {
  postJournalEntry,
  reverseJournalEntry,
  accountBalances,
} from '../ledger/posting_service.js'
export { ensureChart } from '../ledger/chart_service.js'
