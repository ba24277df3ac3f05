import type { CatalogEntry, JsonSchema } from '#services/openapi_catalog'

/*
| OpenAPI descriptions of the gdpr routes (merged by registerCatalogEntries from the
| provider). Keys are `METHOD pattern` relative to /api/v1.
*/
const str = (extra: JsonSchema = {}): JsonSchema => ({ type: 'string', ...extra })
const nstr = (extra: JsonSchema = {}): JsonSchema => ({ type: ['string', 'null'], ...extra })
const bool: JsonSchema = { type: 'boolean' }
const dateTime: JsonSchema = { type: 'string', format: 'date-time' }
const ndateTime: JsonSchema = { type: ['string', 'null'], format: 'date-time' }
const uuid: JsonSchema = { type: 'string', format: 'uuid' }
const labels: JsonSchema = { type: 'array', items: { type: 'string' }, maxItems: 50 }
const obj = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
})
const page = (item: JsonSchema): JsonSchema =>
  obj({ data: { type: 'array', items: item }, meta: { $ref: '#/components/schemas/PageMeta' } }, [
    'data',
    'meta',
  ])
const pageQuery = {
  page: { type: 'integer', minimum: 1 },
  perPage: { type: 'integer', minimum: 1, maximum: 100 },
}
const limited = {
  429: 'More than 10 GDPR requests in the last hour for this user (Retry-After header)',
}

const preferences = obj({
  processingRestricted: bool,
  restrictionReason: nstr(),
  restrictedAt: ndateTime,
  marketingOptIn: bool,
  marketingUpdatedAt: ndateTime,
})
const legalBasis = str({
  enum: [
    'consent',
    'contract',
    'legal_obligation',
    'vital_interests',
    'public_task',
    'legitimate_interests',
  ],
})
const activityBody = obj(
  {
    title: str({ maxLength: 200 }),
    purpose: str({ maxLength: 4000 }),
    legalBasis,
    dataSubjects: labels,
    dataCategories: labels,
    recipients: labels,
    retention: str({ maxLength: 500 }),
    transfersOutsideEea: bool,
    securityMeasures: nstr({ maxLength: 4000 }),
  },
  ['title', 'purpose', 'legalBasis', 'dataSubjects', 'dataCategories', 'retention']
)
const activity = obj({
  id: uuid,
  ...(activityBody.properties as Record<string, JsonSchema>),
  isStandard: bool,
  createdAt: dateTime,
  updatedAt: dateTime,
})
const severity = str({ enum: ['low', 'medium', 'high'] })
const incidentStatus = str({ enum: ['open', 'investigating', 'notified', 'closed'] })
const incidentBody = obj(
  {
    title: str({ maxLength: 200 }),
    description: str({ maxLength: 8000 }),
    detectedAt: dateTime,
    occurredAt: ndateTime,
    severity,
    dataCategories: labels,
    affectedSubjects: { type: ['integer', 'null'], minimum: 0 },
    consequences: nstr(),
    measures: nstr(),
    notificationRequired: bool,
  },
  ['title', 'description', 'detectedAt']
)
const incident = obj({
  id: uuid,
  ...(incidentBody.properties as Record<string, JsonSchema>),
  status: incidentStatus,
  authorityNotifiedAt: ndateTime,
  authorityReference: nstr(),
  subjectsNotifiedAt: ndateTime,
  closedAt: ndateTime,
  authorityDeadline: { ...dateTime, description: 'detectedAt + 72 hours (GDPR Art. 33)' },
  hoursRemaining: {
    type: ['integer', 'null'],
    description: 'Hours left before the deadline; null once notified or when not required',
  },
  overdue: bool,
  reportedBy: { type: ['string', 'null'], format: 'uuid' },
  createdAt: dateTime,
  updatedAt: dateTime,
})

