import vine from '@vinejs/vine'

export const LEGAL_BASES = [
  'consent',
  'contract',
  'legal_obligation',
  'vital_interests',
  'public_task',
  'legitimate_interests',
] as const
export const INCIDENT_STATUSES = ['open', 'investigating', 'notified', 'closed'] as const
export const INCIDENT_SEVERITIES = ['low', 'medium', 'high'] as const

const name = () => vine.string().trim().minLength(1).maxLength(100)

export const rectifyValidator = vine.create(
  vine.object({
    firstName: name().optional(),
    lastName: name().optional(),
    email: vine.string().trim().email().maxLength(254).optional(),
    phone: vine
      .string()
      .trim()
      .maxLength(40)
      .regex(/^\+?[0-9 ./()-]{6,40}$/)
      .nullable()
      .optional(),
    address: vine
      .object({
        street: vine.string().trim().minLength(1).maxLength(200),
        postalCode: vine.string().trim().minLength(1).maxLength(10),
        city: vine.string().trim().minLength(1).maxLength(100),
        country: vine
          .string()
          .trim()
          .toUpperCase()
          .regex(/^[A-Z]{2}$/)
          .optional(),
      })
      .nullable()
      .optional(),
  })
)

export const restrictValidator = vine.create(
  vine.object({
    restricted: vine.boolean({ strict: true }),
    reason: vine.string().trim().maxLength(1000).nullable().optional(),
  })
)

export const marketingValidator = vine.create(
  vine.object({ optIn: vine.boolean({ strict: true }) })
)

const labels = () => vine.array(vine.string().trim().minLength(1).maxLength(200)).maxLength(50)

const activityFields = {
  title: vine.string().trim().minLength(1).maxLength(200),
  purpose: vine.string().trim().minLength(1).maxLength(4000),
  legalBasis: vine.enum(LEGAL_BASES),
  dataSubjects: labels(),
  dataCategories: labels(),
  recipients: labels().optional(),
  retention: vine.string().trim().minLength(1).maxLength(500),
  transfersOutsideEea: vine.boolean({ strict: true }).optional(),
  securityMeasures: vine.string().trim().maxLength(4000).nullable().optional(),
}

export const createActivityValidator = vine.create(vine.object(activityFields))

export const updateActivityValidator = vine.create(
  vine.object({
    title: activityFields.title.optional(),
    purpose: activityFields.purpose.optional(),
    legalBasis: vine.enum(LEGAL_BASES).optional(),
    dataSubjects: labels().optional(),
    dataCategories: labels().optional(),
    recipients: labels().optional(),
    retention: activityFields.retention.optional(),
    transfersOutsideEea: vine.boolean({ strict: true }).optional(),
    securityMeasures: vine.string().trim().maxLength(4000).nullable().optional(),
  })
)

/** ISO 8601 timestamp (`2026-03-01T09:00:00Z`, offset allowed); parsed and range-checked in the service. */
const when = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/)

export const createIncidentValidator = vine.create(
  vine.object({
    title: vine.string().trim().minLength(1).maxLength(200),
    description: vine.string().trim().minLength(1).maxLength(8000),
    detectedAt: when(),
    occurredAt: when().nullable().optional(),
    severity: vine.enum(INCIDENT_SEVERITIES).optional(),
    dataCategories: labels().optional(),
    affectedSubjects: vine.number().withoutDecimals().min(0).max(100_000_000).nullable().optional(),
    consequences: vine.string().trim().maxLength(8000).nullable().optional(),
    measures: vine.string().trim().maxLength(8000).nullable().optional(),
    notificationRequired: vine.boolean({ strict: true }).optional(),
  })
)

export const updateIncidentValidator = vine.create(
  vine.object({
    title: vine.string().trim().minLength(1).maxLength(200).optional(),
    description: vine.string().trim().minLength(1).maxLength(8000).optional(),
    detectedAt: when().optional(),
    occurredAt: when().nullable().optional(),
    severity: vine.enum(INCIDENT_SEVERITIES).optional(),
    status: vine.enum(INCIDENT_STATUSES).optional(),
    dataCategories: labels().optional(),
    affectedSubjects: vine.number().withoutDecimals().min(0).max(100_000_000).nullable().optional(),
    consequences: vine.string().trim().maxLength(8000).nullable().optional(),
    measures: vine.string().trim().maxLength(8000).nullable().optional(),
    notificationRequired: vine.boolean({ strict: true }).optional(),
    authorityNotifiedAt: when().nullable().optional(),
    authorityReference: vine.string().trim().maxLength(100).nullable().optional(),
    subjectsNotifiedAt: when().nullable().optional(),
  })
)
