/*
| Hand-written descriptions merged into the generated OpenAPI document. The route list
| itself always comes from the router (openapi_service.ts), so a route missing here is
| still documented, with a generated summary. Keys: a route name (`auth.login`) or
| `METHOD pattern`, the pattern relative to /api/v1 (`POST /signup`); the parameter
| names in a pattern do not matter (`/buildings/:id` matches `/buildings/:buildingId`).
*/

export type JsonSchema = Record<string, unknown>

export interface CatalogEntry {
  summary: string
  description?: string
  tags?: string[]
  /** JSON schema of the request body (application/json unless `requestContentType`). */
  requestBody?: JsonSchema
  requestContentType?: 'application/json' | 'multipart/form-data'
  /** Query parameters: name → schema (with an optional `description`). */
  query?: Record<string, JsonSchema>
  /** Success status when it is not the generated one (GET 200, store 201, DELETE 204). */
  successStatus?: number
  /** Schema of the success body. */
  response?: JsonSchema
  /** Extra error responses beyond the standard ones: status → description. */
  errors?: Record<number, string>
  /** No authentication (otherwise derived from the `auth` middleware). */
  public?: boolean
}

// ---------------------------------------------------------------- schema helpers
/** OpenAPI 3.1 is JSON Schema 2020-12: `nullable` becomes a `null` member of `type`. */
const typed = (type: string, extra: JsonSchema): JsonSchema => {
  const { nullable, ...rest } = extra
  return { type: nullable ? [type, 'null'] : type, ...rest }
}
const str = (extra: JsonSchema = {}): JsonSchema => typed('string', extra)
const uuid: JsonSchema = { type: 'string', format: 'uuid' }
const date: JsonSchema = { type: 'string', format: 'date' }
const dateTime: JsonSchema = { type: 'string', format: 'date-time' }
const bool: JsonSchema = { type: 'boolean' }
const int = (extra: JsonSchema = {}): JsonSchema => typed('integer', extra)
const money: JsonSchema = {
  oneOf: [{ type: 'string', pattern: '^-?\\d+(\\.\\d{1,2})?$' }, { type: 'number' }],
  description: 'EUR amount: decimal string ("1500.00") or number',
}
const enumOf = (...values: string[]): JsonSchema => ({ type: 'string', enum: values })
const obj = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
})
const arrayOf = (items: JsonSchema, extra: JsonSchema = {}): JsonSchema => ({
  type: 'array',
  items,
  ...extra,
})
const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` })
const page = (item: JsonSchema): JsonSchema =>
  obj({ data: arrayOf(item), meta: ref('PageMeta') }, ['data', 'meta'])

export const LOCALES = ['fr', 'nl', 'de', 'en']
export const ROLES = ['admin', 'syndic', 'accountant', 'board_member', 'owner', 'contractor']
export const UNIT_TYPES = [
  'apartment',
  'house',
  'commercial',
  'office',
  'parking',
  'cellar',
  'storage',
  'other',
]

/** Shared component schemas (the Error schema is added by the generator). */
export const componentSchemas: Record<string, JsonSchema> = {
  PageMeta: obj({ total: int(), perPage: int(), currentPage: int(), lastPage: int() }, [
    'total',
    'perPage',
    'currentPage',
    'lastPage',
  ]),
  Address: obj({ street: str(), postalCode: str(), city: str(), country: str({ example: 'BE' }) }, [
    'street',
    'postalCode',
    'city',
  ]),
  Branding: obj({
    displayName: str(),
    primaryColor: str({ pattern: '^#[0-9a-fA-F]{6}$' }),
    logoUrl: str({ nullable: true }),
  }),
  User: obj({
    id: uuid,
    email: str({ format: 'email' }),
    fullName: str(),
    locale: str({ nullable: true }),
    isSuperadmin: bool,
    createdAt: dateTime,
  }),
  Organisation: obj({
    id: uuid,
    name: str(),
    slug: str(),
    vatNumber: str({ nullable: true }),
    address: ref('Address'),
    locale: enumOf(...LOCALES),
    status: enumOf('trialing', 'active', 'past_due', 'canceled', 'suspended'),
    plan: str({ nullable: true }),
    trialEndsAt: dateTime,
    branding: ref('Branding'),
  }),
  Building: obj({
    id: uuid,
    name: str(),
    address: ref('Address'),
    totalQuota: int(),
    constructionYear: int({ nullable: true }),
    enterpriseNumber: str({ nullable: true }),
    fiscalYearStartMonth: int({ minimum: 1, maximum: 12 }),
  }),
  Unit: obj({
    id: uuid,
    buildingId: uuid,
    number: str(),
    type: enumOf(...UNIT_TYPES),
    floor: str({ nullable: true }),
    area: str({ nullable: true }),
    quota: int(),
  }),
  Owner: obj({
    id: uuid,
    kind: enumOf('person', 'company'),
    firstName: str({ nullable: true }),
    lastName: str({ nullable: true }),
    companyName: str({ nullable: true }),
    displayName: str(),
    email: str({ format: 'email' }),
    phone: str({ nullable: true }),
    locale: str({ nullable: true }),
    iban: str({ nullable: true }),
    userId: str({ format: 'uuid', nullable: true }),
  }),
  UnitOwner: obj({
    id: uuid,
    unitId: uuid,
    ownerId: uuid,
    percentage: str({ example: '50.00' }),
    startDate: date,
    endDate: str({ format: 'date', nullable: true }),
    isPrimaryContact: bool,
  }),
}

const buildingInput = (required: string[]) =>
  obj(
    {
      name: str({ maxLength: 200 }),
      address: ref('Address'),
      totalQuota: int({ minimum: 1, default: 1000 }),
      constructionYear: int({ nullable: true }),
      enterpriseNumber: str({ description: 'BCE/KBO number', nullable: true }),
      fiscalYearStartMonth: int({ minimum: 1, maximum: 12, default: 1 }),
    },
    required
  )
const unitInput = (required: string[]) =>
  obj(
    {
      number: str({ maxLength: 30 }),
      type: enumOf(...UNIT_TYPES),
      floor: str({ nullable: true }),
      area: typed('number', { nullable: true }),
      quota: int({ minimum: 1, maximum: 10000 }),
    },
    required
  )
const ownerInput = (required: string[]) =>
  obj(
    {
      kind: enumOf('person', 'company'),
      firstName: str(),
      lastName: str(),
      companyName: str(),
      email: str({ format: 'email' }),
      phone: str(),
      address: ref('Address'),
      locale: enumOf(...LOCALES),
      iban: str(),
      userId: uuid,
    },
    required
  )
const listQuery = {
  page: int({ minimum: 1, default: 1 }),
  perPage: int({ minimum: 1, maximum: 100, default: 20 }),
}

export const catalog: Record<string, CatalogEntry> = {
  // ------------------------------------------------------------ onboarding and auth
  'POST /signup': {
    summary: 'Sign up: create an organisation (14-day trial, every module on) and its admin',
    tags: ['auth'],
    public: true,
    requestBody: obj(
      {
        organisation: obj(
          {
            name: str({ maxLength: 200 }),
            slug: str({ pattern: '^[a-z0-9-]{3,63}$' }),
            vatNumber: str(),
            locale: enumOf(...LOCALES),
          },
          ['name']
        ),
        user: obj(
          {
            email: str({ format: 'email' }),
            password: str({ minLength: 12 }),
            fullName: str(),
          },
          ['email', 'password', 'fullName']
        ),
      },
      ['organisation', 'user']
    ),
    successStatus: 201,
    response: obj({ token: str(), user: ref('User'), organisation: ref('Organisation') }),
    errors: { 409: 'E-mail or slug already taken' },
  },
  'POST /auth/login': {
    summary: 'Log in with e-mail and password (and a TOTP or backup code when 2FA is on)',
    tags: ['auth'],
    public: true,
    requestBody: obj({ email: str({ format: 'email' }), password: str(), otp: str() }, [
      'email',
      'password',
    ]),
    successStatus: 200,
    response: obj({ token: str(), user: ref('User') }),
    errors: {
      401: 'Wrong credentials, E_2FA_REQUIRED or E_2FA_INVALID',
      429: '5 failures per 15 minutes per e-mail and IP',
    },
  },
  'POST /auth/logout': {
    summary: 'Revoke the current access token',
    tags: ['auth'],
    successStatus: 204,
  },
  'GET /me': {
    summary: 'The current user, their memberships and 2FA status',
    tags: ['auth'],
    response: obj({
      user: ref('User'),
      memberships: arrayOf(obj({ organisation: ref('Organisation'), role: enumOf(...ROLES) })),
      twoFactorEnabled: bool,
    }),
  },
  'POST /auth/2fa/enable': {
    summary: 'Start 2FA enrolment: secret, otpauth URL and QR code',
    tags: ['auth'],
    successStatus: 200,
    response: obj({ secret: str(), otpauthUrl: str(), qrCode: str() }),
  },
  'POST /auth/2fa/verify': {
    summary: 'Verify a TOTP code (activates 2FA the first time and returns 10 backup codes)',
    tags: ['auth'],
    requestBody: obj({ code: str({ pattern: '^\\d{6}$' }) }, ['code']),
    successStatus: 200,
    errors: { 429: '5 failed codes per 15 minutes' },
  },
  'POST /auth/2fa/disable': {
    summary: 'Turn 2FA off with a code or the password',
    tags: ['auth'],
    requestBody: obj({ code: str(), password: str() }),
    successStatus: 200,
  },
  'GET /auth/2fa/backup-codes': {
    summary: 'Regenerate the 10 backup codes (needs a fresh TOTP in X-OTP)',
    tags: ['auth'],
    response: obj({ backupCodes: arrayOf(str()) }),
  },
  'PUT /auth/password': {
    summary: 'Change the password (revokes every access token and every other web session)',
    tags: ['auth'],
    requestBody: obj({ currentPassword: str(), newPassword: str({ minLength: 12 }) }, [
      'currentPassword',
      'newPassword',
    ]),
    successStatus: 204,
    errors: {
      422: 'E_INVALID_CREDENTIALS on currentPassword, or a weak newPassword',
      429: '5 wrong current passwords per 15 minutes',
    },
  },
  'POST /auth/2fa/verify-backup': {
    summary: 'Consume one backup code',
    tags: ['auth'],
    requestBody: obj({ code: str() }, ['code']),
    successStatus: 200,
    response: obj({ remaining: int() }),
  },
  'POST /invitations/:token/accept': {
    summary: 'Accept an invitation (creates the user when needed) and join the organisation',
    tags: ['organisation'],
    public: true,
    description:
      'A new person sends fullName + password and gets an API token. An existing account gets the membership; ' +
      'it gets a token only when already signed in as the invitee, otherwise `{token: null, loginRequired: true}` ' +
      '(the e-mailed link never bypasses a password or 2FA).',
    requestBody: obj({ password: str({ minLength: 12 }), fullName: str() }),
    successStatus: 200,
    response: obj({
      token: str({ nullable: true }),
      loginRequired: bool,
      user: obj({}),
      organisation: ref('Organisation'),
    }),
    errors: {
      403: 'E_INVITATION_EMAIL_MISMATCH: signed in as another user',
      404: 'Unknown invitation',
      409: 'E_INVITATION_USED: already accepted',
      410: 'E_INVITATION_EXPIRED or E_INVITATION_REVOKED',
    },
  },
  'GET /invitations/:token': {
    summary: 'Look up an invitation by its token',
    tags: ['organisation'],
    public: true,
  },

  // ------------------------------------------------------------ organisation
  'GET /organisation': {
    summary: 'The current organisation (X-Organisation header or default membership)',
    tags: ['organisation'],
    response: ref('Organisation'),
  },
  'PUT /organisation': {
    summary: 'Update the organisation (admin)',
    tags: ['organisation'],
    requestBody: obj({
      name: str(),
      slug: str(),
      vatNumber: str(),
      address: ref('Address'),
      locale: enumOf(...LOCALES),
      contactEmail: str({ format: 'email', nullable: true }),
      contactPhone: str({ nullable: true }),
      branding: ref('Branding'),
      require2fa: bool,
    }),
    response: ref('Organisation'),
  },
  'GET /organisation/members': {
    summary: 'List the members (invitations: GET /organisation/invitations)',
    tags: ['organisation'],
    query: listQuery,
  },
  'POST /organisation/members': {
    summary: 'Invite a member by e-mail with a role',
    tags: ['organisation'],
    requestBody: obj({ email: str({ format: 'email' }), role: enumOf(...ROLES) }, [
      'email',
      'role',
    ]),
    successStatus: 201,
  },
  'PUT /organisation/members/:id': {
    summary: "Change a member's role",
    tags: ['organisation'],
    requestBody: obj({ role: enumOf(...ROLES) }, ['role']),
    errors: { 409: 'The last admin cannot lose the admin role' },
  },
  'DELETE /organisation/members/:id': {
    summary: 'Remove a member',
    tags: ['organisation'],
    errors: { 409: 'The last admin cannot be removed' },
  },
  'DELETE /organisation/members/:id/2fa': {
    summary: "Revoke a member's 2FA (admin, audited)",
    tags: ['organisation'],
  },
  'GET /organisation/modules': {
    summary: 'Modules with enablement and plan inclusion',
    tags: ['organisation'],
    response: obj({
      data: arrayOf(
        obj({
          key: str(),
          name: str(),
          names: obj({ fr: str(), nl: str(), de: str(), en: str() }),
          description: str(),
          enabled: bool,
          required: bool,
          includedInPlan: bool,
          source: enumOf('plan', 'manual', 'trial'),
          dependsOn: arrayOf(str()),
        })
      ),
    }),
  },
  'PUT /organisation/modules/:key': {
    summary: 'Enable or disable a module (admin)',
    tags: ['organisation'],
    requestBody: obj({ enabled: bool }, ['enabled']),
    errors: { 402: 'E_PLAN_REQUIRED: module outside the plan', 409: 'gdpr cannot be disabled' },
  },
  'GET /organisation/audit-logs': {
    summary: 'Audit log of the organisation (admin)',
    tags: ['organisation'],
    query: {
      ...listQuery,
      action: str(),
      actorId: uuid,
      subjectType: str(),
      subjectId: str(),
      from: str({ description: 'YYYY-MM-DD (Brussels day) or ISO timestamp' }),
      to: str({ description: 'YYYY-MM-DD (inclusive) or ISO timestamp' }),
    },
  },
  'GET /organisation/invitations': {
    summary: 'Invitations of the organisation (pending by default)',
    tags: ['organisation'],
    query: { ...listQuery, status: enumOf('pending', 'accepted', 'expired', 'revoked', 'all') },
  },
  'DELETE /organisation/invitations/:id': {
    summary: 'Revoke a pending invitation',
    tags: ['organisation'],
  },

  // ------------------------------------------------------------ notifications, documents
  'GET /notifications': {
    summary: "The current user's notifications in this organisation",
    tags: ['notifications'],
    query: { ...listQuery, unread: bool },
  },
  'GET /notifications/unread-count': {
    summary: 'Number of unread notifications',
    tags: ['notifications'],
    response: obj({ count: int() }),
  },
  'PUT /notifications/read-all': {
    summary: 'Mark every notification read',
    tags: ['notifications'],
  },
  'PUT /notifications/:id/read': { summary: 'Mark one notification read', tags: ['notifications'] },
  'GET /me/notification-preferences': {
    summary: 'Notification preferences per type and channel',
    tags: ['notifications'],
  },
  'PUT /me/notification-preferences': {
    summary: 'Change notification preferences (type → {email, inApp})',
    tags: ['notifications'],
    requestBody: { type: 'object', additionalProperties: obj({ email: bool, inApp: bool }) },
  },
  'GET /documents': {
    summary: 'List documents',
    tags: ['documents'],
    query: { ...listQuery, buildingId: uuid },
  },
  'POST /documents': {
    summary: 'Upload a document (multipart, ≤ 20 MB)',
    tags: ['documents'],
    requestContentType: 'multipart/form-data',
    requestBody: obj({ file: str({ format: 'binary' }), buildingId: uuid, name: str() }, ['file']),
    successStatus: 201,
  },
  'GET /documents/:id': { summary: "A document's metadata", tags: ['documents'] },
  'GET /documents/:id/download': {
    summary: 'Download the file',
    tags: ['documents'],
    response: { type: 'string', format: 'binary' },
  },
  'DELETE /documents/:id': { summary: 'Delete a document and its file', tags: ['documents'] },

  // ------------------------------------------------------------ platform (superadmin)
  'GET /admin/organisations': {
    summary: 'All organisations (platform staff, audited)',
    tags: ['admin'],
    query: listQuery,
  },
  'PUT /admin/organisations/:id/modules/:key': {
    summary: 'Force a module on or off for an organisation (platform staff)',
    tags: ['admin'],
    requestBody: obj({ enabled: bool }, ['enabled']),
  },
  'PUT /admin/organisations/:id/status': {
    summary: "Change an organisation's status (platform staff)",
    tags: ['admin'],
    requestBody: obj(
      { status: enumOf('trialing', 'active', 'past_due', 'canceled', 'suspended') },
      ['status']
    ),
  },

  // ------------------------------------------------------------ buildings, units, owners
  'GET /buildings': {
    summary: 'List buildings',
    tags: ['buildings'],
    query: { ...listQuery, name: str() },
    response: page(ref('Building')),
  },
  'POST /buildings': {
    summary: 'Create a building',
    tags: ['buildings'],
    requestBody: buildingInput(['name', 'address']),
    successStatus: 201,
    response: ref('Building'),
  },
  'GET /buildings/:id': {
    summary: 'Get a building',
    tags: ['buildings'],
    response: ref('Building'),
  },
  'PUT /buildings/:id': {
    summary: 'Update a building',
    tags: ['buildings'],
    requestBody: buildingInput([]),
    response: ref('Building'),
  },
  'DELETE /buildings/:id': {
    summary: 'Delete a building without units',
    tags: ['buildings'],
    errors: { 409: 'The building still has units' },
  },
  'GET /buildings/:id/units': {
    summary: 'List the units of a building',
    tags: ['units'],
    query: { ...listQuery, type: enumOf(...UNIT_TYPES) },
    response: page(ref('Unit')),
  },
  'POST /buildings/:id/units': {
    summary: 'Create a unit in a building',
    tags: ['units'],
    requestBody: unitInput(['number', 'type', 'quota']),
    successStatus: 201,
    response: ref('Unit'),
    errors: { 409: 'Number already used in the building' },
  },
  'GET /units/:id': { summary: 'Get a unit', tags: ['units'], response: ref('Unit') },
  'PUT /units/:id': {
    summary: 'Update a unit',
    tags: ['units'],
    requestBody: unitInput([]),
    response: ref('Unit'),
  },
  'DELETE /units/:id': { summary: 'Delete a unit', tags: ['units'] },
  'GET /owners': {
    summary: 'List co-owners',
    tags: ['owners'],
    query: { ...listQuery, kind: enumOf('person', 'company'), email: str() },
    response: page(ref('Owner')),
  },
  'POST /owners': {
    summary: 'Create a co-owner (person or company)',
    tags: ['owners'],
    requestBody: ownerInput(['kind', 'email']),
    successStatus: 201,
    response: ref('Owner'),
    errors: { 409: 'E-mail already used by another co-owner of the organisation' },
  },
  'GET /owners/:id': { summary: 'Get a co-owner', tags: ['owners'], response: ref('Owner') },
  'PUT /owners/:id': {
    summary: 'Update a co-owner',
    tags: ['owners'],
    requestBody: ownerInput([]),
    response: ref('Owner'),
  },
  'POST /owners/:id/invite': {
    summary: 'Invite the co-owner to the portal (role owner)',
    tags: ['owners'],
    successStatus: 201,
  },
  'GET /units/:id/owners': {
    summary: 'Ownerships of a unit (current and past)',
    tags: ['owners'],
    response: obj({ data: arrayOf(ref('UnitOwner')) }),
  },
  'POST /units/:id/owners': {
    summary: 'Add a co-owner to a unit',
    tags: ['owners'],
    requestBody: obj(
      {
        ownerId: uuid,
        percentage: { oneOf: [{ type: 'number' }, { type: 'string' }] },
        startDate: date,
        isPrimaryContact: bool,
      },
      ['ownerId', 'percentage']
    ),
    successStatus: 201,
    response: ref('UnitOwner'),
  },
  'PUT /unit-owners/:id': {
    summary: 'Update an ownership or end it with endDate (history kept)',
    tags: ['owners'],
    requestBody: obj({
      percentage: { oneOf: [{ type: 'number' }, { type: 'string' }] },
      endDate: date,
      isPrimaryContact: bool,
    }),
    response: ref('UnitOwner'),
  },
  'DELETE /unit-owners/:id': { summary: 'Delete an ownership', tags: ['owners'] },

  // ------------------------------------------------------------ billing
  'GET /billing': { summary: 'Plan, status, trial end and billed buildings', tags: ['billing'] },
  'POST /billing/checkout': {
    summary: 'Start a Stripe Checkout session for a plan',
    tags: ['billing'],
    requestBody: obj({ plan: enumOf('essential', 'pro', 'complete') }, ['plan']),
    successStatus: 200,
    response: obj({ url: str() }),
  },
  'POST /billing/portal': {
    summary: 'URL of the Stripe customer portal',
    tags: ['billing'],
    successStatus: 200,
    response: obj({ url: str() }),
  },
  'POST /webhooks/stripe': {
    summary: 'Stripe webhook (signed, idempotent on event id)',
    tags: ['billing'],
    public: true,
    successStatus: 200,
    errors: { 400: 'Bad Stripe-Signature' },
  },

  // ------------------------------------------------------------ gdpr
  'GET /gdpr/export': {
    summary: 'Art. 15: export everything about the caller (JSON, or ?format=zip)',
    tags: ['gdpr'],
    query: { format: enumOf('json', 'zip') },
  },
  'GET /gdpr/can-erase': {
    summary: 'Whether the caller can be erased, with the reasons if not',
    tags: ['gdpr'],
    response: obj({ canErase: bool, reasons: arrayOf(str()) }),
  },
  'DELETE /gdpr/erase': {
    summary: 'Art. 17: anonymise the caller (financial and vote records kept, unlinked)',
    tags: ['gdpr'],
    errors: { 409: 'Erasure blocked (see can-erase)' },
  },
  'PUT /gdpr/rectify': {
    summary: 'Art. 16: rectify personal data',
    tags: ['gdpr'],
    requestBody: obj({
      firstName: str(),
      lastName: str(),
      email: str({ format: 'email' }),
      phone: str(),
      address: ref('Address'),
    }),
  },
  'PUT /gdpr/restrict-processing': {
    summary: 'Art. 18: restrict or unrestrict processing',
    tags: ['gdpr'],
    requestBody: obj({ restricted: bool, reason: str() }, ['restricted']),
  },
  'PUT /gdpr/marketing-preference': {
    summary: 'Art. 21: marketing opt-in or opt-out',
    tags: ['gdpr'],
    requestBody: obj({ optIn: bool }, ['optIn']),
  },
  'GET /gdpr/requests': {
    summary: 'Log of rights requests (admin)',
    tags: ['gdpr'],
    query: listQuery,
  },
  'GET /gdpr/processing-activities': { summary: 'Art. 30 processing register', tags: ['gdpr'] },
  'GET /gdpr/incidents': {
    summary: 'Personal-data breach register',
    tags: ['gdpr'],
    query: listQuery,
  },
  'POST /gdpr/incidents': {
    summary: 'Record a personal-data breach (72-hour authority deadline computed)',
    tags: ['gdpr'],
    successStatus: 201,
  },

  // ------------------------------------------------------------ module samples
  'GET /buildings/:id/accounting/summary': {
    summary: 'Accounting summary of a building',
    tags: ['accounting'],
  },
  'POST /buildings/:id/journal-entries': {
    summary: 'Post a balanced journal entry (sequential number per building and year)',
    tags: ['accounting'],
    requestBody: obj(
      {
        date,
        journal: enumOf('purchases', 'sales', 'bank', 'misc'),
        type: enumOf(
          'call_for_funds',
          'payment_received',
          'expense_payment',
          'transfer',
          'year_end_closing',
          'manual'
        ),
        description: str(),
        lines: arrayOf(
          obj(
            { accountCode: str(), debit: money, credit: money, ownerId: uuid, description: str() },
            ['accountCode']
          ),
          { minItems: 2 }
        ),
      },
      ['date', 'journal', 'type', 'description', 'lines']
    ),
    successStatus: 201,
  },
  'POST /buildings/:id/budgets': {
    summary: 'Create a draft budget',
    tags: ['accounting'],
    requestBody: obj(
      {
        fiscalYear: int({ minimum: 1, maximum: 9999 }),
        ordinaryAmount: money,
        extraordinaryAmount: money,
        lines: arrayOf(
          obj({ accountCode: str(), kind: enumOf('ordinary', 'extraordinary'), amount: money })
        ),
        notes: str(),
      },
      ['fiscalYear', 'ordinaryAmount', 'extraordinaryAmount']
    ),
    successStatus: 201,
  },
  'POST /polls': {
    summary: 'Create a draft poll',
    tags: ['community'],
    requestBody: obj(
      {
        buildingId: uuid,
        question: str(),
        description: str(),
        type: enumOf('yes_no', 'multiple_choice', 'rating', 'open_ended'),
        options: arrayOf(str()),
        allowMultiple: bool,
        anonymous: bool,
        startsAt: dateTime,
        endsAt: dateTime,
      },
      ['buildingId', 'question', 'type', 'endsAt']
    ),
    successStatus: 201,
  },
  'POST /units/:id/etat-date': {
    summary: 'Request an état daté (due in 15 working days)',
    tags: ['legal'],
    requestBody: obj(
      {
        requestedBy: obj(
          { notaryName: str(), notaryEmail: str({ format: 'email' }), notaryOffice: str() },
          ['notaryName', 'notaryEmail']
        ),
        saleDate: date,
        reference: str(),
      },
      ['requestedBy']
    ),
    successStatus: 201,
  },
  'POST /buildings/:id/iot/linky/configure': {
    summary: 'Configure a Linky/Ores meter (OAuth2 code exchange)',
    tags: ['iot'],
    requestBody: obj(
      {
        provider: enumOf('ores', 'enedis'),
        pointId: str({ pattern: '^\\d{14,18}$' }),
        authorizationCode: str(),
        redirectUri: str({ format: 'uri' }),
      },
      ['provider', 'pointId', 'authorizationCode', 'redirectUri']
    ),
    successStatus: 201,
  },

  // ------------------------------------------------------------ documentation
  'GET /openapi.json': {
    summary: 'This OpenAPI 3.1 document',
    tags: ['docs'],
    public: true,
    response: { type: 'object' },
  },
}
