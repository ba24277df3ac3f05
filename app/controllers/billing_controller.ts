import type { HttpContext } from '@adonisjs/core/http'
import { planValidator } from '#billing/billing_validator'
import {
  billingOverview,
  billingRow,
  changePlan,
  createPortalSession,
  createSubscriptionCheckout,
} from '#billing/subscription_service'
import { billingReturnUrls } from '#billing/billing_urls'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import type User from '#models/user'

/** Billing of the caller's organisation (admin). Everything acts on ctx.organisation only. */
export default class BillingController {
  /** GET /billing */
  async show(ctx: HttpContext) {
    return billingOverview(ctx.organisation)
  }

  /** GET /billing/invoices: the organisation's invoices, from Stripe. */
  async invoices(ctx: HttpContext) {
    const overview = await billingOverview(ctx.organisation, { invoices: true })
    return { data: overview.invoices ?? [] }
  }

  /** POST /billing/checkout {plan} → {url} of a Stripe Checkout session (subscription). */
  async checkout(ctx: HttpContext) {
    const { plan } = await ctx.request.validateUsing(planValidator)
    const row = await billingRow()
    if (
      row.stripe_subscription_id &&
      row.stripe_status &&
      !['canceled', 'incomplete_expired'].includes(row.stripe_status)
    ) {
      throw ApiError.invalidState(
        'The organisation already has a subscription: change its plan with PUT /billing/plan'
      )
    }
    const urls = billingReturnUrls(ctx)
    const session = await createSubscriptionCheckout(
      ctx.organisation,
      plan,
      (ctx.auth.user as User).email,
      urls
    )
    await audit(ctx, {
      action: 'billing.checkout_created',
      subjectType: 'organisation',
      subjectId: ctx.organisation.id,
      metadata: { plan, sessionId: session.id },
    })
    return { id: session.id, url: session.url }
  }

  /** PUT /billing/plan {plan}: upgrade/downgrade the live subscription; modules follow. */
  async changePlan(ctx: HttpContext) {
    const { plan } = await ctx.request.validateUsing(planValidator)
    const previous = ctx.organisation.plan
    const result = await changePlan(plan)
    if (!result)
      throw ApiError.invalidState(
        'No active subscription: choose a plan with POST /billing/checkout'
      )
    await audit(ctx, {
      action: 'billing.plan_changed',
      subjectType: 'organisation',
      subjectId: ctx.organisation.id,
      metadata: { from: previous, to: plan, modules: result.modules },
    })
    if (result.status) ctx.organisation.status = result.status
    if (result.plan) ctx.organisation.plan = result.plan
    return billingOverview(ctx.organisation)
  }

  /** POST /billing/portal → {url} of the Stripe customer portal. */
  async portal(ctx: HttpContext) {
    const { portalReturnUrl } = billingReturnUrls(ctx)
    const { url } = await createPortalSession(portalReturnUrl)
    await audit(ctx, {
      action: 'billing.portal_opened',
      subjectType: 'organisation',
      subjectId: ctx.organisation.id,
    })
    return { url }
  }
}
