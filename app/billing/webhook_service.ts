import Stripe from 'stripe'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import stripeConfig from '#config/stripe'
import { stripe, stripeWebhookSecret, fromStripeCents } from '#billing/stripe_client'
import { checkoutHandler } from '#billing/checkout_hooks'
import {
  applySubscription,
  billingRow,
  organisationForCustomer,
} from '#billing/subscription_service'
import { sendPaymentFailedEmails } from '#billing/billing_emails'
import { withTenant } from '#tenancy/tenant_context'
import { dispatch } from '#jobs/dispatcher'
import { ApiError } from '#exceptions/api_error'
import Organisation from '#models/organisation'

/*
| POST /api/v1/webhooks/stripe: verify the signature on the raw body, record the event
| by its id (a replay finds it and changes nothing), answer 200 at once; the job
| `billing.process_stripe_event` does the work.
*/
export const HANDLED_EVENTS = new Set([
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
])

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function verifyEvent(rawBody: string | null, signature: string | undefined): Stripe.Event {
  const secret = stripeWebhookSecret()
  if (!rawBody || !signature || !secret) {
    throw new ApiError(400, 'E_BAD_REQUEST', 'Missing or invalid Stripe signature')
  }
  try {
    return Stripe.webhooks.constructEvent(
      rawBody,
      signature,
      secret,
      stripeConfig.webhookTolerance
    ) as Stripe.Event
  } catch {
    throw new ApiError(400, 'E_BAD_REQUEST', 'Missing or invalid Stripe signature')
  }
}

/** Records the event (once) and enqueues its processing. */
export async function receiveEvent(event: Stripe.Event) {
  const inserted = await db.rawQuery(
    `insert into billing_stripe_events (id, type, payload, stripe_created_at)
     values (?, ?, ?::jsonb, to_timestamp(?)) on conflict (id) do nothing returning id`,
    [event.id, event.type, JSON.stringify(event), event.created]
  )
  const fresh = inserted.rows.length === 1
  if (!fresh) {
    const existing = await db.rawQuery(`select status from billing_stripe_events where id = ?`, [
      event.id,
    ])
    // Not processed yet (e.g. the queue was down): enqueue again; the job id dedupes.
    if (existing.rows[0]?.status !== 'received') return { duplicate: true }
  }
  await dispatch(
    'billing.process_stripe_event',
    { eventId: event.id },
    { jobId: `stripe_event_${event.id}`, afterCommit: false }
  )
  return { duplicate: !fresh }
}

type Outcome = { status: 'processed' | 'ignored'; organisationId: string | null; note?: string }

/** The job's body: processes one recorded event, at most once successfully. */
export async function processEvent(eventId: string): Promise<Outcome | { status: 'already' }> {
  const res = await db.rawQuery(`select * from billing_stripe_events where id = ?`, [eventId])
  const row = res.rows[0]
  if (!row) return { status: 'ignored', organisationId: null, note: 'unknown event' }
  if (row.status === 'processed' || row.status === 'ignored') return { status: 'already' }
  await db.rawQuery(`update billing_stripe_events set attempts = attempts + 1 where id = ?`, [
    eventId,
  ])

  const event = row.payload as Stripe.Event
  let outcome: Outcome
  try {
    outcome = await route(event)
  } catch (error) {
    await db.rawQuery(`update billing_stripe_events set error = ? where id = ?`, [
      String((error as Error)?.message ?? error).slice(0, 2000),
      eventId,
    ])
    throw error
  }
  await db.rawQuery(
    `update billing_stripe_events set status = ?, organisation_id = ?, processed_at = now(), error = ? where id = ?`,
    [outcome.status, outcome.organisationId, outcome.note ?? null, eventId]
  )
  return outcome
}

/** After the last attempt failed: the event stays visible as failed. */
export async function markEventFailed(eventId: string, message: string) {
  await db.rawQuery(
    `update billing_stripe_events set status = 'failed', error = ? where id = ? and status = 'received'`,
    [message.slice(0, 2000), eventId]
  )
}

function customerId(customer: string | { id: string } | null | undefined) {
  return typeof customer === 'string' ? customer : (customer?.id ?? null)
}

async function organisationOf(
  metadata: Record<string, string> | null | undefined,
  customer: string | { id: string } | null | undefined
) {
  const fromMetadata = metadata?.organisationId
  if (fromMetadata && UUID.test(fromMetadata)) {
    const exists = await Organisation.find(fromMetadata)
    if (exists) return exists.id
  }
  return organisationForCustomer(customerId(customer))
}

async function route(event: Stripe.Event): Promise<Outcome> {
  if (!HANDLED_EVENTS.has(event.type)) {
    return { status: 'ignored', organisationId: null, note: `unhandled type ${event.type}` }
  }
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
    case 'checkout.session.async_payment_failed':
    case 'checkout.session.expired':
      return checkoutEvent(event)
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted': {
      const sub = event.data.object as Stripe.Subscription
      return syncSubscription(sub.id, sub.metadata, sub.customer, event.type, sub)
    }
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const invoice = event.data.object as Stripe.Invoice
      const details = invoice.parent?.subscription_details
      const subId =
        typeof details?.subscription === 'string'
          ? details.subscription
          : (details?.subscription?.id ?? null)
      const organisationId = await organisationOf(
        (details?.metadata ?? invoice.metadata) as Record<string, string>,
        invoice.customer
      )
      if (!organisationId)
        return { status: 'ignored', organisationId: null, note: 'no organisation' }
      if (event.type === 'invoice.payment_failed') {
        await sendPaymentFailedEmails(organisationId, {
          amount: fromStripeCents(invoice.amount_due),
          invoiceUrl: invoice.hosted_invoice_url ?? null,
          nextAttempt: invoice.next_payment_attempt ?? null,
        })
      }
      if (subId) return syncSubscription(subId, { organisationId }, invoice.customer, event.type)
      return { status: 'processed', organisationId }
    }
  }
  return { status: 'ignored', organisationId: null }
}

