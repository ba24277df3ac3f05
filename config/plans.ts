/*
| Billing plans, priced per building per month. The plan decides which modules an
| organisation may enable (SPEC §3). Stripe price ids come from the environment
| (STRIPE_PRICE_ESSENTIAL / _PRO / _COMPLETE, read at boot); the defaults are the ids the local fake
| Stripe server knows (tests and the demo).
*/
export const plans = {
  essential: {
    modules: ['gdpr', 'community'],
    pricePerBuilding: '29.00',
    stripePriceId: process.env.STRIPE_PRICE_ESSENTIAL ?? 'price_vme_essential_monthly',
  },
  pro: {
    modules: ['gdpr', 'community', 'accounting', 'legal'],
    pricePerBuilding: '59.00',
    stripePriceId: process.env.STRIPE_PRICE_PRO ?? 'price_vme_pro_monthly',
  },
  complete: {
    modules: ['gdpr', 'community', 'accounting', 'legal', 'iot'],
    pricePerBuilding: '89.00',
    stripePriceId: process.env.STRIPE_PRICE_COMPLETE ?? 'price_vme_complete_monthly',
  },
} as const

export type PlanKey = keyof typeof plans

export const PLAN_KEYS = Object.keys(plans) as PlanKey[]

export function isPlanKey(value: unknown): value is PlanKey {
  return typeof value === 'string' && value in plans
}

/** The plan whose Stripe price is `priceId` (null for an unknown price). */
export function planForPrice(priceId: string | null | undefined): PlanKey | null {
  return PLAN_KEYS.find((k) => plans[k].stripePriceId === priceId) ?? null
}

export const TRIAL_DAYS = 14

/** past_due keeps everything working this long, then the organisation is read-only. */
export const PAST_DUE_GRACE_DAYS = 7

/** The trial-ending e-mail goes out this many days before the trial ends. */
export const TRIAL_REMINDER_DAYS = 3
