import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import {
  forgetStaleOrganisation,
  pageCan,
  pageModule,
  staffOnly,
} from '#controllers/web/page_guards'

const BudgetsController = () => import('./controllers/funds/budgets_controller.js')
const CallsController = () => import('./controllers/funds/calls_for_funds_controller.js')
const PaymentsController = () => import('./controllers/funds/payments_controller.js')
const SettingsController = () => import('./controllers/funds/funds_settings_controller.js')
const PortalController = () => import('./controllers/funds/portal_funds_controller.js')
const PagesController = () => import('./controllers/funds/funds_pages_controller.js')

/*
| Funds routes (SPEC §6: budgets, calls for funds, payments, reminders) and their
| pages. Reads: `accounting.funds.read` (council included); writes:
| `accounting.funds.write`; the owner's own account: `accounting.portal`.
*/
const uuid = router.matchers.uuid()
const read = middleware.can('accounting.funds.read')
const write = middleware.can('accounting.funds.write')

router
  .group(() => {
    // Budgets
    router
      .get('/buildings/:id/budgets', [BudgetsController, 'index'])
      .where('id', uuid)
      .as('accounting.budgets.index')
      .use(read)
    router
      .post('/buildings/:id/budgets', [BudgetsController, 'store'])
      .where('id', uuid)
      .as('accounting.budgets.store')
      .use(write)
    router
      .get('/budgets/:id', [BudgetsController, 'show'])
      .where('id', uuid)
      .as('accounting.budgets.show')
      .use(read)
    router
      .get('/budgets/:id/variance', [BudgetsController, 'variance'])
      .where('id', uuid)
      .as('accounting.budgets.variance')
      .use(read)
    router
      .put('/budgets/:id/vote', [BudgetsController, 'vote'])
      .where('id', uuid)
      .as('accounting.budgets.vote')
      .use(write)
    router
      .put('/budgets/:id/activate', [BudgetsController, 'activate'])
      .where('id', uuid)
      .as('accounting.budgets.activate')
      .use(write)
    router
      .put('/budgets/:id/close', [BudgetsController, 'close'])
      .where('id', uuid)
      .as('accounting.budgets.close')
      .use(write)
    router
      .delete('/budgets/:id', [BudgetsController, 'destroy'])
      .where('id', uuid)
      .as('accounting.budgets.destroy')
      .use(write)

    // Calls for funds
    router
      .get('/buildings/:id/call-for-funds', [CallsController, 'index'])
      .where('id', uuid)
      .as('accounting.calls.index')
      .use(read)
    router
      .post('/buildings/:id/call-for-funds', [CallsController, 'store'])
      .where('id', uuid)
      .as('accounting.calls.store')
      .use(write)
    router
      .get('/call-for-funds/:id', [CallsController, 'show'])
      .where('id', uuid)
      .as('accounting.calls.show')
      .use(read)
    router
      .put('/call-for-funds/:id/send', [CallsController, 'send'])
      .where('id', uuid)
      .as('accounting.calls.send')
      .use(write)
    router
      .put('/call-for-funds/:id/mark-paid', [CallsController, 'markPaid'])
      .where('id', uuid)
      .as('accounting.calls.mark_paid')
      .use(write)
    router
      .delete('/call-for-funds/:id', [CallsController, 'destroy'])
      .where('id', uuid)
      .as('accounting.calls.destroy')
      .use(write)
    router
      .get('/call-for-funds/:id/owners/:ownerId/pdf', [CallsController, 'ownerPdf'])
      .where('id', uuid)
      .where('ownerId', uuid)
      .as('accounting.calls.owner_pdf')
      .use(read)

    // Payments, balances, statements, arrears
    router
      .get('/buildings/:id/payments', [PaymentsController, 'index'])
      .where('id', uuid)
      .as('accounting.payments.index')
      .use(read)
    router
      .post('/buildings/:id/payments', [PaymentsController, 'store'])
      .where('id', uuid)
      .as('accounting.payments.store')
      .use(write)
    router
      .get('/payments/:id', [PaymentsController, 'show'])
      .where('id', uuid)
      .as('accounting.payments.show')
      .use(read)
    router
      .get('/owners/:id/balance', [PaymentsController, 'balance'])
      .where('id', uuid)
      .as('accounting.owners.balance')
      .use(read)
    router
      .get('/owners/:id/statement', [PaymentsController, 'statement'])
      .where('id', uuid)
      .as('accounting.owners.statement')
      .use(read)
    router
      .get('/buildings/:id/arrears', [PaymentsController, 'arrears'])
      .where('id', uuid)
      .as('accounting.arrears.index')
      .use(read)
    router
      .get('/buildings/:id/owners/:ownerId/formal-notice', [PaymentsController, 'formalNotice'])
      .where('id', uuid)
      .where('ownerId', uuid)
      .as('accounting.arrears.formal_notice')
      .use(read)

    // Settings: the building's bank account, late-interest rates per year
    router
      .get('/buildings/:id/funds-settings', [SettingsController, 'show'])
      .where('id', uuid)
      .as('accounting.funds_settings.show')
      .use(read)
    router
      .put('/buildings/:id/funds-settings', [SettingsController, 'update'])
      .where('id', uuid)
      .as('accounting.funds_settings.update')
      .use(write)
    router
      .get('/accounting/interest-rates', [SettingsController, 'rates'])
      .as('accounting.interest_rates.index')
      .use(read)
    router
      .put('/accounting/interest-rates/:year', [SettingsController, 'setRate'])
      .where('year', /^\d{1,4}$/)
      .as('accounting.interest_rates.update')
      .use(write)

    // Owner portal: my account, pay online
    router
      .get('/me/accounting', [PortalController, 'account'])
      .as('accounting.portal.account')
      .use(middleware.can('accounting.portal'))
    router
      .post('/me/accounting/checkout', [PortalController, 'checkout'])
      .as('accounting.portal.checkout')
      .use(middleware.can('accounting.portal'))
  })
  .prefix('/api/v1')
  .use([middleware.auth(), middleware.tenant(), middleware.module('accounting')])

