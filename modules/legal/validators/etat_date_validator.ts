import vine from '@vinejs/vine'
import { date, optText, text } from './registers_validator.js'

export const LOCALES = ['fr', 'nl', 'de', 'en'] as const

export const requestEtatDateValidator = vine.create({
  requestedBy: vine.object({
    notaryName: text(200),
    notaryEmail: vine.string().trim().email().maxLength(254),
    notaryOffice: optText(200),
  }),
  /** Language of the document and of the delivery e-mail (default: the organisation's). */
  locale: vine.enum(LOCALES).optional(),
  saleDate: date().nullable().optional(),
  reference: optText(100),
})

export const deliverEtatDateValidator = vine.create({
  message: vine.string().trim().maxLength(2000).nullable().optional(),
})
