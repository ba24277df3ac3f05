import vine from '@vinejs/vine'

/** A real calendar date YYYY-MM-DD (1900–9998), kept as the string. */
const isoDateRule = vine.createRule((value, _o, field) => {
  if (typeof value !== 'string') return
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  const ok =
    m &&
    (() => {
      const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
      return (
        d.getUTCFullYear() === Number(m[1]) &&
        d.getUTCMonth() === Number(m[2]) - 1 &&
        d.getUTCDate() === Number(m[3]) &&
        Number(m[1]) >= 1900 &&
        Number(m[1]) <= 9998
      )
    })()
  if (!ok) field.report('The {{ field }} field must be a valid date (YYYY-MM-DD)', 'date', field)
})

export const isoDate = () => vine.string().trim().use(isoDateRule())

/** EUR amount ≥ 0 with at most 2 decimals; a number or a numeric string. */
export const amount = () => vine.number().decimal([0, 2]).min(0).max(999999999999.99)
/** EUR amount > 0. */
export const positiveAmount = () => vine.number().decimal([0, 2]).min(0.01).max(999999999999.99)
