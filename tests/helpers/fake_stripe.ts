/*
| A local fake of the Stripe API, at the network edge only: the app runs the real `stripe`
| SDK against it (host/port/protocol from STRIPE_API_URL). Implements what this app calls:
| customers, checkout sessions (payment and subscription), billing portal sessions,
| subscriptions (retrieve/update/cancel/list), invoices (list, retrieve, create_preview and
| the older upcoming), with Stripe's response shapes (API 2025+: periods on subscription
| items, invoice.parent.subscription_details). It also serves a hosted checkout page at
| the session's `url` that, when paid, completes the session, POSTs the signed webhooks
| (the SDK's test-header helper with STRIPE_WEBHOOK_SECRET) to the app and redirects to
| `success_url`, like Stripe Checkout.
|
| Tests: `const fake = await startFakeStripe()` (sets process.env.STRIPE_API_URL and a
| webhook secret for the app in this process; `stop()` restores them), then
| `await fake.completeCheckout(sessionId)`.
|
| Plain, erasable TypeScript with no app imports: `scripts/fake_stripe.mjs` runs this very
| file for the demo (Node strips the types).
*/
import http from 'node:http'
import { randomBytes } from 'node:crypto'
import Stripe from 'stripe'

type Obj = Record<string, any>

export interface FakeStripeOptions {
  /** Port to listen on (0 = any free port). */
  port?: number
  host?: string
  /** Where webhooks are POSTed; default http://127.0.0.1:$PORT/api/v1/webhooks/stripe. */
  webhookUrl?: string
  /** Secret used to sign webhooks; default process.env.STRIPE_WEBHOOK_SECRET or a fixed test secret. */
  webhookSecret?: string
  /** Set process.env.STRIPE_API_URL / STRIPE_WEBHOOK_SECRET for the app in this process (default true). */
  configureProcessEnv?: boolean
  /** Send customer.subscription.updated/deleted webhooks when the app updates or cancels through the API (default false). */
  autoEvents?: boolean
  /** Monthly unit amounts in cents by price id (defaults cover the app's default price ids). */
  prices?: Record<string, number>
  /** Log deliveries to stdout (the demo script). */
  verbose?: boolean
}

export interface Delivery {
  event: Obj
  status: number
  body: string
}

export interface CompleteCheckoutOptions {
  /** Payment method chosen on the page: card (default), sepa_debit, bancontact. */
  paymentMethod?: string
  /** Subscription status after checkout (default active; 'trialing' is possible). */
  subscriptionStatus?: string
  /** Send the webhooks (default true). */
  deliver?: boolean
  /** Payment mode with a delayed method: the session completes `unpaid`, then
   * `checkout.session.async_payment_succeeded` follows (default: only for sepa_debit). */
  asyncPayment?: boolean
}

export interface FakeStripe {
  url: string
  port: number
  webhookUrl: string
  webhookSecret: string
  state: {
    customers: Map<string, Obj>
    sessions: Map<string, Obj>
    subscriptions: Map<string, Obj>
    invoices: Map<string, Obj>
    portalSessions: Map<string, Obj>
    events: Obj[]
    deliveries: Delivery[]
    requests: { method: string; path: string; body: Obj; query: Obj }[]
  }
  stop(): Promise<void>
  /** Pays a checkout session as the hosted page would, sends its webhooks. */
  completeCheckout(
    sessionId: string,
    opts?: CompleteCheckoutOptions
  ): Promise<{
    session: Obj
    subscription: Obj | null
    invoice: Obj | null
    deliveries: Delivery[]
  }>
  /** Builds an event around `object`, signs and POSTs it. */
  sendEvent(type: string, object: Obj, opts?: { previousAttributes?: Obj }): Promise<Delivery>
  /** Builds an event without sending it. */
  makeEvent(type: string, object: Obj, opts?: { previousAttributes?: Obj; created?: number }): Obj
  /** POSTs an already built event again (replays) — optionally with a forged/missing signature. */
  deliver(event: Obj, opts?: { signature?: string | null }): Promise<Delivery>
  /** The Stripe-Signature header value for a payload. */
  sign(payload: string, opts?: { secret?: string; timestamp?: number }): string
  /** Changes a subscription (status, quantity…) and sends customer.subscription.updated. */
  updateSubscription(id: string, patch: Obj, opts?: { deliver?: boolean }): Promise<Delivery | null>
  /** A renewal payment fails: open invoice, subscription past_due, invoice.payment_failed + updated. */
  failPayment(subscriptionId: string): Promise<{ invoice: Obj; deliveries: Delivery[] }>
  /** The retried payment succeeds: invoice paid, subscription active, invoice.paid + updated. */
  recoverPayment(subscriptionId: string): Promise<{ invoice: Obj; deliveries: Delivery[] }>
  /** Subscription canceled now: customer.subscription.deleted. */
  cancelSubscription(id: string, opts?: { deliver?: boolean }): Promise<Delivery | null>
  /** Latest checkout session (tests that only got a url back). */
  lastSession(): Obj | undefined
  /** The session whose hosted page is at `url`. */
  sessionByUrl(url: string): Obj | undefined
}

