import vine from '@vinejs/vine'
import { LOCALES, slugRule } from '#validators/auth_validator'

/** Belgian enterprise/VAT number: BE + 10 digits, first 0 or 1, mod-97 check on the last two. */
function isValidBelgianVat(digits: string) {
  if (!/^[01]\d{9}$/.test(digits)) return false
  const base = Number(digits.slice(0, 8))
  const check = Number(digits.slice(8))
  return 97 - (base % 97) === check
}

/**
 * VAT numbers are normalised (spaces, dots and dashes removed, upper case). Belgian ones
 * get the mod-97 check: a typo there ends up on every call for funds.
 */
const vatNumber = vine
  .string()
  .trim()
  .maxLength(30)
  .use(
    vine.createRule((value, _o, field) => {
      if (typeof value !== 'string') return
      const normalised = normaliseVat(value)
      const ok = normalised.startsWith('BE')
        ? isValidBelgianVat(normalised.slice(2))
        : /^[A-Z]{2}[0-9A-Z+*]{2,12}$/.test(normalised)
      if (!ok) field.report('The VAT number is not valid', 'vatNumber', field)
    })()
  )
  .transform(normaliseVat)

function normaliseVat(value: string) {
  return value.replace(/[\s.\-]/g, '').toUpperCase()
}

export const PHONE = /^\+?[0-9 ().\/-]{6,40}$/
export const HEX_COLOR = /^#[0-9a-fA-F]{6}$/

export const addressSchema = vine.object({
  street: vine.string().trim().minLength(1).maxLength(200),
  postalCode: vine.string().trim().minLength(2).maxLength(10),
  city: vine.string().trim().minLength(1).maxLength(100),
  country: vine
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/)
    .optional(),
})

/** PUT /organisation: a partial update, every field optional; nullable ones may be cleared. */
export const updateOrganisationValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(200).optional(),
  slug: slugRule.clone().optional(),
  vatNumber: vatNumber.clone().nullable().optional(),
  address: addressSchema.clone().nullable().optional(),
  locale: vine.enum(LOCALES).optional(),
  contactEmail: vine.string().trim().email().maxLength(254).nullable().optional(),
  contactPhone: vine.string().trim().regex(PHONE).nullable().optional(),
  branding: vine
    .object({
      displayName: vine.string().trim().minLength(1).maxLength(200).nullable().optional(),
      primaryColor: vine.string().trim().regex(HEX_COLOR).toLowerCase().nullable().optional(),
      logoUrl: vine
        .string()
        .trim()
        .maxLength(500)
        .url({ require_protocol: true, protocols: ['http', 'https'] })
        .nullable()
        .optional(),
    })
    .optional(),
  /** Forces admins, syndics and accountants to enrol in 2FA (SPEC §4). */
  require2fa: vine.boolean({ strict: true }).optional(),
})

export const ORGANISATION_STATUSES = [
  'trialing',
  'active',
  'past_due',
  'canceled',
  'suspended',
] as const

/** Superadmin: PUT /admin/organisations/:id/status. */
export const updateOrganisationStatusValidator = vine.create({
  status: vine.enum(ORGANISATION_STATUSES),
})

/** Superadmin: GET /admin/organisations filters. */
export const adminOrganisationListValidator = vine.create({
  status: vine.enum(ORGANISATION_STATUSES).optional(),
  q: vine.string().trim().maxLength(100).optional(),
})

/** GET /organisation/audit-logs filters; from/to are ISO dates or timestamps (checked in the service). */
export const auditLogListValidator = vine.create({
  action: vine.string().trim().maxLength(80).optional(),
  actorId: vine.string().trim().uuid().optional(),
  subjectType: vine.string().trim().maxLength(60).optional(),
  subjectId: vine.string().trim().maxLength(64).optional(),
  from: vine.string().trim().maxLength(40).optional(),
  to: vine.string().trim().maxLength(40).optional(),
})
