import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import type Stripe from 'stripe'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import Organisation, { type OrganisationStatus } from '#models/organisation'
import OrganisationModule from '#models/organisation_module'
import moduleRegistry from '#core_modules/module_registry'
import moduleAccess from '#core_modules/module_access'
import { plans, planForPrice, isPlanKey, type PlanKey, PAST_DUE_GRACE_DAYS } from '#config/plans'
import stripeConfig from '#config/stripe'
import { stripe, fromStripeCents } from '#billing/stripe_client'
import { formatCents, toCents } from '#services/money'
import { paymentProviderError } from '#billing/errors'
import { clock } from '#billing/clock'
import { currentTenant, withTenant } from '#tenancy/tenant_context'
import { audit } from '#services/audit_service'
import { ApiError } from '#exceptions/api_error'

/*
| The organisation's subscription, mirrored from Stripe. Stripe is the source of truth:
| every webhook re-reads the subscription from Stripe under a row lock and applies that
| latest state, so events arriving late, twice or out of order cannot roll it back.
*/
export interface BillingRow {
  organisation_id: string
  stripe_customer_id: string | null
  stripe_subscription_id: string | null
  stripe_status: string | null
  plan: string | null
  price_id: string | null
  quantity: number | null
  current_period_end: Date | null
  cancel_at_period_end: boolean
  past_due_since: Date | null
  canceled_at: Date | null
  trial_reminder_sent_at: Date | null
  synced_at: Date | null
}

/** The billing row of the current tenant, created empty on first use; `lock` = FOR UPDATE. */
export async function billingRow(opts: { lock?: boolean } = {}): Promise<BillingRow> {
  const { trx, organisationId } = currentTenant()
  await trx.rawQuery(
    `insert into billing_subscriptions (organisation_id) values (?) on conflict (organisation_id) do nothing`,
    [organisationId]
  )
  const res = await trx.rawQuery(
    `select * from billing_subscriptions where organisation_id = ? ${opts.lock ? 'for update' : ''}`,
    [organisationId]
  )
  return res.rows[0]
}

async function updateRow(patch: Partial<Omit<BillingRow, 'organisation_id'>>) {
  const { trx, organisationId } = currentTenant()
  await trx
    .from('billing_subscriptions')
    .where('organisation_id', organisationId)
    .update({ ...patch, updated_at: new Date() })
}

/** Buildings billed: the organisation's active (not archived) buildings, at least 1. */
export async function activeBuildingCount(): Promise<number> {
  const { trx } = currentTenant()
  const res = await trx.rawQuery(
    `select count(*)::int as n from buildings where archived_at is null`
  )
  return Number(res.rows[0]?.n ?? 0)
}

function billedQuantity(count: number) {
  return Math.max(1, count)
}

/** Stripe customer of the organisation, created once (idempotency key = organisation). */
async function ensureCustomer(organisation: Organisation, email: string | null): Promise<string> {
  const row = await billingRow({ lock: true })
  if (row.stripe_customer_id) return row.stripe_customer_id
  let customer: Stripe.Customer
  try {
    const api = await stripe()
    customer = await api.customers.create(
      {
        name: organisation.name,
        email: email ?? organisation.contactEmail ?? undefined,
        preferred_locales: [organisation.locale],
        metadata: { organisationId: organisation.id, slug: organisation.slug },
      },
      { idempotencyKey: `vme-customer-${organisation.id}` }
    )
  } catch (error) {
    throw paymentProviderError(error)
  }
  await updateRow({ stripe_customer_id: customer.id })
  return customer.id
}

export interface CheckoutUrls {
  successUrl: string
  cancelUrl: string
}

/**
 * A Stripe Checkout session for the subscription (quantity = active buildings, card and
 * SEPA Direct Debit). An organisation that already has a live subscription changes plan
 * instead (see `changePlan`).
 */
