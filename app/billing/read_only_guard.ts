import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import { accessState } from '#billing/subscription_service'

/*
| Read-only mode (SPEC §3): past_due for more than 7 days, canceled, or a trial ended
| without a plan. Writes answer 402 E_PAYMENT_REQUIRED; reads, GDPR rights, auth and
| billing itself keep working so the organisation can pay, export or erase.
*/
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const EXEMPT = [
  /^\/api\/v1\/gdpr(\/|$)/,
  /^\/api\/v1\/billing(\/|$)/,
  /^\/api\/v1\/auth(\/|$)/,
  /^\/api\/v1\/webhooks(\/|$)/,
  /^\/app\/billing(\/|$)/,
  /^\/(login|logout|session)(\/|$)/,
]

const MESSAGES = {
  past_due: 'Your subscription payment is overdue: the organisation is read-only until it is paid',
  canceled: 'Your subscription is canceled: the organisation is read-only (your data is kept)',
  trial_expired: 'Your trial has ended: choose a plan to keep editing (your data is kept)',
}

export async function billingReadOnlyGuard(ctx: HttpContext) {
  if (SAFE_METHODS.has(ctx.request.method())) return
  const organisation = ctx.organisation
  // Fast path: active organisations never pay for a query here.
  if (organisation.status === 'active' || organisation.status === 'suspended') return
  const path = ctx.request.url()
  if (EXEMPT.some((re) => re.test(path))) return
  const state = await accessState(organisation)
  if (state.readOnly && state.reason) {
    throw new ApiError(402, 'E_PAYMENT_REQUIRED', MESSAGES[state.reason])
  }
}