// Staff pages
router
  .group(() => {
    router
      .get('/budgets', [PagesController, 'budgets'])
      .as('budgets')
      .use(pageCan('accounting.funds.read'))
    router
      .get('/budgets/:id', [PagesController, 'budget'])
      .where('id', uuid)
      .as('budgets.show')
      .use(pageCan('accounting.funds.read'))
    router
      .get('/calls', [PagesController, 'calls'])
      .as('calls')
      .use(pageCan('accounting.funds.read'))
    router
      .get('/calls/:id', [PagesController, 'call'])
      .where('id', uuid)
      .as('calls.show')
      .use(pageCan('accounting.funds.read'))
    router
      .get('/payments', [PagesController, 'payments'])
      .as('payments')
      .use(pageCan('accounting.funds.read'))
  })
  .prefix('/app/accounting')
  .as('web.accounting.funds')
  .use([
    middleware.webAuth(),
    forgetStaleOrganisation,
    middleware.tenant(),
    staffOnly,
    pageModule('accounting'),
  ])

// Owner portal pages
router
  .group(() => {
    router.get('/accounting', [PortalController, 'accountPage']).as('account')
    // Own path for the navigation (a prefix of /accounting/calls would mark both active).
    router.get('/accounting/balance', [PortalController, 'accountPage']).as('balance')
    router.get('/accounting/calls', [PortalController, 'callsPage']).as('calls')
    router
      .get('/accounting/calls/:id/pdf', [PortalController, 'callPdf'])
      .where('id', uuid)
      .as('calls.pdf')
  })
  .prefix('/o/:slug')
  .as('web.portal.accounting')
  .use([middleware.webAuth(), middleware.tenant(), pageModule('accounting')])