export const DEFAULT_FAKE_PRICES: Record<string, number> = {
  price_vme_essential_monthly: 2900,
  price_vme_pro_monthly: 5900,
  price_vme_complete_monthly: 8900,
}

const DAY = 86400

function id(prefix: string) {
  return `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`
}

function nowSec() {
  return Math.floor(Date.now() / 1000)
}

function addMonth(ts: number) {
  const d = new Date(ts * 1000)
  d.setUTCMonth(d.getUTCMonth() + 1)
  return Math.floor(d.getTime() / 1000)
}

function escapeHtml(s: unknown) {
  return String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
  )
}

/** Stripe's form encoding (`a[b][0][c]=x`) back into objects and arrays. */
export function parseStripeForm(body: string): Obj {
  const root: Obj = {}
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const parts = rawKey.split(/\[|\]\[|\]/).filter((p) => p !== '')
    let node: any = root
    for (let i = 0; i < parts.length; i++) {
      const key = parts[i]
      const last = i === parts.length - 1
      if (last) {
        node[key] = value
      } else {
        const nextIsIndex = /^\d+$/.test(parts[i + 1])
        node[key] ??= nextIsIndex ? [] : {}
        node = node[key]
      }
    }
  }
  return normaliseArrays(root)
}

function normaliseArrays(value: any): any {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(normaliseArrays)
  if (value && typeof value === 'object') {
    for (const k of Object.keys(value)) value[k] = normaliseArrays(value[k])
  }
  return value
}

function list(data: Obj[], url: string) {
  return { object: 'list', data, has_more: false, url }
}

function stripeError(status: number, message: string, extra: Obj = {}) {
  return {
    status,
    body: {
      error: {
        type: status === 401 ? 'invalid_request_error' : 'invalid_request_error',
        message,
        ...extra,
      },
    },
  }
}

