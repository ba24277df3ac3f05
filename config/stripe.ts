/*
| Stripe settings that are not secrets. Secrets and the API URL are read lazily by
| app/billing/stripe_client.ts (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, STRIPE_API_URL).
*/
const stripeConfig = {
  currency: 'eur',
  /** Subscriptions: card and SEPA Direct Debit (SPEC §3). */
  subscriptionPaymentMethods: ['card', 'sepa_debit'] as string[],
  /** One-off payments default: card and Bancontact (Belgium). */
  paymentMethods: ['card', 'bancontact'] as string[],
  /** Webhook events older than this (seconds) are refused by the signature check. */
  webhookTolerance: 300,
  /** Stripe Checkout page language per app locale. */
  checkoutLocales: { fr: 'fr', nl: 'nl', de: 'de', en: 'en' } as Record<
    string,
    'fr' | 'nl' | 'de' | 'en'
  >,
}

export default stripeConfig
