import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import {
  forgetStaleOrganisation,
  pageCan,
  pageModule,
  staffOnly,
} from '#controllers/web/page_guards'

const SummaryController = () => import('./controllers/summary_controller.js')
const AccountsController = () => import('./controllers/ledger/accounts_controller.js')
const JournalEntriesController = () => import('./controllers/ledger/journal_entries_controller.js')
const ReportsController = () => import('./controllers/ledger/reports_controller.js')
const LedgerPagesController = () => import('./controllers/ledger/ledger_pages_controller.js')

/*
| Ledger routes (SPEC §6 "Chart", "Journal entries", "Reports"). Reads need
| `accounting.ledger.read` (board members included), writes the chart/journal/closing
| permissions (staff and accountants). The funds half registers routes_funds.ts.
*/
const read = middleware.can('accounting.ledger.read')

router
  .group(() => {
    router
      .get('/buildings/:id/accounting/summary', [SummaryController, 'show'])
      .as('accounting.summary')
      .use(middleware.can('accounting.read'))

    // Chart of accounts
    router
      .get('/buildings/:id/accounts', [AccountsController, 'index'])
      .as('accounting.accounts.index')
      .use(read)
    router
      .post('/buildings/:id/accounts', [AccountsController, 'store'])
      .as('accounting.accounts.store')
      .use(middleware.can('accounting.chart.write'))
    router
      .get('/accounts/:id', [AccountsController, 'show'])
      .as('accounting.accounts.show')
      .use(read)
    router
      .put('/accounts/:id', [AccountsController, 'update'])
      .as('accounting.accounts.update')
      .use(middleware.can('accounting.chart.write'))
    router
      .delete('/accounts/:id', [AccountsController, 'destroy'])
      .as('accounting.accounts.destroy')
      .use(middleware.can('accounting.chart.write'))

    // Journal entries (the fixed sub-paths before nothing else: no clash with :id)
    router
      .get('/buildings/:id/journal-entries/balance', [JournalEntriesController, 'balance'])
      .as('accounting.journal_entries.balance')
      .use(read)
    router
      .get('/buildings/:id/journal-entries/export', [JournalEntriesController, 'export'])
      .as('accounting.journal_entries.export')
      .use(read)
    router
      .post('/buildings/:id/journal-entries/year-end-closing', [
        JournalEntriesController,
        'yearEndClosing',
      ])
      .as('accounting.journal_entries.year_end_closing')
      .use(middleware.can('accounting.closing.write'))
    router
      .get('/buildings/:id/journal-entries', [JournalEntriesController, 'index'])
      .as('accounting.journal_entries.index')
      .use(read)
    router
      .post('/buildings/:id/journal-entries', [JournalEntriesController, 'store'])
      .as('accounting.journal_entries.store')
      .use(middleware.can('accounting.journal.write'))
    router
      .get('/buildings/:id/fiscal-years', [JournalEntriesController, 'fiscalYears'])
      .as('accounting.fiscal_years.index')
      .use(read)
    router
      .get('/journal-entries/:id', [JournalEntriesController, 'show'])
      .as('accounting.journal_entries.show')
      .use(read)
    router
      .delete('/journal-entries/:id', [JournalEntriesController, 'destroy'])
      .as('accounting.journal_entries.destroy')
      .use(middleware.can('accounting.journal.write'))
    router
      .post('/journal-entries/:id/reverse', [JournalEntriesController, 'reverse'])
      .as('accounting.journal_entries.reverse')
      .use(middleware.can('accounting.journal.write'))

    // Reports (?format=json|csv|pdf)
    router
      .get('/buildings/:id/reports/balance-sheet', [ReportsController, 'balanceSheet'])
      .as('accounting.reports.balance_sheet')
      .use(read)
    router
      .get('/buildings/:id/reports/income-statement', [ReportsController, 'incomeStatement'])
      .as('accounting.reports.income_statement')
      .use(read)
    router
      .get('/buildings/:id/reports/owner-balances', [ReportsController, 'ownerBalances'])
      .as('accounting.reports.owner_balances')
      .use(read)
  })
  .prefix('/api/v1')
  .use([middleware.auth(), middleware.tenant(), middleware.module('accounting')])

// Staff pages of the ledger.
router
  .group(() => {
    router.get('/chart', [LedgerPagesController, 'chart']).as('chart')
    router.get('/journal', [LedgerPagesController, 'journal']).as('journal')
    router.get('/journal/new', [LedgerPagesController, 'newEntry']).as('journal.new')
    router.get('/trial-balance', [LedgerPagesController, 'trialBalance']).as('trial_balance')
    router.get('/reports', [LedgerPagesController, 'reports']).as('reports')
  })
  .prefix('/app/accounting')
  .as('web.app.accounting')
  .use([
    middleware.webAuth(),
    forgetStaleOrganisation,
    middleware.tenant(),
    staffOnly,
    pageModule('accounting'),
    pageCan('accounting.ledger.read'),
  ])
