/*
| Billing plans, priced per building per month. The plan decides which modules an
| organisation may enable (SPEC §3). Stripe price ids come with the billing issue.
*/
export const plans = {
  essential: { modules: ['gdpr', 'community'], pricePerBuilding: '29.00' },
  pro: { modules: ['gdpr', 'community', 'accounting', 'legal'], pricePerBuilding: '59.00' },
  complete: {
    modules: ['gdpr', 'community', 'accounting', 'legal', 'iot'],
    pricePerBuilding: '89.00',
  },
} as const

export type PlanKey = keyof typeof plans

export const TRIAL_DAYS = 14