export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const prices = { ...DEFAULT_FAKE_PRICES, ...(options.prices ?? {}) }
  const webhookSecret =
    options.webhookSecret ?? process.env.STRIPE_WEBHOOK_SECRET ?? 'whsec_fake_local_test_secret'
  const webhookUrl =
    options.webhookUrl ?? `http://127.0.0.1:${process.env.PORT ?? 3333}/api/v1/webhooks/stripe`
  const autoEvents = options.autoEvents ?? false
  const state: FakeStripe['state'] = {
    customers: new Map(),
    sessions: new Map(),
    subscriptions: new Map(),
    invoices: new Map(),
    portalSessions: new Map(),
    events: [],
    deliveries: [],
    requests: [],
  }
  const sdk = new Stripe('sk_test_fake_signer')
  let baseUrl = ''
  let invoiceCounter = 0

  function priceObject(priceId: string): Obj {
    return {
      id: priceId,
      object: 'price',
      active: true,
      currency: 'eur',
      unit_amount: prices[priceId] ?? 1000,
      unit_amount_decimal: String(prices[priceId] ?? 1000),
      recurring: { interval: 'month', interval_count: 1, usage_type: 'licensed' },
      product: `prod_${priceId.replace(/^price_/, '')}`,
      type: 'recurring',
      billing_scheme: 'per_unit',
      livemode: false,
      metadata: {},
    }
  }

  function createCustomer(params: Obj): Obj {
    const customer = {
      id: id('cus'),
      object: 'customer',
      created: nowSec(),
      email: params.email ?? null,
      name: params.name ?? null,
      description: params.description ?? null,
      metadata: params.metadata ?? {},
      preferred_locales: params.preferred_locales ?? [],
      currency: 'eur',
      livemode: false,
      delinquent: false,
      invoice_settings: { default_payment_method: null },
    }
    state.customers.set(customer.id, customer)
    return customer
  }

  function subscriptionItemsTotal(sub: Obj) {
    return sub.items.data.reduce(
      (sum: number, item: Obj) => sum + item.price.unit_amount * item.quantity,
      0
    )
  }

  function createInvoice(sub: Obj, status: 'paid' | 'open', reason: string): Obj {
    const item = sub.items.data[0]
    const amount = subscriptionItemsTotal(sub)
    const created = nowSec()
    const invoice: Obj = {
      id: id('in'),
      object: 'invoice',
      number: `VME-${String(++invoiceCounter).padStart(4, '0')}`,
      customer: sub.customer,
      customer_email: state.customers.get(sub.customer)?.email ?? null,
      currency: 'eur',
      status,
      billing_reason: reason,
      collection_method: 'charge_automatically',
      created,
      period_start: item.current_period_start,
      period_end: item.current_period_end,
      subtotal: amount,
      total: amount,
      amount_due: amount,
      amount_paid: status === 'paid' ? amount : 0,
      amount_remaining: status === 'paid' ? 0 : amount,
      attempt_count: 1,
      attempted: true,
      next_payment_attempt: status === 'open' ? created + 3 * DAY : null,
      hosted_invoice_url: `${baseUrl}/invoice/${created}`,
      invoice_pdf: `${baseUrl}/invoice/${created}/pdf`,
      livemode: false,
      metadata: {},
      parent: {
        type: 'subscription_details',
        quote_details: null,
        subscription_details: { subscription: sub.id, metadata: { ...sub.metadata } },
      },
      lines: list(
        sub.items.data.map((it: Obj) => ({
          id: id('il'),
          object: 'line_item',
          amount: it.price.unit_amount * it.quantity,
          currency: 'eur',
          description: `${it.quantity} × ${it.price.product} (at €${(it.price.unit_amount / 100).toFixed(2)} / month)`,
          quantity: it.quantity,
          period: { start: it.current_period_start, end: it.current_period_end },
          pricing: {
            type: 'price_details',
            price_details: { price: it.price.id, product: it.price.product },
            unit_amount_decimal: String(it.price.unit_amount),
          },
          metadata: {},
        })),
        '/v1/invoices/lines'
      ),
      status_transitions: { paid_at: status === 'paid' ? created : null, finalized_at: created },
    }
    invoice.hosted_invoice_url = `${baseUrl}/invoice/${invoice.id}`
    invoice.invoice_pdf = `${baseUrl}/invoice/${invoice.id}/pdf`
    state.invoices.set(invoice.id, invoice)
    sub.latest_invoice = invoice.id
    return invoice
  }

  function createSubscription(session: Obj, status: string, paymentMethod: string): Obj {
    const start = nowSec()
    const end = addMonth(start)
    const line = (session.line_items ?? [])[0] ?? {}
    const sub: Obj = {
      id: id('sub'),
      object: 'subscription',
      customer: session.customer,
      status,
      created: start,
      start_date: start,
      billing_cycle_anchor: start,
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
      ended_at: null,
      trial_start: null,
      trial_end: null,
      currency: 'eur',
      collection_method: 'charge_automatically',
      default_payment_method: id('pm'),
      payment_settings: { payment_method_types: [paymentMethod] },
      livemode: false,
      metadata: { ...(session.subscription_data?.metadata ?? {}) },
      items: list(
        [
          {
            id: id('si'),
            object: 'subscription_item',
            price: priceObject(line.price),
            quantity: Number(line.quantity ?? 1),
            current_period_start: start,
            current_period_end: end,
            created: start,
            metadata: {},
          },
        ],
        '/v1/subscription_items'
      ),
      latest_invoice: null,
    }
    state.subscriptions.set(sub.id, sub)
    return sub
  }

  function makeEvent(
    type: string,
    object: Obj,
    opts: { previousAttributes?: Obj; created?: number } = {}
  ) {
    const event: Obj = {
      id: id('evt'),
      object: 'event',
      api_version: '2026-10-28.endive',
      created: opts.created ?? nowSec(),
      type,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: {
        object: JSON.parse(JSON.stringify(object)),
        ...(opts.previousAttributes ? { previous_attributes: opts.previousAttributes } : {}),
      },
    }
    state.events.push(event)
    return event
  }

  function sign(payload: string, opts: { secret?: string; timestamp?: number } = {}) {
    return sdk.webhooks.generateTestHeaderString({
      payload,
      secret: opts.secret ?? webhookSecret,
      ...(opts.timestamp !== undefined ? { timestamp: opts.timestamp } : {}),
    })
  }

  async function deliver(event: Obj, opts: { signature?: string | null } = {}): Promise<Delivery> {
    const payload = JSON.stringify(event, null, 2)
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
    }
    const signature = opts.signature === undefined ? sign(payload) : opts.signature
    if (signature !== null) headers['stripe-signature'] = signature
    let delivery: Delivery
    try {
      const res = await fetch(webhookUrl, { method: 'POST', headers, body: payload })
      delivery = { event, status: res.status, body: await res.text() }
    } catch (error) {
      delivery = { event, status: 0, body: String(error) }
    }
    state.deliveries.push(delivery)
    if (options.verbose) {
      console.log(`[fake-stripe] ${event.type} ${event.id} → ${delivery.status}`)
    }
    return delivery
  }

  async function sendEvent(type: string, object: Obj, opts: { previousAttributes?: Obj } = {}) {
    return deliver(makeEvent(type, object, opts))
  }

  async function completeCheckout(sessionId: string, opts: CompleteCheckoutOptions = {}) {
    const session = state.sessions.get(sessionId)
    if (!session) throw new Error(`fake stripe: unknown checkout session ${sessionId}`)
    if (session.status !== 'open')
      throw new Error(`fake stripe: session ${sessionId} is ${session.status}`)
    const paymentMethod = opts.paymentMethod ?? 'card'
    if (
      !session.customer &&
      (session.mode === 'subscription' || session.customer_creation === 'always')
    ) {
      session.customer = createCustomer({ email: session.customer_email }).id
    }
    session.status = 'complete'
    session.customer_details = {
      email: session.customer_email ?? state.customers.get(session.customer)?.email ?? null,
      name: null,
      address: { country: 'BE' },
    }
    let subscription: Obj | null = null
    let invoice: Obj | null = null
    const asyncPayment =
      opts.asyncPayment ?? (session.mode === 'payment' && paymentMethod === 'sepa_debit')
    if (session.mode === 'subscription') {
      subscription = createSubscription(session, opts.subscriptionStatus ?? 'active', paymentMethod)
      invoice = createInvoice(subscription, 'paid', 'subscription_create')
      session.subscription = subscription.id
      session.invoice = invoice.id
      session.payment_status = 'paid'
      session.amount_total = invoice.total
      session.amount_subtotal = invoice.subtotal
    } else {
      session.payment_intent = id('pi')
      session.payment_status = asyncPayment ? 'unpaid' : 'paid'
    }
    const deliveries: Delivery[] = []
    if (opts.deliver !== false) {
      deliveries.push(await sendEvent('checkout.session.completed', session))
      if (subscription) {
        deliveries.push(await sendEvent('customer.subscription.created', subscription))
        deliveries.push(await sendEvent('invoice.paid', invoice!))
      } else if (asyncPayment) {
        session.payment_status = 'paid'
        deliveries.push(await sendEvent('checkout.session.async_payment_succeeded', session))
      }
    }
    return { session, subscription, invoice, deliveries }
  }

  async function updateSubscription(subId: string, patch: Obj, opts: { deliver?: boolean } = {}) {
    const sub = state.subscriptions.get(subId)
    if (!sub) throw new Error(`fake stripe: unknown subscription ${subId}`)
    const previous: Obj = {}
    for (const [k, v] of Object.entries(patch)) {
      if (k === 'quantity' || k === 'price') continue
      previous[k] = sub[k]
      sub[k] = v
    }
    if (patch.quantity !== undefined || patch.price !== undefined) {
      previous.items = JSON.parse(JSON.stringify(sub.items))
      const item = sub.items.data[0]
      if (patch.quantity !== undefined) item.quantity = Number(patch.quantity)
      if (patch.price !== undefined) item.price = priceObject(String(patch.price))
    }
    if (opts.deliver === false) return null
    return sendEvent('customer.subscription.updated', sub, { previousAttributes: previous })
  }

  async function failPayment(subId: string) {
    const sub = state.subscriptions.get(subId)
    if (!sub) throw new Error(`fake stripe: unknown subscription ${subId}`)
    const item = sub.items.data[0]
    item.current_period_start = item.current_period_end
    item.current_period_end = addMonth(item.current_period_end)
    const invoice = createInvoice(sub, 'open', 'subscription_cycle')
    const deliveries = [await sendEvent('invoice.payment_failed', invoice)]
    const previous = { status: sub.status }
    sub.status = 'past_due'
    deliveries.push(
      await sendEvent('customer.subscription.updated', sub, { previousAttributes: previous })
    )
    return { invoice, deliveries }
  }

  async function recoverPayment(subId: string) {
    const sub = state.subscriptions.get(subId)
    if (!sub) throw new Error(`fake stripe: unknown subscription ${subId}`)
    const invoice = state.invoices.get(sub.latest_invoice)!
    invoice.status = 'paid'
    invoice.amount_paid = invoice.amount_due
    invoice.amount_remaining = 0
    invoice.attempt_count += 1
    invoice.next_payment_attempt = null
    invoice.status_transitions.paid_at = nowSec()
    const deliveries = [await sendEvent('invoice.paid', invoice)]
    const previous = { status: sub.status }
    sub.status = 'active'
    deliveries.push(
      await sendEvent('customer.subscription.updated', sub, { previousAttributes: previous })
    )
    return { invoice, deliveries }
  }

  function cancelNow(sub: Obj) {
    sub.status = 'canceled'
    sub.canceled_at = nowSec()
    sub.ended_at = sub.canceled_at
  }

  async function cancelSubscription(subId: string, opts: { deliver?: boolean } = {}) {
    const sub = state.subscriptions.get(subId)
    if (!sub) throw new Error(`fake stripe: unknown subscription ${subId}`)
    cancelNow(sub)
    if (opts.deliver === false) return null
    return sendEvent('customer.subscription.deleted', sub)
  }

  // ---- HTTP API ---------------------------------------------------------------------

  function withExpand(obj: Obj, expand: string[] | undefined) {
    if (!expand?.length) return obj
    const copy = JSON.parse(JSON.stringify(obj))
    for (const path of expand) {
      const key = path.replace(/^data\./, '')
      if (key === 'subscription' && typeof copy.subscription === 'string') {
        copy.subscription = state.subscriptions.get(copy.subscription) ?? copy.subscription
      }
      if (key === 'latest_invoice' && typeof copy.latest_invoice === 'string') {
        copy.latest_invoice = state.invoices.get(copy.latest_invoice) ?? copy.latest_invoice
      }
      if (key === 'customer' && typeof copy.customer === 'string') {
        copy.customer = state.customers.get(copy.customer) ?? copy.customer
      }
    }
    return copy
  }

  function createCheckoutSession(p: Obj): { status: number; body: Obj } {
    const mode = p.mode ?? 'payment'
    if (!['payment', 'subscription', 'setup'].includes(mode)) {
      return stripeError(400, `Invalid mode: ${mode}`, { param: 'mode' })
    }
    if (!p.success_url)
      return stripeError(400, 'Missing required param: success_url.', { param: 'success_url' })
    const items: Obj[] = p.line_items ?? []
    if (!items.length)
      return stripeError(400, 'Missing required param: line_items.', { param: 'line_items' })
    if (p.customer && !state.customers.has(p.customer)) {
      return stripeError(400, `No such customer: '${p.customer}'`, {
        code: 'resource_missing',
        param: 'customer',
      })
    }
    let amount = 0
    const lineItems = items.map((li) => {
      const quantity = Number(li.quantity ?? 1)
      if (li.price) {
        // Stripe would refuse an unknown price; the fake accepts it at a default amount.
        const unit = prices[li.price] ?? 1000
        amount += unit * quantity
        return { price: li.price, quantity }
      }
      const unit = Number(li.price_data?.unit_amount ?? 0)
      if (!Number.isInteger(unit) || unit < 1) {
        throw Object.assign(new Error('bad amount'), {
          fake: stripeError(400, 'Invalid integer: unit_amount', {
            param: 'line_items[0][price_data][unit_amount]',
          }),
        })
      }
      amount += unit * quantity
      return { price_data: li.price_data, quantity, description: li.price_data?.product_data?.name }
    })
    const sessionId = `cs_test_${randomBytes(24).toString('base64url').replace(/[-_]/g, 'a')}`
    const session: Obj = {
      id: sessionId,
      object: 'checkout.session',
      mode,
      status: 'open',
      payment_status: 'unpaid',
      url: `${baseUrl}/c/pay/${sessionId}`,
      success_url: p.success_url,
      cancel_url: p.cancel_url ?? null,
      customer: p.customer ?? null,
      customer_email: p.customer_email ?? null,
      customer_creation: p.customer_creation ?? null,
      client_reference_id: p.client_reference_id ?? null,
      currency: 'eur',
      amount_total: amount,
      amount_subtotal: amount,
      created: nowSec(),
      expires_at: nowSec() + DAY,
      livemode: false,
      locale: p.locale ?? null,
      metadata: p.metadata ?? {},
      // API 2026+ sends `allowed_payment_method_types`; older versions `payment_method_types`.
      payment_method_types: p.allowed_payment_method_types ?? p.payment_method_types ?? ['card'],
      allowed_payment_method_types: p.allowed_payment_method_types ?? null,
      payment_intent: null,
      subscription: null,
      invoice: null,
      subscription_data: p.subscription_data ?? null,
      payment_intent_data: p.payment_intent_data ?? null,
      line_items: lineItems,
    }
    state.sessions.set(sessionId, session)
    return { status: 200, body: publicSession(session) }
  }

  /** The session as the API shows it (the fake keeps the create params alongside). */
  function publicSession(session: Obj) {
    const view = { ...session }
    delete view.line_items
    delete view.subscription_data
    delete view.payment_intent_data
    return view
  }

  async function api(
    method: string,
    path: string,
    p: Obj,
    query: Obj
  ): Promise<{ status: number; body: Obj }> {
    let m: RegExpExecArray | null
    // Customers
    if (method === 'POST' && path === '/v1/customers')
      return { status: 200, body: createCustomer(p) }
    if ((m = /^\/v1\/customers\/([^/]+)$/.exec(path))) {
      const customer = state.customers.get(m[1])
      if (!customer)
        return stripeError(404, `No such customer: '${m[1]}'`, {
          code: 'resource_missing',
          param: 'id',
        })
      if (method === 'POST') {
        Object.assign(customer, { ...p, metadata: { ...customer.metadata, ...(p.metadata ?? {}) } })
      }
      return { status: 200, body: customer }
    }
    // Checkout sessions
    if (method === 'POST' && path === '/v1/checkout/sessions') return createCheckoutSession(p)
    if ((m = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path)) && method === 'GET') {
      const session = state.sessions.get(m[1])
      if (!session)
        return stripeError(404, `No such checkout.session: '${m[1]}'`, {
          code: 'resource_missing',
          param: 'session',
        })
      return { status: 200, body: withExpand(publicSession(session), query.expand) }
    }
    if ((m = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(path)) && method === 'POST') {
      const session = state.sessions.get(m[1])
      if (!session)
        return stripeError(404, `No such checkout.session: '${m[1]}'`, { code: 'resource_missing' })
      if (session.status === 'open') session.status = 'expired'
      return { status: 200, body: publicSession(session) }
    }
    // Billing portal
    if (method === 'POST' && path === '/v1/billing_portal/sessions') {
      if (!p.customer || !state.customers.has(p.customer)) {
        return stripeError(400, `No such customer: '${p.customer}'`, {
          code: 'resource_missing',
          param: 'customer',
        })
      }
      const portal = {
        id: id('bps'),
        object: 'billing_portal.session',
        customer: p.customer,
        return_url: p.return_url ?? null,
        created: nowSec(),
        livemode: false,
        locale: p.locale ?? null,
        url: '',
      }
      portal.url = `${baseUrl}/p/session/${portal.id}`
      state.portalSessions.set(portal.id, portal)
      return { status: 200, body: portal }
    }
    // Subscriptions
    if (method === 'GET' && path === '/v1/subscriptions') {
      const data = [...state.subscriptions.values()].filter(
        (s) =>
          (!query.customer || s.customer === query.customer) &&
          (query.status === 'all' || query.status
            ? query.status === 'all' || s.status === query.status
            : s.status !== 'canceled')
      )
      return { status: 200, body: list(data, '/v1/subscriptions') }
    }
    if ((m = /^\/v1\/subscriptions\/([^/]+)$/.exec(path))) {
      const sub = state.subscriptions.get(m[1])
      if (!sub)
        return stripeError(404, `No such subscription: '${m[1]}'`, {
          code: 'resource_missing',
          param: 'id',
        })
      if (method === 'GET') return { status: 200, body: withExpand(sub, query.expand) }
      if (method === 'DELETE') {
        if (sub.status !== 'canceled') cancelNow(sub)
        if (autoEvents) setImmediate(() => void sendEvent('customer.subscription.deleted', sub))
        return { status: 200, body: sub }
      }
      if (method === 'POST') {
        if (sub.status === 'canceled') {
          return stripeError(
            400,
            'A canceled subscription can only update its cancellation_details and metadata.'
          )
        }
        const previous: Obj = {}
        const patchItem = (p.items ?? [])[0]
        if (patchItem) {
          const item = sub.items.data.find((i: Obj) => !patchItem.id || i.id === patchItem.id)
          if (!item)
            return stripeError(400, `Invalid subscription item: ${patchItem.id}`, {
              param: 'items[0][id]',
            })
          previous.items = JSON.parse(JSON.stringify(sub.items))
          if (patchItem.quantity !== undefined) {
            const q = Number(patchItem.quantity)
            if (!Number.isInteger(q) || q < 0)
              return stripeError(400, 'Invalid integer: quantity', { param: 'items[0][quantity]' })
            item.quantity = q
          }
          if (patchItem.price) item.price = priceObject(patchItem.price)
        }
        if (p.metadata) {
          previous.metadata = { ...sub.metadata }
          sub.metadata = { ...sub.metadata, ...p.metadata }
        }
        if (p.cancel_at_period_end !== undefined) {
          previous.cancel_at_period_end = sub.cancel_at_period_end
          sub.cancel_at_period_end = p.cancel_at_period_end === 'true'
          sub.cancel_at = sub.cancel_at_period_end ? sub.items.data[0].current_period_end : null
        }
        if (autoEvents) {
          setImmediate(
            () =>
              void sendEvent('customer.subscription.updated', sub, { previousAttributes: previous })
          )
        }
        return { status: 200, body: withExpand(sub, query.expand ?? p.expand) }
      }
    }
    // Invoices
    if (method === 'GET' && path === '/v1/invoices') {
      const limit = Math.min(Number(query.limit ?? 10), 100)
      const data = [...state.invoices.values()]
        .filter(
          (i) =>
            (!query.customer || i.customer === query.customer) &&
            (!query.subscription ||
              i.parent?.subscription_details?.subscription === query.subscription) &&
            (!query.status || i.status === query.status)
        )
        .sort((a, b) => b.created - a.created || (b.number > a.number ? 1 : -1))
      return {
        status: 200,
        body: { ...list(data.slice(0, limit), '/v1/invoices'), has_more: data.length > limit },
      }
    }
    if (
      (method === 'POST' && path === '/v1/invoices/create_preview') ||
      (method === 'GET' && path === '/v1/invoices/upcoming')
    ) {
      const params = method === 'POST' ? p : query
      const subs = [...state.subscriptions.values()].filter(
        (s) =>
          s.status !== 'canceled' &&
          (params.subscription ? s.id === params.subscription : s.customer === params.customer)
      )
      const sub = subs[0]
      if (!sub)
        return stripeError(404, 'No upcoming invoices for customer', {
          code: 'invoice_upcoming_none',
        })
      const item = sub.items.data[0]
      const amount = subscriptionItemsTotal(sub)
      return {
        status: 200,
        body: {
          id: `upcoming_in_${sub.id}`,
          object: 'invoice',
          customer: sub.customer,
          status: 'draft',
          currency: 'eur',
          created: nowSec(),
          period_start: item.current_period_start,
          period_end: item.current_period_end,
          next_payment_attempt: item.current_period_end,
          subtotal: amount,
          total: amount,
          amount_due: amount,
          amount_paid: 0,
          amount_remaining: amount,
          livemode: false,
          parent: {
            type: 'subscription_details',
            subscription_details: { subscription: sub.id, metadata: sub.metadata },
          },
          lines: list(
            sub.items.data.map((it: Obj) => ({
              id: id('il'),
              object: 'line_item',
              amount: it.price.unit_amount * it.quantity,
              currency: 'eur',
              quantity: it.quantity,
              description: `${it.quantity} × ${it.price.product}`,
              period: { start: it.current_period_end, end: addMonth(it.current_period_end) },
              pricing: {
                type: 'price_details',
                price_details: { price: it.price.id, product: it.price.product },
                unit_amount_decimal: String(it.price.unit_amount),
              },
            })),
            '/v1/invoices/upcoming/lines'
          ),
        },
      }
    }
    if ((m = /^\/v1\/invoices\/([^/]+)$/.exec(path)) && method === 'GET') {
      const invoice = state.invoices.get(m[1])
      if (!invoice)
        return stripeError(404, `No such invoice: '${m[1]}'`, {
          code: 'resource_missing',
          param: 'id',
        })
      return { status: 200, body: invoice }
    }
    return stripeError(404, `Unrecognized request URL (${method}: ${path}).`)
  }

  // ---- Hosted pages -----------------------------------------------------------------

  function page(title: string, body: string) {
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;background:#f6f9fc;color:#1a1f36;margin:0}main{max-width:460px;margin:48px auto;background:#fff;border-radius:12px;box-shadow:0 2px 12px #0002;padding:32px}
h1{font-size:1.3rem}.amount{font-size:2rem;font-weight:700;margin:8px 0 20px}.test{background:#ffde92;color:#5c3c00;border-radius:4px;padding:2px 8px;font-size:.8rem;font-weight:600}
fieldset{border:1px solid #e3e8ee;border-radius:8px;margin:16px 0}label{display:block;padding:6px 0}button{width:100%;background:#0a2540;color:#fff;border:0;border-radius:8px;padding:14px;font-size:1rem;cursor:pointer}
button:focus,a:focus{outline:3px solid #635bff;outline-offset:2px}a{color:#3c4ad9}ul{padding-left:18px}</style></head><body><main>${body}</main></body></html>`
  }

  function checkoutPage(session: Obj) {
    const total = (session.amount_total / 100).toFixed(2)
    const items = (session.line_items as Obj[])
      .map((li) => `<li>${escapeHtml(li.description ?? li.price)} × ${li.quantity}</li>`)
      .join('')
    const methods = (session.payment_method_types as string[])
      .map(
        (pm, i) =>
          `<label><input type="radio" name="payment_method" value="${escapeHtml(pm)}" ${i === 0 ? 'checked' : ''}> ${escapeHtml(
            { card: 'Card', sepa_debit: 'SEPA Direct Debit', bancontact: 'Bancontact' }[pm] ?? pm
          )}</label>`
      )
      .join('')
    const email = session.customer_email ?? state.customers.get(session.customer)?.email ?? ''
    const suffix = session.mode === 'subscription' ? ' / month' : ''
    const body =
      session.status !== 'open'
        ? `<h1>This checkout session is ${escapeHtml(session.status)}</h1>`
        : `<p><span class="test">TEST MODE</span> Fake Stripe Checkout</p>
<h1>${session.mode === 'subscription' ? 'Subscribe' : 'Pay'}</h1>
<p class="amount">€${total}${suffix}</p><ul>${items}</ul>
<p>${escapeHtml(email)}</p>
<form method="post" action="/c/pay/${escapeHtml(session.id)}">
<fieldset><legend>Payment method</legend>${methods}</fieldset>
<button type="submit">${session.mode === 'subscription' ? 'Subscribe' : 'Pay'}</button></form>
${session.cancel_url ? `<p><a href="${escapeHtml(session.cancel_url)}">← Cancel and go back</a></p>` : ''}`
    return page('Fake Stripe Checkout', body)
  }

  function portalPage(portal: Obj) {
    const subs = [...state.subscriptions.values()].filter((s) => s.customer === portal.customer)
    const rows = subs
      .map(
        (
          s
        ) => `<li>${escapeHtml(s.items.data[0].price.id)} × ${s.items.data[0].quantity} — <strong>${escapeHtml(s.status)}</strong>
${s.status !== 'canceled' ? `<form method="post" action="/p/session/${escapeHtml(portal.id)}/cancel/${escapeHtml(s.id)}"><button type="submit">Cancel subscription</button></form>` : ''}</li>`
      )
      .join('')
    return page(
      'Fake Stripe customer portal',
      `<p><span class="test">TEST MODE</span> Fake customer portal</p><h1>Your subscription</h1><ul>${rows || '<li>No subscription</li>'}</ul>
${portal.return_url ? `<p><a href="${escapeHtml(portal.return_url)}">← Return</a></p>` : ''}`
    )
  }

  async function readBody(req: http.IncomingMessage): Promise<string> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  }

  function send(
    res: http.ServerResponse,
    status: number,
    body: Obj | string,
    type = 'application/json'
  ) {
    res.writeHead(status, {
      'content-type': type,
      'request-id': id('req'),
      'stripe-version': '2026-10-28.endive',
    })
    res.end(typeof body === 'string' ? body : JSON.stringify(body))
  }

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost')
      const path = url.pathname
      const method = req.method ?? 'GET'
      const raw = await readBody(req)
      let m: RegExpExecArray | null

      if (path === '/favicon.ico') {
        res.writeHead(204)
        return res.end()
      }
      if ((m = /^\/c\/pay\/([^/]+)$/.exec(path))) {
        const session = state.sessions.get(m[1])
        if (!session)
          return send(res, 404, page('Not found', '<h1>Unknown checkout session</h1>'), 'text/html')
        if (method === 'GET')
          return send(res, 200, checkoutPage(session), 'text/html; charset=utf-8')
        const form = new URLSearchParams(raw)
        if (session.status === 'open') {
          await completeCheckout(session.id, {
            paymentMethod: form.get('payment_method') ?? 'card',
          })
        }
        res.writeHead(303, {
          location: String(session.success_url).replace('{CHECKOUT_SESSION_ID}', session.id),
        })
        return res.end()
      }
      if ((m = /^\/p\/session\/([^/]+)(?:\/cancel\/([^/]+))?$/.exec(path))) {
        const portal = state.portalSessions.get(m[1])
        if (!portal)
          return send(res, 404, page('Not found', '<h1>Unknown portal session</h1>'), 'text/html')
        if (method === 'POST' && m[2]) {
          const sub = state.subscriptions.get(m[2])
          if (sub && sub.customer === portal.customer && sub.status !== 'canceled')
            await cancelSubscription(sub.id)
          res.writeHead(303, { location: `/p/session/${portal.id}` })
          return res.end()
        }
        return send(res, 200, portalPage(portal), 'text/html; charset=utf-8')
      }
      if ((m = /^\/invoice\/([^/]+)(\/pdf)?$/.exec(path))) {
        const invoice = state.invoices.get(m[1])
        if (!invoice)
          return send(res, 404, page('Not found', '<h1>Unknown invoice</h1>'), 'text/html')
        return send(
          res,
          200,
          page(
            `Invoice ${invoice.number}`,
            `<h1>Invoice ${escapeHtml(invoice.number)}</h1><p class="amount">€${(invoice.total / 100).toFixed(2)}</p><p>Status: ${escapeHtml(invoice.status)}</p>`
          ),
          'text/html; charset=utf-8'
        )
      }
      if (!path.startsWith('/v1/'))
        return send(res, 404, { error: { type: 'invalid_request_error', message: 'Not found' } })

      // Like Stripe: the secret key as a Bearer token (the SDK) or Basic user (curl -u sk_…:).
      const auth = req.headers.authorization ?? ''
      const basic = /^Basic (.+)$/.exec(auth)
      const key = basic ? Buffer.from(basic[1], 'base64').toString().split(':')[0] : auth.slice(7)
      if (!/^sk_(test|live)_/.test(key)) {
        return send(res, 401, {
          error: { type: 'invalid_request_error', message: 'Invalid API Key provided' },
        })
      }
      const query = parseStripeForm(url.search.slice(1))
      const body = method === 'GET' || method === 'DELETE' ? {} : parseStripeForm(raw)
      state.requests.push({ method, path, body, query })
      try {
        const out = await api(method, path, body, query)
        return send(res, out.status, out.body)
      } catch (error: any) {
        if (error?.fake) return send(res, error.fake.status, error.fake.body)
        throw error
      }
    } catch (error) {
      send(res, 500, { error: { type: 'api_error', message: String(error) } })
    }
  })

  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve)
  )
  const address = server.address() as { port: number }
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'
  baseUrl = `http://${host}:${address.port}`

  const configure = options.configureProcessEnv !== false
  const previousEnv = { url: process.env.STRIPE_API_URL, secret: process.env.STRIPE_WEBHOOK_SECRET }
  if (configure) {
    process.env.STRIPE_API_URL = baseUrl
    process.env.STRIPE_WEBHOOK_SECRET = webhookSecret
  }

  return {
    url: baseUrl,
    port: address.port,
    webhookUrl,
    webhookSecret,
    state,
    async stop() {
      if (configure) {
        if (previousEnv.url === undefined) delete process.env.STRIPE_API_URL
        else process.env.STRIPE_API_URL = previousEnv.url
        if (previousEnv.secret === undefined) delete process.env.STRIPE_WEBHOOK_SECRET
        else process.env.STRIPE_WEBHOOK_SECRET = previousEnv.secret
      }
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
    completeCheckout,
    sendEvent,
    makeEvent,
    deliver,
    sign,
    updateSubscription,
    failPayment,
    recoverPayment,
    cancelSubscription,
    lastSession: () => [...state.sessions.values()].at(-1),
    sessionByUrl: (u: string) => [...state.sessions.values()].find((s) => s.url === u),
  }
}
