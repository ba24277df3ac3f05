import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/*
| One-off Stripe Checkout payments made inside the product (an owner paying their
| balance, a notary paying the état-daté fee, a paid resource booking) all come back
| through the one webhook `POST /api/v1/webhooks/stripe`. The session's metadata carries
| `purpose` and `organisationId`; the webhook job runs the handler registered for that
| purpose inside that organisation's tenant transaction, once per event id.
| Subscriptions (purpose `subscription`) are billing's own business.
*/
export interface CheckoutCompleted {
  /** Stripe event id (idempotency is already handled by the webhook layer). */
  eventId: string
  sessionId: string
  purpose: string
  organisationId: string
  /** Everything put in `metadata` when the session was created (strings). */
  metadata: Record<string, string>
  /** Decimal string in EUR, e.g. "120.50". */
  amountTotal: string
  currency: string
  paymentIntentId: string | null
  paymentStatus: string
  customerEmail: string | null
}

export type CheckoutHandler = (
  event: CheckoutCompleted,
  trx: TransactionClientContract
) => Promise<void>

const handlers = new Map<string, CheckoutHandler>()

/** Modules call this from their provider's `register()` (purpose e.g. `accounting.owner_payment`). */
export function registerCheckoutHandler(purpose: string, handler: CheckoutHandler) {
  handlers.set(purpose, handler)
}

export function checkoutHandler(purpose: string): CheckoutHandler | undefined {
  return handlers.get(purpose)
}
