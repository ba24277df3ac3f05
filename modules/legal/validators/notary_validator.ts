import vine from '@vinejs/vine'
import { money } from './registers_validator.js'
import { date, optText, text, uuid } from './registers_validator.js'
import { LOCALES } from './etat_date_validator.js'

/** The public notary form (/o/:slug/notary). */
export const notaryRequestValidator = vine.create({
  notaryName: text(200),
  office: text(200),
  email: vine.string().trim().email().maxLength(254),
  locale: vine.enum(LOCALES).optional(),
  building: vine.object({
    street: text(200),
    postalCode: vine
      .string()
      .trim()
      .regex(/^\d{4}$/),
    city: text(100),
  }),
  unitNumber: text(30),
  saleDate: date().nullable().optional(),
  reference: optText(100),
})

export const assignNotaryRequestValidator = vine.create({ unitId: uuid() })

export const legalSettingsValidator = vine.create({ notaryFee: money() })