export async function createSubscriptionCheckout(
  organisation: Organisation,
  plan: PlanKey,
  email: string | null,
  urls: CheckoutUrls
): Promise<{ id: string; url: string }> {
  const customer = await ensureCustomer(organisation, email)
  const quantity = billedQuantity(await activeBuildingCount())
  const metadata = { purpose: 'subscription', organisationId: organisation.id, plan }
  try {
    const api = await stripe()
    const session = await api.checkout.sessions.create(
      {
        mode: 'subscription',
        customer,
        line_items: [{ price: plans[plan].stripePriceId, quantity }],
        allowed_payment_method_types:
          stripeConfig.subscriptionPaymentMethods as Stripe.Checkout.SessionCreateParams.AllowedPaymentMethodType[],
        success_url: urls.successUrl,
        cancel_url: urls.cancelUrl,
        client_reference_id: organisation.id,
        metadata,
        subscription_data: { metadata },
        locale: stripeConfig.checkoutLocales[organisation.locale] ?? 'auto',
      },
      { idempotencyKey: randomUUID() }
    )
    if (!session.url) throw new Error('Checkout session without url')
    return { id: session.id, url: session.url }
  } catch (error) {
    throw paymentProviderError(error)
  }
}

export async function createPortalSession(returnUrl: string): Promise<{ url: string }> {
  const row = await billingRow()
  if (!row.stripe_customer_id) {
    throw ApiError.invalidState('No Stripe customer yet: choose a plan first')
  }
  try {
    const api = await stripe()
    const portal = await api.billingPortal.sessions.create({
      customer: row.stripe_customer_id,
      return_url: returnUrl,
    })
    return { url: portal.url }
  } catch (error) {
    throw paymentProviderError(error)
  }
}

/** Stripe subscription status → organisation status (null: leave as is). */
function organisationStatusFor(status: string): OrganisationStatus | null {
  switch (status) {
    case 'active':
      return 'active'
    case 'trialing':
      return 'trialing'
    case 'past_due':
    case 'unpaid':
      return 'past_due'
    case 'canceled':
    case 'incomplete_expired':
      return 'canceled'
    default:
      // incomplete / paused: the first payment is still pending; nothing changes yet.
      return null
  }
}

function firstItem(sub: Stripe.Subscription) {
  return sub.items?.data?.[0]
}

function priceIdOf(sub: Stripe.Subscription): string | null {
  const price = firstItem(sub)?.price as Stripe.Price | string | undefined
  return typeof price === 'string' ? price : (price?.id ?? null)
}

function toDate(seconds: number | null | undefined) {
  return seconds ? new Date(seconds * 1000) : null
}

/**
 * Applies the subscription's state (already re-read from Stripe) to the organisation in
 * the current tenant transaction: status, plan, quantity, past_due start, modules.
 * Idempotent: the same state applied twice changes nothing the second time.
 */
