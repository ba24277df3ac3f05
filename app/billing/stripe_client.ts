import type Stripe from 'stripe'
import env from '#start/env'
import { formatCents, parseCents } from '#services/money'

/*
| The one Stripe SDK instance of the app. Configuration is read lazily (at first use and
| again whenever it changes) so tests and the demo can point the SDK at the local fake
| Stripe server after boot: `setStripeApiUrl('http://127.0.0.1:4242')`. In production
| STRIPE_API_URL is unset and the SDK talks to api.stripe.com.
*/
let apiUrlOverride: string | null | undefined
let webhookSecretOverride: string | undefined
let cached: { signature: string; client: Stripe } | undefined

function fromEnv(name: 'STRIPE_SECRET_KEY' | 'STRIPE_WEBHOOK_SECRET' | 'STRIPE_API_URL') {
  // process.env first: a value set after boot (tests) wins over the validated boot value.
  const live = process.env[name]
  if (live !== undefined && live !== '') return live
  const booted = env.get(name)
  return booted === '' ? undefined : booted
}

/** Points the SDK at another Stripe-compatible server (the fake); null goes back to env. */
export function setStripeApiUrl(url: string | null) {
  apiUrlOverride = url
  cached = undefined
}

export function stripeApiUrl(): string | undefined {
  if (apiUrlOverride !== undefined) return apiUrlOverride ?? undefined
  return fromEnv('STRIPE_API_URL')
}

/** Overrides STRIPE_WEBHOOK_SECRET (tests); undefined goes back to env. */
export function setStripeWebhookSecret(secret: string | undefined) {
  webhookSecretOverride = secret
}

export function stripeWebhookSecret(): string | undefined {
  return webhookSecretOverride ?? fromEnv('STRIPE_WEBHOOK_SECRET')
}

/** Secret key; against the fake server any key works, so a placeholder is used when unset. */
export function stripeSecretKey(): string | undefined {
  return fromEnv('STRIPE_SECRET_KEY') ?? (stripeApiUrl() ? 'sk_test_fake_local' : undefined)
}

/** True when payments can be taken (a real key, or the local fake server). */
export function isStripeConfigured(): boolean {
  return !!stripeSecretKey()
}

export class StripeNotConfigured extends Error {
  constructor() {
    super('Stripe is not configured (STRIPE_SECRET_KEY or STRIPE_API_URL)')
  }
}

/*
| The SDK is imported on first use: it is ~6 MB of heap, and most web processes never
| talk to Stripe between restarts (only billing pages, checkouts and webhooks do).
*/
let sdk: Promise<typeof Stripe> | undefined

/** The configured SDK instance (rebuilt when the key or URL changed). */
export async function stripe(): Promise<Stripe> {
  const key = stripeSecretKey()
  if (!key) throw new StripeNotConfigured()
  const apiUrl = stripeApiUrl()
  const signature = `${key}|${apiUrl ?? ''}`
  if (cached?.signature === signature) return cached.client

  const config: Stripe.StripeConfig = { maxNetworkRetries: 2, timeout: 20000 }
  if (apiUrl) {
    const url = new URL(apiUrl)
    config.host = url.hostname
    config.port = url.port || (url.protocol === 'http:' ? '80' : '443')
    config.protocol = url.protocol.replace(':', '') as 'http' | 'https'
    // The fake answers instantly; retries would only hide bugs in tests.
    config.maxNetworkRetries = 0
  }
  sdk ??= import('stripe').then((module) => module.default)
  const StripeSdk = await sdk
  // Another caller may have built it while the SDK loaded.
  if (cached?.signature === signature) return cached.client
  const client = new StripeSdk(key, config)
  cached = { signature, client }
  return client
}

/**
 * Our decimal string ("12.50", ≤ 9 digits, ≤ 2 decimals, ≥ 0) → Stripe's integer cents.
 * A JS number is what the SDK takes; ≤ 999,999,999.99 EUR keeps it far below 2^53.
 */
export function toStripeCents(amount: string): number {
  const cents = parseCents(amount, { integerDigits: 9 })
  if (cents === null) throw new Error(`Invalid amount "${amount}" (expected e.g. "12.50")`)
  return Number(cents)
}

/** Stripe's integer cents (a number, possibly absent) → our decimal string. */
export function fromStripeCents(cents: number | null | undefined): string {
  // Stripe sends integers; rounding only guards against a malformed value.
  return formatCents(BigInt(Math.round(Number(cents ?? 0))))
}
