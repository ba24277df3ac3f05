import vine from '@vinejs/vine'
import { PLAN_KEYS } from '#config/plans'

/** POST /billing/checkout and PUT /billing/plan. */
export const planValidator = vine.create({
  plan: vine.enum(PLAN_KEYS),
})
