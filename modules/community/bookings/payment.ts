import { createPaymentCheckout, type PaymentCheckoutInput } from '#billing/payment_checkout'
import type { CheckoutCompleted } from '#billing/checkout_hooks'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/*
| Paid resources: the booking is created (holding the slot) with payment_status
| `pending` and a Stripe Checkout session from billing's `createPaymentCheckout`;
| billing's webhook calls our handler (`community.booking`) when the session completes.
*/
export const CHECKOUT_PURPOSE = 'community.booking'

/** Starts the Stripe Checkout session of a booking (billing's helper, real Stripe SDK). */
export async function startBookingCheckout(input: Omit<PaymentCheckoutInput, 'purpose'>) {
  return createPaymentCheckout({ ...input, purpose: CHECKOUT_PURPOSE })
}

/** Webhook handler: marks the booking paid (idempotent: a second event changes nothing). */
export async function onBookingCheckoutCompleted(
  event: CheckoutCompleted,
  trx: TransactionClientContract
) {
  const bookingId = event.metadata.bookingId
  if (!bookingId) return
  await trx
    .from('community_bookings')
    .where('organisation_id', event.organisationId)
    .where('id', bookingId)
    .where('payment_status', 'pending')
    .update({ payment_status: 'paid', updated_at: new Date() })
  await trx.table('audit_logs').insert({
    organisation_id: event.organisationId,
    action: 'community.booking.paid',
    subject_type: 'community_booking',
    subject_id: bookingId,
    metadata: JSON.stringify({ sessionId: event.sessionId, amount: event.amountTotal }),
  })
}
