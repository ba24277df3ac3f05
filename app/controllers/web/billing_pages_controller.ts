import type { HttpContext } from '@adonisjs/core/http'
import moduleRegistry from '#core_modules/module_registry'
import { TRIAL_DAYS } from '#config/plans'
import { billingOverview, planCatalog } from '#billing/subscription_service'
import { isStripeConfigured } from '#billing/stripe_client'

/** Billing pages: public pricing, the admin billing page, "choose a plan". */
export default class BillingPagesController {
  async pricing({ inertia }: HttpContext) {
    return inertia.render('billing/pricing', {
      plans: planCatalog(),
      trialDays: TRIAL_DAYS,
      modules: moduleRegistry
        .all()
        .map((m) => ({ key: m.key, names: m.names, descriptions: m.descriptions })),
    })
  }

  async billing({ inertia, organisation, request }: HttpContext) {
    return inertia.render('app/billing/index', {
      billing: await billingOverview(organisation, { invoices: true }),
      checkout: (request.input('checkout') as string | undefined) ?? null,
      paymentsConfigured: isStripeConfigured(),
    })
  }

  async plans({ inertia, organisation, request }: HttpContext) {
    const overview = await billingOverview(organisation)
    return inertia.render('app/billing/plans', {
      billing: overview,
      modules: moduleRegistry.all().map((m) => ({ key: m.key, names: m.names })),
      checkout: (request.input('checkout') as string | undefined) ?? null,
      paymentsConfigured: isStripeConfigured(),
    })
  }
}
