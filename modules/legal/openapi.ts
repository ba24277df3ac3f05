import type { CatalogEntry, JsonSchema } from '#services/openapi_catalog'

/*
| OpenAPI descriptions of the legal module's routes (merged by the core at start).
*/
const str = (extra: JsonSchema = {}): JsonSchema => ({ type: 'string', ...extra })
const uuid = str({ format: 'uuid' })
const date = str({ format: 'date' })
const money: JsonSchema = {
  oneOf: [{ type: 'string', pattern: '^\\d+(\\.\\d{1,2})?$' }, { type: 'number' }],
  description: 'EUR amount: decimal string ("1500.00") or number',
}
const obj = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
})
const tags = ['legal']
const crud = (name: string, body: JsonSchema): Record<string, CatalogEntry> => ({
  [`GET /buildings/:id/${name}`]: {
    summary: `List the building's ${name.replace(/-/g, ' ')}`,
    tags,
  },
  [`POST /buildings/:id/${name}`]: {
    summary: `Add to the building's ${name.replace(/-/g, ' ')} register`,
    tags,
    requestBody: body,
  },
  [`GET /${name}/:id`]: { summary: `One entry of the ${name.replace(/-/g, ' ')} register`, tags },
  [`PUT /${name}/:id`]: {
    summary: `Update an entry of the ${name.replace(/-/g, ' ')} register`,
    tags,
    requestBody: body,
  },
  [`DELETE /${name}/:id`]: {
    summary: `Delete an entry of the ${name.replace(/-/g, ' ')} register`,
    tags,
  },
})

const etatDate = obj({
  id: uuid,
  status: { type: 'string', enum: ['requested', 'generated', 'delivered', 'expired', 'cancelled'] },
  dueDate: date,
  daysRemaining: { type: ['integer', 'null'], description: 'Belgian working days until dueDate' },
  overdue: { type: 'boolean' },
  validUntil: { ...date, type: ['string', 'null'] },
})
const notaryBody = obj(
  {
    notaryName: str(),
    office: str(),
    email: str({ format: 'email' }),
    locale: { type: 'string', enum: ['fr', 'nl', 'de', 'en'] },
    building: obj({ street: str(), postalCode: str({ pattern: '^\\d{4}$' }), city: str() }, [
      'street',
      'postalCode',
      'city',
    ]),
    unitNumber: str(),
    saleDate: date,
    reference: str(),
  },
  ['notaryName', 'office', 'email', 'building', 'unitNumber']
)

