import vine from '@vinejs/vine'
import { amount, isoDate, positiveAmount } from './common.js'
import { PERIODS } from '../../services/funds/call_service.js'

export const createCallValidator = vine.create({
  title: vine.string().trim().minLength(1).maxLength(200),
  period: vine.enum(PERIODS),
  periodStart: isoDate(),
  dueDate: isoDate(),
  ordinaryAmount: amount().nullable().optional(),
  extraordinaryAmount: amount().nullable().optional(),
  budgetId: vine.string().uuid().nullable().optional(),
  // Lines distributed by metered consumption (iot) instead of quotas.
  consumptionLines: vine
    .array(
      vine.object({
        label: vine.string().trim().minLength(1).maxLength(100),
        amount: positiveAmount(),
        metric: vine.string().trim().minLength(1).maxLength(60),
        from: isoDate(),
        to: isoDate(),
      })
    )
    .maxLength(20)
    .optional(),
})

export const markPaidValidator = vine.create({
  date: isoDate().optional(),
  method: vine.enum(['transfer', 'sepa_direct_debit', 'card', 'cash'] as const).optional(),
  reference: vine.string().trim().maxLength(140).nullable().optional(),
})