export async function applySubscription(sub: Stripe.Subscription, source: string) {
  const { trx, organisationId } = currentTenant()
  const row = await billingRow({ lock: true })
  const organisation = await Organisation.query({ client: trx })
    .where('id', organisationId)
    .forUpdate()
    .firstOrFail()

  // A different, older subscription (e.g. replaced after a cancel) cannot overwrite the
  // current one unless the current one is finished.
  if (
    row.stripe_subscription_id &&
    row.stripe_subscription_id !== sub.id &&
    row.stripe_status &&
    !['canceled', 'incomplete_expired'].includes(row.stripe_status) &&
    ['canceled', 'incomplete_expired'].includes(sub.status)
  ) {
    return { changed: false, reason: 'stale_subscription' }
  }

  const priceId = priceIdOf(sub)
  const plan: PlanKey | null =
    planForPrice(priceId) ?? (isPlanKey(sub.metadata?.plan) ? sub.metadata.plan : null)
  const item = firstItem(sub)
  const nextStatus = organisationStatusFor(sub.status)
  const previous = { status: organisation.status, plan: organisation.plan }
  const now = clock.now().toJSDate()

  const pastDueSince =
    nextStatus === 'past_due'
      ? (row.past_due_since ?? now)
      : nextStatus === null
        ? row.past_due_since
        : null

  await updateRow({
    stripe_customer_id:
      row.stripe_customer_id ?? (typeof sub.customer === 'string' ? sub.customer : sub.customer.id),
    stripe_subscription_id: sub.id,
    stripe_status: sub.status,
    plan,
    price_id: priceId,
    quantity: item?.quantity ?? null,
    current_period_end: toDate(
      (item as any)?.current_period_end ?? (sub as any).current_period_end
    ),
    cancel_at_period_end: !!sub.cancel_at_period_end,
    past_due_since: pastDueSince,
    canceled_at:
      toDate(sub.canceled_at ?? sub.ended_at) ?? (nextStatus === 'canceled' ? now : null),
    synced_at: now,
  })

  const status = nextStatus ?? organisation.status
  const newPlan = nextStatus === null ? organisation.plan : (plan ?? organisation.plan)
  const changed = status !== organisation.status || newPlan !== organisation.plan
  if (changed) {
    organisation.merge({ status, plan: newPlan })
    // A trial that turns into a subscription is over.
    if (status === 'active' && organisation.trialEndsAt && previous.status === 'trialing') {
      organisation.trialEndsAt = DateTime.fromJSDate(now)
    }
    organisation.useTransaction(trx)
    await organisation.save()
  }

  // Modules follow the plan once a paid subscription is live.
  const liveStatuses: OrganisationStatus[] = ['active', 'past_due', 'trialing']
  let modules: { enabled: string[]; disabled: string[] } | null = null
  if (newPlan && isPlanKey(newPlan) && liveStatuses.includes(status) && sub.status !== 'trialing') {
    modules = await syncModulesToPlan(
      newPlan,
      previous.plan !== newPlan || previous.status === 'trialing'
    )
  }

  if (changed || modules?.enabled.length || modules?.disabled.length) {
    await audit(null, {
      action: 'billing.subscription_synced',
      subjectType: 'organisation',
      subjectId: organisationId,
      actorId: null,
      metadata: {
        source,
        subscriptionId: sub.id,
        stripeStatus: sub.status,
        from: previous,
        to: { status, plan: newPlan },
        quantity: item?.quantity ?? null,
        modules,
      },
    })
  }
  return { changed, status, plan: newPlan, modules }
}

/**
 * Enables the plan's modules and disables the others (data kept). Kept as they are:
 * required modules, modules a superadmin granted outside the plan, and plan modules an
 * admin switched off themselves (unless the plan just changed).
 */
export async function syncModulesToPlan(plan: PlanKey, planChanged: boolean) {
  const rows = await OrganisationModule.query()
  const byKey = new Map(rows.map((r) => [r.moduleKey, r]))
  const included = new Set<string>(plans[plan].modules)
  const enabled: string[] = []
  const disabled: string[] = []
  for (const manifest of moduleRegistry.all()) {
    if (manifest.required) continue
    const row = byKey.get(manifest.key)
    if (included.has(manifest.key)) {
      const adminTurnedOff = row && row.source === 'manual' && !row.enabled && !planChanged
      if (adminTurnedOff) continue
      if (!row || !row.enabled || row.source !== 'plan') {
        await moduleAccess.set(manifest.key, true, 'plan')
        if (!row?.enabled) enabled.push(manifest.key)
      }
    } else {
      const granted = row?.enabled && row.settings?.superadminGrant === true
      if (granted) continue
      if (!row || row.enabled || row.source !== 'plan') {
        await moduleAccess.set(manifest.key, false, 'plan')
        if (row?.enabled) disabled.push(manifest.key)
      }
    }
  }
  return { enabled, disabled }
}

/**
 * Changes the plan of a live subscription (upgrade/downgrade, proration left to Stripe)
 * and applies the result at once; the webhook that follows finds nothing new.
 */
