import vine from '@vinejs/vine'
import { DateTime } from 'luxon'

/** A calendar date `YYYY-MM-DD` (kept as that string). */
export const isoDateRule = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !DateTime.fromISO(value).isValid) {
    field.report('The date must be a valid YYYY-MM-DD date', 'date', field)
  }
})

const isoDate = () => vine.string().trim().use(isoDateRule())
// numeric(5,2): > 0 and ≤ 100, at most 2 decimals.
const percentage = () =>
  vine
    .number()
    .decimal([0, 2])
    .use(
      vine.createRule((value, _o, field) => {
        if (typeof value === 'number' && (value <= 0 || value > 100)) {
          field.report('The percentage must be greater than 0 and at most 100', 'range', field)
        }
      })()
    )

export const createOwnershipValidator = vine.create({
  ownerId: vine.string().uuid(),
  percentage: percentage(),
  startDate: isoDate().optional(),
  isPrimaryContact: vine.boolean().optional(),
})

export const updateOwnershipValidator = vine.create({
  percentage: percentage().optional(),
  isPrimaryContact: vine.boolean().optional(),
  endDate: isoDate().nullable().optional(),
})
