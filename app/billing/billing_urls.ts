import type { HttpContext } from '@adonisjs/core/http'

/*
| Absolute URLs Stripe sends the user back to. APP_URL when configured (production),
| else the origin of the request (tests and the demo run on whatever host/port).
| Never a URL taken from the request body: no open redirect through Stripe.
*/
export function appOrigin(ctx: HttpContext): string {
  const configured = process.env.APP_URL
  if (configured && process.env.NODE_ENV === 'production') return configured.replace(/\/$/, '')
  return `${ctx.request.protocol()}://${ctx.request.host()}`
}

export function billingReturnUrls(ctx: HttpContext) {
  const origin = appOrigin(ctx)
  return {
    successUrl: `${origin}/app/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
    cancelUrl: `${origin}/app/billing/plans?checkout=canceled`,
    portalReturnUrl: `${origin}/app/billing`,
  }
}