export const legalOpenApi: Record<string, CatalogEntry> = {
  'POST /units/:id/etat-date': {
    summary: 'Request an état daté for a unit (due in 15 Belgian working days)',
    tags,
    requestBody: obj(
      {
        requestedBy: obj(
          { notaryName: str(), notaryEmail: str({ format: 'email' }), notaryOffice: str() },
          ['notaryName', 'notaryEmail']
        ),
        locale: { type: 'string', enum: ['fr', 'nl', 'de', 'en'] },
        saleDate: date,
        reference: str(),
      },
      ['requestedBy']
    ),
    response: etatDate,
  },
  'GET /etat-dates': {
    summary: 'The organisation’s état daté queue (most urgent first)',
    tags,
    query: { status: str(), overdue: { type: 'boolean' } },
  },
  'GET /buildings/:id/etat-dates': {
    summary: 'États datés of a building (with daysRemaining, overdue)',
    tags,
  },
  'GET /etat-dates/:id': { summary: 'One état daté', tags, response: etatDate },
  'PUT /etat-dates/:id/generate': {
    summary: 'Fill the 16 sections from live data into a new version and render the PDF',
    tags,
    errors: { 409: 'delivered, expired or cancelled', 503: 'PDF rendering unavailable' },
  },
  'GET /etat-dates/:id/snapshot': {
    summary: 'The JSON snapshot of the 16 sections (current or ?version=n)',
    tags,
  },
  'GET /etat-dates/:id/versions': { summary: 'Generated versions', tags },
  'GET /etat-dates/:id/pdf': {
    summary: 'The PDF of the current version',
    tags,
    errors: { 409: 'not generated yet' },
  },
  'PUT /etat-dates/:id/deliver': {
    summary: 'E-mail the PDF to the notary; valid 90 days',
    tags,
    requestBody: obj({ message: str() }),
    errors: { 409: 'not generated' },
  },
  'DELETE /etat-dates/:id': {
    summary: 'Cancel (only before delivery)',
    tags,
    errors: { 409: 'already delivered' },
  },
  'GET /notary-requests': { summary: 'Requests made on the public notary page', tags },
  'PUT /notary-requests/:id/assign': {
    summary: 'Link an unmatched notary request to a unit (creates the état daté)',
    tags,
    requestBody: obj({ unitId: uuid }, ['unitId']),
  },
  'GET /legal/settings': { summary: 'Legal module settings (notary fee)', tags },
  'PUT /legal/settings': {
    summary: 'Set the notary fee (0 allowed)',
    tags,
    requestBody: obj({ notaryFee: money }, ['notaryFee']),
  },
  ...crud(
    'disputes',
    obj(
      {
        kind: { type: 'string', enum: ['dispute', 'legal_proceeding'] },
        title: str(),
        description: str(),
        counterparty: str(),
        ownerId: uuid,
        unitId: uuid,
        court: str(),
        caseNumber: str(),
        amountClaimed: money,
        status: { type: 'string', enum: ['open', 'settled', 'closed'] },
        openedOn: date,
        closedOn: date,
      },
      ['kind', 'title', 'openedOn']
    )
  ),
  ...crud(
    'insurance-contracts',
    obj(
      {
        insurer: str(),
        policyNumber: str(),
        cover: str(),
        premium: money,
        startDate: date,
        renewalDate: date,
        broker: str(),
        active: { type: 'boolean' },
      },
      ['insurer', 'policyNumber', 'cover', 'premium', 'renewalDate']
    )
  ),
  ...crud(
    'insurance-claims',
    obj(
      {
        insuranceContractId: uuid,
        claimDate: date,
        description: str(),
        amount: money,
        status: { type: 'string', enum: ['open', 'accepted', 'rejected', 'paid', 'closed'] },
        reference: str(),
      },
      ['claimDate', 'description', 'amount']
    )
  ),
  ...crud(
    'service-contracts',
    obj(
      {
        supplier: str(),
        object: str(),
        startDate: date,
        endDate: date,
        noticePeriodDays: { type: 'integer' },
        amount: money,
        frequency: { type: 'string', enum: ['monthly', 'quarterly', 'yearly', 'one_off'] },
      },
      ['supplier', 'object', 'startDate', 'amount']
    )
  ),
  'POST /buildings/:id/technical-inspections': {
    summary: 'Schedule a technical inspection',
    tags,
    requestBody: obj(
      {
        type: {
          type: 'string',
          enum: [
            'electrical',
            'heating',
            'elevator',
            'fire_safety',
            'peb',
            'gas',
            'water',
            'structural',
          ],
        },
        scheduledDate: date,
        inspector: obj({ name: str(), company: str(), accreditation: str() }),
        notes: str(),
        heatingFuel: { type: 'string', enum: ['gas', 'oil'] },
        heatingPowerKw: { type: 'integer' },
      },
      ['type', 'scheduledDate']
    ),
  },
  'GET /buildings/:id/technical-inspections': {
    summary: 'Inspections of a building',
    tags,
    query: { status: str(), type: str(), from: date, to: date },
  },
  'GET /buildings/:id/technical-inspections/upcoming': {
    summary: 'Next due per type (including types never inspected)',
    tags,
    query: { days: { type: 'integer', default: 90 } },
  },
  'GET /buildings/:id/technical-inspections/expired': {
    summary: 'Certificates past validity',
    tags,
  },
  'GET /buildings/:id/technical-inspections/compliance': {
    summary: 'Compliance per type: ok, due_soon, expired, never_done',
    tags,
  },
  'GET /technical-inspections/:id': { summary: 'One inspection', tags },
  'PUT /technical-inspections/:id/start': { summary: 'scheduled → in_progress', tags },
  'PUT /technical-inspections/:id/complete': {
    summary: 'Record the result; validUntil defaults from the legal periodicity',
    tags,
    requestBody: obj(
      {
        result: { type: 'string', enum: ['passed', 'failed'] },
        certificateNumber: str(),
        inspectionDate: date,
        validUntil: date,
        defects: { type: 'array', items: str() },
      },
      ['result']
    ),
  },
  'POST /technical-inspections/:id/certificate': {
    summary: 'Upload the certificate (PDF, checked by magic bytes)',
    tags,
    requestContentType: 'multipart/form-data',
    requestBody: obj({ file: str({ format: 'binary' }) }, ['file']),
  },
  'DELETE /technical-inspections/:id': { summary: 'Cancel a scheduled inspection', tags },
  'GET /contractors': { summary: 'Contractors of the organisation', tags },
  'POST /contractors': {
    summary: 'Add a contractor (optionally invite their user, role contractor)',
    tags,
    requestBody: obj(
      {
        name: str(),
        contactName: str(),
        email: str({ format: 'email' }),
        phone: str(),
        vatNumber: str(),
        trade: str(),
        userId: uuid,
        invite: { type: 'boolean' },
      },
      ['name', 'email']
    ),
  },
  'GET /contractors/:id': { summary: 'One contractor', tags },
  'PUT /contractors/:id': { summary: 'Update a contractor', tags },
  'GET /contractors/:id/work-reports': {
    summary: 'Work reports of a contractor (the contractor: only their own)',
    tags,
  },
  'POST /buildings/:id/tickets': {
    summary: 'Report a problem (co-owner: on their own building)',
    tags,
    requestBody: obj(
      {
        title: str(),
        description: str(),
        category: str(),
        priority: { type: 'string', enum: ['low', 'normal', 'high', 'urgent'] },
        unitId: uuid,
      },
      ['title', 'description', 'category']
    ),
  },
  'GET /buildings/:id/tickets': { summary: 'Tickets of a building (staff)', tags },
  'GET /tickets': {
    summary: 'Tickets visible to the caller (staff: all; co-owner: reported; contractor: assigned)',
    tags,
  },
  'GET /tickets/:id': { summary: 'One ticket with its photos', tags },
  'PUT /tickets/:id/assign': {
    summary: 'Assign a contractor (open|assigned → assigned)',
    tags,
    requestBody: obj({ contractorId: uuid }, ['contractorId']),
  },
  'PUT /tickets/:id/start': { summary: 'assigned → in_progress', tags },
  'PUT /tickets/:id/resolve': { summary: 'assigned|in_progress → resolved', tags },
  'PUT /tickets/:id/close': { summary: 'resolved → closed', tags },
  'POST /tickets/:id/photos': {
    summary: 'Add a photo (JPEG/PNG/WebP ≤ 10 MB)',
    tags,
    requestContentType: 'multipart/form-data',
  },
  'GET /tickets/:id/photos': { summary: 'Photos of a ticket', tags },
  'GET /tickets/:id/photos/:photoId': { summary: 'A photo (?size=thumb for the thumbnail)', tags },
  'POST /work-reports': {
    summary: 'Create a work report (draft)',
    tags,
    requestBody: obj(
      {
        buildingId: uuid,
        contractorId: uuid,
        title: str(),
        description: str(),
        workDate: date,
        hoursWorked: { type: 'number', minimum: 0 },
        materials: {
          type: 'array',
          items: obj({ name: str(), quantity: { type: 'number' }, unitPrice: money }),
        },
        ticketId: uuid,
      },
      ['buildingId', 'contractorId', 'title', 'description', 'workDate', 'hoursWorked']
    ),
  },
  'GET /work-reports/:id': { summary: 'One work report with photos and totals', tags },
  'PUT /work-reports/:id': { summary: 'Edit a draft', tags },
  'GET /buildings/:id/work-reports': { summary: 'Work reports of a building', tags },
  'PUT /work-reports/:id/submit': { summary: 'draft → submitted (by the contractor)', tags },
  'PUT /work-reports/:id/approve': {
    summary: 'submitted → approved (resolves the linked ticket)',
    tags,
  },
  'PUT /work-reports/:id/reject': {
    summary: 'submitted → rejected',
    tags,
    requestBody: obj({ reason: str() }, ['reason']),
  },
  'DELETE /work-reports/:id': { summary: 'Delete a draft', tags },
  'POST /work-reports/:id/photos': {
    summary: 'Add a photo (JPEG/PNG/WebP ≤ 10 MB, ≤ 20 per report)',
    tags,
    requestContentType: 'multipart/form-data',
  },
  'GET /work-reports/:id/photos': { summary: 'Photos of a report', tags },
  'GET /work-reports/:id/photos/:photoId': {
    summary: 'A photo (?size=thumb for the thumbnail)',
    tags,
  },
  'GET /work-reports/:id/pdf': { summary: 'PDF of the report with its photos', tags },
  'POST /public/notary/:slug/requests': {
    summary:
      'Notary self-service: request an état daté (no login; pays the fee via Stripe Checkout)',
    tags,
    public: true,
    requestBody: notaryBody,
    errors: { 429: 'rate limited' },
  },
  'GET /public/notary/:slug/requests/:token': {
    summary: 'Notary tracking: status and due date of one request (token from the link)',
    tags,
    public: true,
  },
  'GET /public/notary/:slug/requests/:token/pdf': {
    summary: 'Notary tracking: the PDF once delivered',
    tags,
    public: true,
    errors: { 409: 'not delivered yet' },
  },
}