export async function changePlan(plan: PlanKey) {
  const row = await billingRow({ lock: true })
  if (
    !row.stripe_subscription_id ||
    !row.stripe_status ||
    ['canceled', 'incomplete_expired'].includes(row.stripe_status)
  ) {
    return null
  }
  try {
    const api = await stripe()
    const current = await api.subscriptions.retrieve(row.stripe_subscription_id)
    const item = firstItem(current)
    if (!item) throw new Error('Subscription without item')
    const updated = await api.subscriptions.update(current.id, {
      items: [{ id: item.id, price: plans[plan].stripePriceId }],
      metadata: { plan },
      proration_behavior: 'create_prorations',
    })
    return applySubscription(updated, 'change_plan')
  } catch (error) {
    throw paymentProviderError(error)
  }
}

/**
 * Sets the subscription quantity to the number of active buildings (job
 * `billing.sync_quantity`, dispatched when a building is created or archived).
 */
export async function syncQuantity(): Promise<{ quantity: number; updated: boolean }> {
  const row = await billingRow({ lock: true })
  const quantity = billedQuantity(await activeBuildingCount())
  if (
    !row.stripe_subscription_id ||
    !row.stripe_status ||
    ['canceled', 'incomplete_expired'].includes(row.stripe_status)
  ) {
    return { quantity, updated: false }
  }
  const api = await stripe()
  const current = await api.subscriptions.retrieve(row.stripe_subscription_id)
  const item = firstItem(current)
  if (!item || current.status === 'canceled') return { quantity, updated: false }
  if (item.quantity === quantity) {
    if (row.quantity !== quantity) await updateRow({ quantity })
    return { quantity, updated: false }
  }
  await api.subscriptions.update(
    current.id,
    { items: [{ id: item.id, quantity }], proration_behavior: 'create_prorations' },
    { idempotencyKey: `vme-qty-${current.id}-${item.id}-${quantity}-${randomUUID()}` }
  )
  await updateRow({ quantity })
  await audit(null, {
    action: 'billing.quantity_updated',
    subjectType: 'organisation',
    subjectId: currentTenant().organisationId,
    actorId: null,
    metadata: { from: item.quantity, to: quantity, subscriptionId: current.id },
  })
  return { quantity, updated: true }
}

export interface AccessState {
  readOnly: boolean
  reason: 'past_due' | 'canceled' | 'trial_expired' | null
  /** past_due: when the grace period ends (ISO), null otherwise. */
  graceEndsAt: string | null
}

/**
 * Whether writes are refused: past_due beyond the 7-day grace, canceled, or a trial
 * that ended without a plan. Only reads the billing row when the status needs it.
 */
export async function accessState(
  organisation: Pick<Organisation, 'status' | 'trialEndsAt'>,
  trx?: TransactionClientContract
): Promise<AccessState> {
  const now = clock.now()
  if (organisation.status === 'canceled')
    return { readOnly: true, reason: 'canceled', graceEndsAt: null }
  if (organisation.status === 'trialing') {
    const ended = organisation.trialEndsAt && organisation.trialEndsAt < now
    return { readOnly: !!ended, reason: ended ? 'trial_expired' : null, graceEndsAt: null }
  }
  if (organisation.status !== 'past_due')
    return { readOnly: false, reason: null, graceEndsAt: null }
  const client = trx ?? currentTenant().trx
  const res = await client.rawQuery(
    `select past_due_since from billing_subscriptions where organisation_id = app_current_tenant()`
  )
  const since: Date | null = res.rows[0]?.past_due_since ?? null
  const start = since ? DateTime.fromJSDate(since) : now
  const graceEnds = start.plus({ days: PAST_DUE_GRACE_DAYS })
  return {
    readOnly: now >= graceEnds,
    reason: 'past_due',
    graceEndsAt: graceEnds.toISO(),
  }
}

export interface InvoiceView {
  id: string
  number: string | null
  status: string | null
  total: string
  amountDue: string
  currency: string
  createdAt: string
  periodStart: string | null
  periodEnd: string | null
  hostedInvoiceUrl: string | null
  pdfUrl: string | null
}

