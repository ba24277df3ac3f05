import type { CatalogEntry, JsonSchema } from '#services/openapi_catalog'

/* OpenAPI descriptions of the billing routes (registered by billing_boot.ts). */
const str = (extra: JsonSchema = {}): JsonSchema => ({ type: 'string', ...extra })
const nullable = (type: string, extra: JsonSchema = {}): JsonSchema => ({
  type: [type, 'null'],
  ...extra,
})
const money: JsonSchema = { type: 'string', pattern: '^-?\\d+\\.\\d{2}$', description: 'EUR' }
const planEnum: JsonSchema = { type: 'string', enum: ['essential', 'pro', 'complete'] }
const planBody: JsonSchema = { type: 'object', properties: { plan: planEnum }, required: ['plan'] }

const overview: JsonSchema = {
  type: 'object',
  properties: {
    plan: nullable('string', { enum: ['essential', 'pro', 'complete', null] }),
    status: { type: 'string', enum: ['trialing', 'active', 'past_due', 'canceled', 'suspended'] },
    trialEndsAt: nullable('string', { format: 'date-time' }),
    buildingsBilled: { type: 'integer', description: 'Subscription quantity (≥ 1)' },
    activeBuildings: { type: 'integer' },
    pricePerBuilding: { ...money, type: ['string', 'null'] },
    currentPeriodEnd: nullable('string', { format: 'date-time' }),
    cancelAtPeriodEnd: { type: 'boolean' },
    pastDueSince: nullable('string', { format: 'date-time' }),
    readOnly: { type: 'boolean', description: 'Writes answer 402 E_PAYMENT_REQUIRED' },
    readOnlyReason: nullable('string', { enum: ['past_due', 'canceled', 'trial_expired', null] }),
    graceEndsAt: nullable('string', {
      format: 'date-time',
      description: 'past_due: end of the 7-day grace',
    }),
    hasCustomer: { type: 'boolean' },
    hasSubscription: { type: 'boolean' },
    nextInvoice: {
      type: ['object', 'null'],
      properties: {
        amount: money,
        currency: str(),
        date: nullable('string', { format: 'date-time' }),
      },
    },
    plans: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          key: planEnum,
          pricePerBuilding: money,
          currency: str(),
          modules: { type: 'array', items: str() },
        },
      },
    },
  },
}

const invoice: JsonSchema = {
  type: 'object',
  properties: {
    id: str(),
    number: nullable('string'),
    status: nullable('string'),
    total: money,
    amountDue: money,
    currency: str(),
    createdAt: str({ format: 'date-time' }),
    periodStart: nullable('string', { format: 'date-time' }),
    periodEnd: nullable('string', { format: 'date-time' }),
    hostedInvoiceUrl: nullable('string'),
    pdfUrl: nullable('string'),
  },
}

const provider = {
  502: 'E_PAYMENT_PROVIDER: Stripe refused or is unreachable',
  503: 'E_PAYMENTS_UNAVAILABLE: Stripe is not configured',
}

export const billingCatalog: Record<string, CatalogEntry> = {
  'GET /billing': {
    summary: 'Subscription of the organisation (admin)',
    description:
      'Plan, status (trialing|active|past_due|canceled), trial end, buildings billed (active buildings, at least 1), next invoice (from Stripe), read-only state.',
    tags: ['billing'],
    response: overview,
  },
  'GET /billing/invoices': {
    summary: 'Invoices of the organisation, from Stripe (admin)',
    tags: ['billing'],
    response: { type: 'object', properties: { data: { type: 'array', items: invoice } } },
    errors: provider,
  },
  'POST /billing/checkout': {
    summary: 'Stripe Checkout session for a subscription (admin)',
    description:
      "Mode subscription, quantity = active buildings, card and SEPA Direct Debit. The subscription becomes active when Stripe's webhook arrives. 409 when a live subscription exists (use PUT /billing/plan).",
    tags: ['billing'],
    requestBody: planBody,
    successStatus: 200,
    response: { type: 'object', properties: { id: str(), url: str({ format: 'uri' }) } },
    errors: { 409: 'E_INVALID_STATE: already subscribed', ...provider },
  },
  'PUT /billing/plan': {
    summary: 'Upgrade or downgrade the live subscription (admin)',
    description:
      'Proration is left to Stripe; modules follow the plan at once (superadmin grants kept, data kept).',
    tags: ['billing'],
    requestBody: planBody,
    response: overview,
    errors: { 409: 'E_INVALID_STATE: no live subscription', ...provider },
  },
  'POST /billing/portal': {
    summary: 'Stripe customer portal session (admin)',
    tags: ['billing'],
    successStatus: 200,
    response: { type: 'object', properties: { url: str({ format: 'uri' }) } },
    errors: { 409: 'E_INVALID_STATE: no Stripe customer yet', ...provider },
  },
  'POST /webhooks/stripe': {
    summary: 'Stripe webhook (signed, raw body)',
    description:
      'Verifies Stripe-Signature over the raw body (bad or missing → 400, nothing recorded), records the event once by id and processes it in a job. Handles checkout.session.completed (subscriptions and one-off payments), customer.subscription.created|updated|deleted, invoice.paid, invoice.payment_failed.',
    tags: ['billing'],
    public: true,
    successStatus: 200,
    response: {
      type: 'object',
      properties: { received: { type: 'boolean' }, duplicate: { type: 'boolean' } },
    },
    errors: { 400: 'E_BAD_REQUEST: missing or invalid signature' },
  },
}
