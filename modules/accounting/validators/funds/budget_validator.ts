import vine from '@vinejs/vine'
import { amount, isoDate } from './common.js'

export const createBudgetValidator = vine.create({
  fiscalYear: vine.number().withoutDecimals().range([1, 9999]),
  ordinaryAmount: amount(),
  extraordinaryAmount: amount(),
  lines: vine
    .array(
      vine.object({
        accountCode: vine
          .string()
          .trim()
          .regex(/^\d{1,20}$/),
        kind: vine.enum(['ordinary', 'extraordinary'] as const),
        amount: amount(),
      })
    )
    .maxLength(500)
    .optional(),
  notes: vine.string().trim().maxLength(5000).nullable().optional(),
})

export const voteBudgetValidator = vine.create({
  meetingId: vine.string().uuid().nullable().optional(),
  votedAt: isoDate(),
})