function invoiceView(inv: Stripe.Invoice): InvoiceView {
  const iso = (s: number | null | undefined) => (s ? new Date(s * 1000).toISOString() : null)
  return {
    id: inv.id ?? '',
    number: inv.number ?? null,
    status: inv.status ?? null,
    total: fromStripeCents(inv.total),
    amountDue: fromStripeCents(inv.amount_due),
    currency: inv.currency,
    createdAt: iso(inv.created)!,
    periodStart: iso(inv.period_start),
    periodEnd: iso(inv.period_end),
    hostedInvoiceUrl: inv.hosted_invoice_url ?? null,
    pdfUrl: inv.invoice_pdf ?? null,
  }
}

/** GET /billing: plan, status, trial end, buildings billed, next invoice (+ invoices). */
export async function billingOverview(
  organisation: Organisation,
  opts: { invoices?: boolean } = {}
) {
  const row = await billingRow()
  const buildings = await activeBuildingCount()
  const access = await accessState(organisation)
  let nextInvoice: { amount: string; currency: string; date: string | null } | null = null
  let invoices: InvoiceView[] = []
  const live =
    row.stripe_subscription_id &&
    row.stripe_status &&
    !['canceled', 'incomplete_expired'].includes(row.stripe_status)
  if (row.stripe_customer_id) {
    try {
      if (live) {
        const api = await stripe()
        const preview = await api.invoices.createPreview({
          customer: row.stripe_customer_id,
          subscription: row.stripe_subscription_id!,
        })
        nextInvoice = {
          amount: fromStripeCents(preview.amount_due),
          currency: preview.currency,
          date: preview.next_payment_attempt
            ? new Date(preview.next_payment_attempt * 1000).toISOString()
            : (row.current_period_end?.toISOString() ?? null),
        }
      }
      if (opts.invoices) {
        const api = await stripe()
        const list = await api.invoices.list({ customer: row.stripe_customer_id, limit: 24 })
        invoices = list.data.map(invoiceView)
      }
    } catch (error) {
      // The page still answers from our mirror when Stripe is unreachable.
      logger.warn({ err: error }, 'billing: Stripe unavailable for the overview')
    }
  }
  if (!nextInvoice && live && row.plan && isPlanKey(row.plan)) {
    const unit = toCents(plans[row.plan].pricePerBuilding)
    nextInvoice = {
      amount: formatCents(unit * BigInt(row.quantity ?? billedQuantity(buildings))),
      currency: 'eur',
      date: row.current_period_end?.toISOString() ?? null,
    }
  }
  return {
    plan: organisation.plan,
    status: organisation.status,
    trialEndsAt: organisation.trialEndsAt?.toISO() ?? null,
    buildingsBilled: row.quantity ?? billedQuantity(buildings),
    activeBuildings: buildings,
    pricePerBuilding:
      organisation.plan && isPlanKey(organisation.plan)
        ? plans[organisation.plan].pricePerBuilding
        : null,
    currentPeriodEnd: row.current_period_end?.toISOString() ?? null,
    cancelAtPeriodEnd: row.cancel_at_period_end,
    pastDueSince: row.past_due_since?.toISOString() ?? null,
    readOnly: access.readOnly,
    readOnlyReason: access.reason,
    graceEndsAt: access.graceEndsAt,
    hasCustomer: !!row.stripe_customer_id,
    hasSubscription: !!live,
    nextInvoice,
    ...(opts.invoices ? { invoices } : {}),
    plans: planCatalog(),
  }
}

export function planCatalog() {
  return (Object.keys(plans) as PlanKey[]).map((key) => ({
    key,
    pricePerBuilding: plans[key].pricePerBuilding,
    currency: 'eur',
    modules: [...plans[key].modules],
  }))
}

/** Organisation of a Stripe customer (webhooks), through the owner-defined lookup. */
export async function organisationForCustomer(
  customerId: string | null | undefined
): Promise<string | null> {
  if (!customerId) return null
  const res = await db.rawQuery(`select app_billing_organisation_by_customer(?) as id`, [
    customerId,
  ])
  return res.rows[0]?.id ?? null
}

export { withTenant }
