import vine from '@vinejs/vine'
import { normaliseIban } from '#services/belgian_identifiers'

export const OWNER_LOCALES = ['fr', 'nl', 'de', 'en'] as const

/** IBAN: spaces removed, uppercase, mod-97 checked. */
export const ibanRule = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const normalised = normaliseIban(value)
  if (!normalised) {
    field.report('The IBAN is not valid', 'iban', field)
    return
  }
  field.mutate(normalised, field)
})

const fields = {
  firstName: vine.string().trim().minLength(1).maxLength(100).nullable().optional(),
  lastName: vine.string().trim().minLength(1).maxLength(100).nullable().optional(),
  companyName: vine.string().trim().minLength(1).maxLength(200).nullable().optional(),
  phone: vine
    .string()
    .trim()
    .maxLength(40)
    .regex(/^\+?[0-9 ./()-]{6,40}$/)
    .nullable()
    .optional(),
  address: vine
    .object({
      street: vine.string().trim().maxLength(200).optional(),
      postalCode: vine.string().trim().maxLength(10).optional(),
      city: vine.string().trim().maxLength(100).optional(),
      country: vine
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{2}$/)
        .optional(),
    })
    .nullable()
    .optional(),
  locale: vine.enum(OWNER_LOCALES).nullable().optional(),
  iban: vine.string().trim().maxLength(50).use(ibanRule()).nullable().optional(),
  acceptsElectronicNotices: vine.boolean().optional(),
  userId: vine.string().uuid().nullable().optional(),
}

const email = () => vine.string().trim().email().maxLength(254)

// Name requirements depend on `kind` (and, on update, on the stored row): checked in the service.
export const createOwnerValidator = vine.create({
  kind: vine.enum(['person', 'company'] as const),
  email: email(),
  ...fields,
})

export const updateOwnerValidator = vine.create({
  kind: vine.enum(['person', 'company'] as const).optional(),
  email: email().optional(),
  ...fields,
})