/** Re-reads the subscription from Stripe inside the tenant transaction and applies it. */
async function syncSubscription(
  subscriptionId: string,
  metadata: Record<string, string> | null | undefined,
  customer: string | { id: string } | null | undefined,
  source: string,
  eventObject?: Stripe.Subscription
): Promise<Outcome> {
  const organisationId = await organisationOf(metadata, customer)
  if (!organisationId) return { status: 'ignored', organisationId: null, note: 'no organisation' }
  let note: string | undefined
  await withTenant(organisationId, async () => {
    // Lock first, then read Stripe: two events of one organisation apply one after the
    // other, each with the latest state (an older event can never win).
    await billingRow({ lock: true })
    let sub: Stripe.Subscription
    try {
      const api = await stripe()
      sub = await api.subscriptions.retrieve(subscriptionId)
    } catch (error) {
      // A subscription Stripe no longer knows (deleted test data): only a final
      // `deleted` event can still be applied as it is; anything else is moot.
      const missing = (error as { code?: string })?.code === 'resource_missing'
      if (!missing) throw error
      if (source !== 'customer.subscription.deleted' || !eventObject) {
        note = 'subscription unknown to Stripe'
        return
      }
      sub = eventObject
    }
    await applySubscription(sub, source)
  })
  return { status: 'processed', organisationId, note }
}

async function checkoutEvent(event: Stripe.Event): Promise<Outcome> {
  const session = event.data.object as Stripe.Checkout.Session
  const metadata = (session.metadata ?? {}) as Record<string, string>
  if (session.mode === 'subscription' || metadata.purpose === 'subscription') {
    if (event.type !== 'checkout.session.completed' || !session.subscription) {
      return { status: 'ignored', organisationId: metadata.organisationId ?? null }
    }
    const subId =
      typeof session.subscription === 'string' ? session.subscription : session.subscription.id
    return syncSubscription(subId, metadata, session.customer, 'checkout.session.completed')
  }

  const organisationId = metadata.organisationId
  if (!organisationId || !UUID.test(organisationId) || !(await Organisation.find(organisationId))) {
    return { status: 'ignored', organisationId: null, note: 'no organisation in metadata' }
  }
  const purpose = metadata.purpose ?? 'unknown'
  let note: string | undefined
  await withTenant(organisationId, async (trx) => {
    await trx.rawQuery(
      `insert into billing_checkout_payments (organisation_id, session_id, purpose, amount, currency, description, metadata, status)
       values (?, ?, ?, ?, ?, ?, ?::jsonb, 'open') on conflict (session_id) do nothing`,
      [
        organisationId,
        session.id,
        purpose,
        fromStripeCents(session.amount_total ?? 0) === '0.00'
          ? '0.01'
          : fromStripeCents(session.amount_total),
        session.currency ?? 'eur',
        purpose,
        JSON.stringify(metadata),
      ]
    )
    const locked = await trx.rawQuery(
      `select * from billing_checkout_payments where session_id = ? and organisation_id = ? for update`,
      [session.id, organisationId]
    )
    const payment = locked.rows[0]
    if (!payment || ['handled', 'unhandled', 'failed', 'expired'].includes(payment.status)) {
      note = 'session already settled'
      return
    }
    const update = (status: string, extra: Record<string, unknown> = {}) =>
      trx
        .from('billing_checkout_payments')
        .where('session_id', session.id)
        .where('organisation_id', organisationId)
        .update({
          status,
          payment_status: session.payment_status,
          payment_intent_id:
            typeof session.payment_intent === 'string'
              ? session.payment_intent
              : (session.payment_intent?.id ?? null),
          event_id: event.id,
          ...extra,
        })

    if (event.type === 'checkout.session.expired') return void (await update('expired'))
    if (event.type === 'checkout.session.async_payment_failed') return void (await update('failed'))
    const paid =
      session.payment_status === 'paid' || session.payment_status === 'no_payment_required'
    // SEPA and other delayed methods: `completed` arrives unpaid, the money later.
    if (!paid) return void (await update('pending'))

    const handler = checkoutHandler(purpose)
    if (!handler) {
      logger.warn({ purpose, sessionId: session.id }, 'billing: no checkout handler for purpose')
      note = `no handler for purpose ${purpose}`
      return void (await update('unhandled', { completed_at: new Date() }))
    }
    await handler(
      {
        eventId: event.id,
        sessionId: session.id,
        purpose,
        organisationId,
        metadata,
        amountTotal: fromStripeCents(session.amount_total ?? 0),
        currency: session.currency ?? 'eur',
        paymentIntentId:
          typeof session.payment_intent === 'string'
            ? session.payment_intent
            : (session.payment_intent?.id ?? null),
        paymentStatus: session.payment_status,
        customerEmail: session.customer_details?.email ?? session.customer_email ?? null,
      },
      trx
    )
    await update('handled', { completed_at: new Date() })
  })
  return { status: 'processed', organisationId, note }
}
