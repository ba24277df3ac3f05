/*
| Billing (SPEC §3): the organisation's subscription (admin), the Stripe webhook, and the
| pages: public pricing, the admin billing page and "choose a plan".
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { forgetStaleOrganisation, pageCan, staffOnly } from '#controllers/web/page_guards'
import { bootBilling } from '#billing/billing_boot'

bootBilling()

const BillingController = () => import('#controllers/billing_controller')
const StripeWebhookController = () => import('#controllers/stripe_webhook_controller')
const BillingPagesController = () => import('#controllers/web/billing_pages_controller')

router
  .group(() => {
    router
      .get('/billing', [BillingController, 'show'])
      .as('billing.show')
      .use(middleware.can('billing.read'))
    router
      .get('/billing/invoices', [BillingController, 'invoices'])
      .as('billing.invoices')
      .use(middleware.can('billing.read'))
    router
      .post('/billing/checkout', [BillingController, 'checkout'])
      .as('billing.checkout')
      .use(middleware.can('billing.manage'))
    router
      .put('/billing/plan', [BillingController, 'changePlan'])
      .as('billing.plan')
      .use(middleware.can('billing.manage'))
    router
      .post('/billing/portal', [BillingController, 'portal'])
      .as('billing.portal')
      .use(middleware.can('billing.manage'))
  })
  .prefix('/api/v1')
  .use([middleware.auth(), middleware.tenant()])

// No auth: the Stripe-Signature header over the raw body is the credential.
router.post('/api/v1/webhooks/stripe', [StripeWebhookController, 'handle']).as('webhooks.stripe')

router.get('/pricing', [BillingPagesController, 'pricing']).as('web.pricing')

router
  .group(() => {
    router.get('/billing', [BillingPagesController, 'billing']).as('billing')
    router.get('/billing/plans', [BillingPagesController, 'plans']).as('billing.plans')
  })
  .prefix('/app')
  .as('web.app')
  .use([
    middleware.webAuth(),
    forgetStaleOrganisation,
    middleware.tenant(),
    staffOnly,
    pageCan('billing.read'),
  ])
