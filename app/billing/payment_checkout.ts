import { randomUUID } from 'node:crypto'
import type Stripe from 'stripe'
import stripeConfig from '#config/stripe'
import { stripe, toStripeCents } from '#billing/stripe_client'
import { fromCents } from '#services/money'
import { paymentProviderError } from '#billing/errors'
import { withTenant } from '#tenancy/tenant_context'

/*
| One-off Stripe Checkout payments for the modules (an owner paying their balance, a
| notary paying the état-daté fee, a paid booking). The session's metadata carries
| `purpose` and `organisationId`; when Stripe reports it paid, the billing webhook job
| runs the handler registered with `registerCheckoutHandler(purpose, …)` from
| `#billing/checkout_hooks` inside that organisation's tenant transaction, once.
*/
export interface PaymentCheckoutInput {
  /** Handler key, e.g. `accounting.owner_payment` (never `subscription`). */
  purpose: string
  organisationId: string
  /** Decimal string in EUR, e.g. "12.50" (> 0, at most 2 decimals). */
  amount: string
  /** Shown on the Checkout page and the receipt. */
  description: string
  /** Your own keys (strings, ≤ 40 keys); `purpose` and `organisationId` are added. */
  metadata?: Record<string, string>
  /** Where Stripe sends the payer back; `{CHECKOUT_SESSION_ID}` is replaced by Stripe. */
  successUrl: string
  cancelUrl: string
  customerEmail?: string | null
  /** Default ['card', 'bancontact']; add 'sepa_debit' for SEPA (paid a few days later). */
  paymentMethodTypes?: string[]
  /** Checkout page language (fr, nl, de, en). */
  locale?: string | null
}

export interface PaymentCheckout {
  /** Stripe Checkout session id (`cs_…`). */
  id: string
  /** The hosted payment page to redirect the payer to. */
  url: string
}

const RESERVED = new Set(['purpose', 'organisationId'])

export async function createPaymentCheckout(input: PaymentCheckoutInput): Promise<PaymentCheckout> {
  if (!input.purpose || input.purpose === 'subscription') {
    throw new Error('createPaymentCheckout: purpose is required and cannot be "subscription"')
  }
  const cents = toStripeCents(input.amount)
  if (cents <= 0) throw new Error('createPaymentCheckout: amount must be > 0')
  const metadata: Record<string, string> = {}
  for (const [k, v] of Object.entries(input.metadata ?? {})) {
    if (!RESERVED.has(k)) metadata[k] = String(v).slice(0, 500)
  }
  metadata.purpose = input.purpose
  metadata.organisationId = input.organisationId
  const description = input.description.slice(0, 500)
  const locale = input.locale ? stripeConfig.checkoutLocales[input.locale] : undefined

  let session
  try {
    const api = await stripe()
    session = await api.checkout.sessions.create(
      {
        mode: 'payment',
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: stripeConfig.currency,
              unit_amount: cents,
              product_data: { name: description },
            },
          },
        ],
        // API 2026+: an allow-list filtering the dynamically eligible methods.
        allowed_payment_method_types: (input.paymentMethodTypes ??
          stripeConfig.paymentMethods) as Stripe.Checkout.SessionCreateParams.AllowedPaymentMethodType[],
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
        metadata,
        payment_intent_data: { metadata, description },
        client_reference_id: input.organisationId,
        ...(input.customerEmail ? { customer_email: input.customerEmail } : {}),
        ...(locale ? { locale } : {}),
      },
      { idempotencyKey: randomUUID() }
    )
  } catch (error) {
    throw paymentProviderError(error)
  }
  if (!session.url) throw paymentProviderError(new Error('Checkout session without url'))

  // Recorded in the organisation's own table (inside the caller's tenant transaction when
  // there is one): the webhook finds it again, and the module can list its payments.
  await withTenant(input.organisationId, (trx) =>
    trx
      .insertQuery()
      .table('billing_checkout_payments')
      .insert({
        organisation_id: input.organisationId,
        session_id: session.id,
        purpose: input.purpose,
        amount: fromCents(BigInt(cents)),
        currency: stripeConfig.currency,
        description,
        metadata: JSON.stringify(metadata),
        status: 'open',
      })
  )
  return { id: session.id, url: session.url }
}
