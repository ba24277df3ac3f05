import type { HttpContext } from '@adonisjs/core/http'
import { receiveEvent, verifyEvent } from '#billing/webhook_service'

/**
 * POST /webhooks/stripe (no auth: the Stripe-Signature over the raw body is the
 * credential). Bad or missing signature → 400 and nothing recorded; a verified event is
 * recorded once by id and processed by a job, so this answers in milliseconds.
 */
export default class StripeWebhookController {
  async handle(ctx: HttpContext) {
    const event = verifyEvent(ctx.request.raw(), ctx.request.header('stripe-signature'))
    const { duplicate } = await receiveEvent(event)
    return { received: true, duplicate }
  }
}
