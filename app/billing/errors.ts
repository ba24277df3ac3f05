import { ApiError } from '#exceptions/api_error'
import { StripeNotConfigured } from '#billing/stripe_client'

/** Stripe unreachable or refusing: the client's request was fine, the provider was not. */
export function paymentProviderError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  if (error instanceof StripeNotConfigured) {
    return new ApiError(503, 'E_PAYMENTS_UNAVAILABLE', 'Online payments are not configured')
  }
  const message = error instanceof Error ? error.message : String(error)
  return new ApiError(502, 'E_PAYMENT_PROVIDER', `The payment provider refused: ${message}`)
}