export const gdprCatalog: Record<string, CatalogEntry> = {
  'GET /gdpr/export': {
    summary: 'Export my personal data (Art. 15)',
    description:
      'Everything the platform holds about the caller, in every organisation they belong to (account, memberships, co-owner records, units, and each module’s datasets: payments, votes, bookings, notices…). `?format=zip` returns export.json plus one CSV per dataset.',
    tags: ['GDPR'],
    query: { format: { type: 'string', enum: ['json', 'zip'] } },
    response: obj({
      format: str(),
      exportedAt: dateTime,
      subject: obj({ userId: uuid }),
      account: { type: 'object', additionalProperties: { type: 'array' } },
      organisations: {
        type: 'array',
        items: obj({
          organisation: obj({ id: uuid, name: str(), slug: str() }),
          role: str(),
          datasets: { type: 'object', additionalProperties: { type: 'array' } },
        }),
      },
    }),
    errors: limited,
  },
  'GET /gdpr/can-erase': {
    summary: 'Can my data be erased now?',
    description:
      'Blocked while the person has an unpaid balance, an open legal procedure, or is the only admin of an organisation.',
    tags: ['GDPR'],
    response: obj({
      canErase: bool,
      reasons: {
        type: 'array',
        items: obj({ organisationId: uuid, organisation: str(), source: str(), reason: str() }),
      },
    }),
    errors: limited,
  },
  'DELETE /gdpr/erase': {
    summary: 'Erase (anonymise) my personal data (Art. 17)',
    description:
      'Name → "Anonymised user #<short id>", e-mail → unique placeholder, phone/IBAN/address cleared, every token revoked, memberships ended. Financial and vote records are kept (7-year legal retention) but no longer linked to the identity. One unit of work across all organisations.',
    tags: ['GDPR'],
    successStatus: 204,
    errors: { 409: 'E_INVALID_STATE: erasure blocked (one entry per reason)', ...limited },
  },
  'PUT /gdpr/rectify': {
    summary: 'Rectify my data (Art. 16)',
    description:
      'Name, phone and address apply at once (account and linked co-owner records). A new e-mail is re-verified: a link is sent to it and it applies only after confirmation.',
    tags: ['GDPR'],
    requestBody: obj({
      firstName: str({ maxLength: 100 }),
      lastName: str({ maxLength: 100 }),
      email: str({ format: 'email' }),
      phone: nstr({ maxLength: 40 }),
      address: {
        type: ['object', 'null'],
        properties: { street: str(), postalCode: str(), city: str(), country: str() },
      },
    }),
    response: obj({
      fullName: str(),
      email: str(),
      pendingEmail: nstr(),
      ownerRecordsUpdated: { type: 'integer' },
      fields: labels,
    }),
    errors: { 409: 'E_CONFLICT: the new e-mail is already used', ...limited },
  },
  'POST /gdpr/email-confirmations/:token': {
    summary: 'Confirm a new e-mail address',
    description: 'The token of the verification e-mail is the credential (no authentication).',
    tags: ['GDPR'],
    public: true,
    successStatus: 200,
    response: obj({ confirmed: bool, email: str() }),
    errors: { 409: 'Already confirmed, replaced, expired, or the address is now taken' },
  },
  'PUT /gdpr/restrict-processing': {
    summary: 'Restrict processing (Art. 18)',
    description:
      'While restricted, marketing and non-essential processing (newsletters, analytics, directory listing) stop.',
    tags: ['GDPR'],
    requestBody: obj({ restricted: bool, reason: nstr({ maxLength: 1000 }) }, ['restricted']),
    response: preferences,
    errors: limited,
  },
  'PUT /gdpr/marketing-preference': {
    summary: 'Marketing preference (Art. 21)',
    tags: ['GDPR'],
    requestBody: obj({ optIn: bool }, ['optIn']),
    response: preferences,
    errors: limited,
  },
  'GET /gdpr/requests': {
    summary: 'Log of data-subject rights requests (admin)',
    tags: ['GDPR'],
    query: {
      ...pageQuery,
      type: str({
        enum: [
          'export',
          'erase_check',
          'erase',
          'rectify',
          'email_confirm',
          'restrict',
          'unrestrict',
          'marketing_preference',
        ],
      }),
      status: str({ enum: ['completed', 'refused', 'pending'] }),
      userId: uuid,
      from: str({ format: 'date' }),
      to: str({ format: 'date' }),
    },
    response: page(
      obj({
        id: uuid,
        userId: { type: ['string', 'null'], format: 'uuid' },
        userName: nstr(),
        type: str(),
        status: str(),
        details: { type: 'object' },
        createdAt: dateTime,
      })
    ),
  },
  'GET /gdpr/processing-activities': {
    summary: 'Register of processing activities (Art. 30, admin)',
    description: 'Seeded with the standard activities of a Belgian syndic on first access.',
    tags: ['GDPR'],
    query: { ...pageQuery, legalBasis },
    response: page(activity),
  },
  'POST /gdpr/processing-activities': {
    summary: 'Add a processing activity',
    tags: ['GDPR'],
    requestBody: activityBody,
    response: activity,
  },
  'GET /gdpr/processing-activities/:id': {
    summary: 'One processing activity',
    tags: ['GDPR'],
    response: activity,
  },
  'PUT /gdpr/processing-activities/:id': {
    summary: 'Update a processing activity',
    tags: ['GDPR'],
    requestBody: obj(activityBody.properties as Record<string, JsonSchema>),
    response: activity,
  },
  'DELETE /gdpr/processing-activities/:id': {
    summary: 'Delete a processing activity',
    tags: ['GDPR'],
    errors: { 409: 'E_CONFLICT: standard activities are edited, not deleted' },
  },
  'GET /gdpr/incidents': {
    summary: 'Personal-data breach register (admin)',
    tags: ['GDPR'],
    query: { ...pageQuery, status: incidentStatus },
    response: page(incident),
  },
  'POST /gdpr/incidents': {
    summary: 'Record a personal-data breach',
    description: 'The authority deadline is detectedAt + 72 hours (Art. 33).',
    tags: ['GDPR'],
    requestBody: incidentBody,
    response: incident,
  },
  'GET /gdpr/incidents/:id': { summary: 'One breach', tags: ['GDPR'], response: incident },
  'PUT /gdpr/incidents/:id': {
    summary: 'Update a breach (status, notification timestamps)',
    description:
      'Statuses open → investigating → notified → closed. Setting authorityNotifiedAt marks it notified; a closed incident is frozen (409).',
    tags: ['GDPR'],
    requestBody: obj({
      ...(incidentBody.properties as Record<string, JsonSchema>),
      status: incidentStatus,
      authorityNotifiedAt: ndateTime,
      authorityReference: nstr({ maxLength: 100 }),
      subjectsNotifiedAt: ndateTime,
    }),
    response: incident,
    errors: { 409: 'E_INVALID_STATE: closed incident, or back to open' },
  },
}
