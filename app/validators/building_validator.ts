import vine from '@vinejs/vine'
import { normaliseEnterpriseNumber } from '#services/belgian_identifiers'

/** BCE/KBO enterprise number: normalised to `0123.456.789`, mod-97 checked. */
export const enterpriseNumberRule = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const normalised = normaliseEnterpriseNumber(value)
  if (!normalised) {
    field.report(
      'The enterprise number must be a valid BCE number (0123.456.789 or 0123456789)',
      'enterpriseNumber',
      field
    )
    return
  }
  field.mutate(normalised, field)
})

// Evaluated per validation so the bound moves with the calendar.
const constructionYear = () =>
  vine
    .number()
    .withoutDecimals()
    .min(1800)
    .use(
      vine.createRule((value, _o, field) => {
        const max = new Date().getFullYear() + 5
        if (typeof value === 'number' && value > max) {
          field.report(`The construction year must be at most ${max}`, 'max', field)
        }
      })()
    )

const name = () => vine.string().trim().minLength(1).maxLength(200)
const street = () => vine.string().trim().minLength(1).maxLength(200)
// Belgian postal codes: four digits, 1000–9999.
const postalCode = () =>
  vine
    .string()
    .trim()
    .regex(/^[1-9]\d{3}$/)
const city = () => vine.string().trim().minLength(1).maxLength(100)
const totalQuota = () => vine.number().withoutDecimals().min(1).max(100000)
const fiscalYearStartMonth = () => vine.number().withoutDecimals().range([1, 12])
const enterpriseNumber = () => vine.string().trim().maxLength(20).use(enterpriseNumberRule())

export const createBuildingValidator = vine.create({
  name: name(),
  address: vine.object({
    street: street(),
    postalCode: postalCode(),
    city: city(),
    country: vine.enum(['BE'] as const).optional(),
  }),
  totalQuota: totalQuota().optional(),
  constructionYear: constructionYear().nullable().optional(),
  enterpriseNumber: enterpriseNumber().nullable().optional(),
  fiscalYearStartMonth: fiscalYearStartMonth().optional(),
})

/** PUT is a partial update: only the fields sent change. */
export const updateBuildingValidator = vine.create({
  name: name().optional(),
  address: vine
    .object({
      street: street().optional(),
      postalCode: postalCode().optional(),
      city: city().optional(),
      country: vine.enum(['BE'] as const).optional(),
    })
    .optional(),
  totalQuota: totalQuota().optional(),
  constructionYear: constructionYear().nullable().optional(),
  enterpriseNumber: enterpriseNumber().nullable().optional(),
  fiscalYearStartMonth: fiscalYearStartMonth().optional(),
})
