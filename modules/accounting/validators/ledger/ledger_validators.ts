import vine from '@vinejs/vine'
import { ENTRY_TYPES, JOURNALS } from '../../services/ledger/posting_service.js'

const code = () =>
  vine
    .string()
    .trim()
    .regex(/^[0-9]{1,20}$/)
const name = () => vine.string().trim().minLength(1).maxLength(200)
const isoDate = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/)

export const createAccountValidator = vine.create({ code: code(), name: name() })

export const updateAccountValidator = vine.create({
  code: code().optional(),
  name: name().optional(),
})

// Amounts (number or decimal string) are checked by the posting service, which reports
// `lines.N.debit` / `lines.N.credit` and the balance to the cent.
const amount = () => vine.any().optional()

export const createEntryValidator = vine.create({
  date: isoDate(),
  journal: vine.enum(JOURNALS),
  type: vine.enum(ENTRY_TYPES),
  description: vine.string().trim().minLength(1).maxLength(500),
  lines: vine
    .array(
      vine.object({
        accountCode: code(),
        debit: amount(),
        credit: amount(),
        ownerId: vine.string().uuid().nullable().optional(),
        description: vine.string().trim().maxLength(500).nullable().optional(),
      })
    )
    .minLength(2)
    .maxLength(10000),
})

export const reverseEntryValidator = vine.create({
  date: isoDate().optional(),
  description: vine.string().trim().minLength(1).maxLength(500).optional(),
})

export const closingValidator = vine.create({
  fiscalYear: vine.number().withoutDecimals().range([1, 9999]),
})
