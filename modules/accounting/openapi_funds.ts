import type { CatalogEntry, JsonSchema } from '#services/openapi_catalog'

/*
| OpenAPI descriptions of the funds routes (registered by startFunds()).
*/
const str = (extra: JsonSchema = {}): JsonSchema => ({ type: 'string', ...extra })
const uuid: JsonSchema = { type: 'string', format: 'uuid' }
const date: JsonSchema = { type: 'string', format: 'date' }
const dateTime: JsonSchema = { type: ['string', 'null'], format: 'date-time' }
const int: JsonSchema = { type: 'integer' }
const money: JsonSchema = {
  oneOf: [{ type: 'string', pattern: '^-?\\d+(\\.\\d{1,2})?$' }, { type: 'number' }],
  description: 'EUR amount: decimal string ("1500.00") or number',
}
const moneyOut: JsonSchema = {
  type: 'string',
  pattern: '^-?\\d+\\.\\d{2}$',
  description: 'EUR, 2 decimals',
}
const enumOf = (...values: string[]): JsonSchema => ({ type: 'string', enum: values })
const obj = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
})
const arrayOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items })
const page = (item: JsonSchema): JsonSchema =>
  obj({ data: arrayOf(item), meta: { $ref: '#/components/schemas/PageMeta' } }, ['data', 'meta'])
const tags = ['accounting: funds']

const budget = obj({
  id: uuid,
  buildingId: uuid,
  fiscalYear: int,
  status: enumOf('draft', 'voted', 'active', 'closed'),
  ordinaryAmount: moneyOut,
  extraordinaryAmount: moneyOut,
  totalAmount: moneyOut,
  monthlyProvision: moneyOut,
  notes: { type: ['string', 'null'] },
  meetingId: { type: ['string', 'null'], format: 'uuid' },
  votedAt: { type: ['string', 'null'], format: 'date' },
  activatedAt: dateTime,
  closedAt: dateTime,
  lines: arrayOf(
    obj({
      id: uuid,
      accountCode: str(),
      kind: enumOf('ordinary', 'extraordinary'),
      amount: moneyOut,
      alertLevel: int,
    })
  ),
})

const callLine = obj({
  id: uuid,
  ownerId: uuid,
  ownerName: str(),
  unitId: uuid,
  unitNumber: str(),
  quota: int,
  totalQuota: int,
  percentage: str(),
  ordinaryAmount: moneyOut,
  extraordinaryAmount: moneyOut,
  consumptionAmount: moneyOut,
  amount: moneyOut,
  paidAmount: moneyOut,
  outstandingAmount: moneyOut,
  structuredCommunication: str({ pattern: '^\\+\\+\\+\\d{3}/\\d{4}/\\d{5}\\+\\+\\+$' }),
  dueDate: date,
  reminderStep: int,
})

const call = obj({
  id: uuid,
  buildingId: uuid,
  budgetId: { type: ['string', 'null'], format: 'uuid' },
  title: str(),
  period: enumOf('monthly', 'quarterly', 'yearly', 'one_time'),
  periodStart: date,
  dueDate: date,
  status: enumOf('draft', 'sent', 'overdue', 'paid'),
  ordinaryAmount: moneyOut,
  extraordinaryAmount: moneyOut,
  consumptionAmount: moneyOut,
  totalAmount: moneyOut,
  calledAmount: moneyOut,
  unallocatedAmount: moneyOut,
  paidAmount: moneyOut,
  outstandingAmount: moneyOut,
  journalEntryId: { type: ['string', 'null'], format: 'uuid' },
  delivery: {
    type: ['object', 'null'],
    properties: { status: str(), total: int, done: int, failed: int },
  },
  lines: arrayOf(callLine),
})

const payment = obj({
  id: uuid,
  buildingId: uuid,
  ownerId: uuid,
  amount: moneyOut,
  date,
  method: enumOf('transfer', 'sepa_direct_debit', 'card', 'cash'),
  reference: { type: ['string', 'null'] },
  allocatedAmount: moneyOut,
  unallocatedAmount: moneyOut,
  journalEntryId: uuid,
  allocations: arrayOf(obj({ callLineId: uuid, callId: uuid, amount: moneyOut })),
})

export const fundsCatalog: Record<string, CatalogEntry> = {
  'GET /buildings/:id/budgets': {
    summary: 'List budgets of a building',
    tags,
    query: { status: enumOf('draft', 'voted', 'active', 'closed'), fiscalYear: int },
    response: page(budget),
  },
  'POST /buildings/:id/budgets': {
    summary: 'Create a draft budget',
    tags,
    requestBody: obj(
      {
        fiscalYear: { type: 'integer', minimum: 1, maximum: 9999 },
        ordinaryAmount: money,
        extraordinaryAmount: money,
        lines: arrayOf(
          obj({ accountCode: str(), kind: enumOf('ordinary', 'extraordinary'), amount: money }, [
            'accountCode',
            'kind',
            'amount',
          ])
        ),
        notes: { type: ['string', 'null'] },
      },
      ['fiscalYear', 'ordinaryAmount', 'extraordinaryAmount']
    ),
    response: budget,
  },
  'GET /budgets/:id': {
    summary: 'Get a budget (monthlyProvision = total ÷ 12)',
    tags,
    response: budget,
  },
  'GET /budgets/:id/variance': {
    summary: 'Budget vs actual per month and per line',
    description:
      'Actual from the ledger (class 6). variancePercent = (actual − budgeted) ÷ budgeted × 100, null when budgeted is 0. Alerts: warning from 90 %, over_budget above 100 %.',
    tags,
  },
  'PUT /budgets/:id/vote': {
    summary: 'Vote a draft budget',
    tags,
    requestBody: obj({ meetingId: uuid, votedAt: date }, ['votedAt']),
    response: budget,
    errors: { 409: 'Not a draft (E_INVALID_STATE)' },
  },
  'PUT /budgets/:id/activate': {
    summary: 'Activate a voted budget',
    tags,
    response: budget,
    errors: { 409: 'Not voted, or another budget already active for that fiscal year' },
  },
  'PUT /budgets/:id/close': {
    summary: 'Close an active budget',
    tags,
    response: budget,
    errors: { 409: 'Not active' },
  },
  'DELETE /budgets/:id': { summary: 'Delete a draft budget', tags, errors: { 409: 'Not a draft' } },
  'GET /buildings/:id/call-for-funds': {
    summary: 'List calls for funds of a building',
    tags,
    query: { status: enumOf('draft', 'sent', 'overdue', 'paid') },
    response: page(call),
  },
  'POST /buildings/:id/call-for-funds': {
    summary: 'Create a draft call for funds with its lines per owner (the preview)',
    description:
      'Split: owner amount = amount × unit quota ÷ building total quota × owner % ÷ 100, largest remainder to the cent. With budgetId and no amounts: the budget ÷ periods per year (12/4/1). consumptionLines are split by metered consumption (iot).',
    tags,
    requestBody: obj(
      {
        title: str(),
        period: enumOf('monthly', 'quarterly', 'yearly', 'one_time'),
        periodStart: date,
        dueDate: date,
        ordinaryAmount: money,
        extraordinaryAmount: money,
        budgetId: uuid,
        consumptionLines: arrayOf(
          obj({ label: str(), amount: money, metric: str(), from: date, to: date }, [
            'label',
            'amount',
            'metric',
            'from',
            'to',
          ])
        ),
      },
      ['title', 'period', 'periodStart', 'dueDate']
    ),
    response: call,
  },
  'GET /call-for-funds/:id': {
    summary: 'Get a call for funds with its lines',
    tags,
    response: call,
  },
  'PUT /call-for-funds/:id/send': {
    summary:
      'Send a draft: posts D 410 per owner / C 700–701, then one PDF per owner e-mailed by a job',
    tags,
    response: call,
    errors: { 409: 'Not a draft', 422: 'No IBAN set for the building' },
  },
  'PUT /call-for-funds/:id/mark-paid': {
    summary: 'Record the full payment of every open line',
    tags,
    requestBody: obj({
      date,
      method: enumOf('transfer', 'sepa_direct_debit', 'card', 'cash'),
      reference: str(),
    }),
    response: call,
    errors: { 409: 'Draft or already paid' },
  },
  'DELETE /call-for-funds/:id': {
    summary: 'Delete a draft call for funds',
    tags,
    errors: { 409: 'Not a draft' },
  },
  'GET /call-for-funds/:id/owners/:ownerId/pdf': {
    summary: "An owner's PDF of the call (application/pdf)",
    tags,
  },
  'GET /buildings/:id/payments': {
    summary: 'List payments of a building',
    tags,
    query: { ownerId: uuid, method: enumOf('transfer', 'sepa_direct_debit', 'card', 'cash') },
    response: page(payment),
  },
  'POST /buildings/:id/payments': {
    summary: 'Record a payment: D 550 / C 410, allocated to the oldest open lines',
    tags,
    requestBody: obj(
      {
        ownerId: uuid,
        amount: money,
        date,
        method: enumOf('transfer', 'sepa_direct_debit', 'card', 'cash'),
        reference: str(),
      },
      ['ownerId', 'amount', 'date', 'method']
    ),
    response: payment,
  },
  'GET /payments/:id': { summary: 'Get a payment with its allocations', tags, response: payment },
  'GET /owners/:id/balance': {
    summary: "An owner's balance (called − paid) per building",
    tags,
    query: { asOf: date },
  },
  'GET /owners/:id/statement': {
    summary: "An owner's statement with running balance",
    tags,
    query: { buildingId: uuid, from: date, to: date },
  },
  'GET /buildings/:id/arrears': {
    summary: 'Arrears per owner with reminder state and interest to date',
    tags,
    query: { asOf: date },
  },
  'GET /buildings/:id/owners/:ownerId/formal-notice': {
    summary: 'Formal notice (registered letter) PDF',
    tags,
    query: { asOf: date },
  },
  'GET /buildings/:id/funds-settings': {
    summary: "The building's bank account printed on calls",
    tags,
  },
  'PUT /buildings/:id/funds-settings': {
    summary: "Set the building's bank account",
    tags,
    requestBody: obj({ iban: str(), bic: str(), beneficiary: str() }, ['iban']),
  },
  'GET /accounting/interest-rates': {
    summary: 'Late-interest rates per calendar year (up to 3 decimals, default 4.500 %)',
    tags,
  },
  'PUT /accounting/interest-rates/:year': {
    summary: 'Set the late-interest rate of a calendar year',
    tags,
    requestBody: obj({ rate: { type: 'number', minimum: 0, maximum: 100 } }, ['rate']),
  },
  'GET /me/accounting': { summary: "The signed-in co-owner's balances and statements", tags },
  'POST /me/accounting/checkout': {
    summary: 'Pay my balance of a building online (Stripe Checkout)',
    tags,
    requestBody: obj({ buildingId: uuid, ownerId: uuid }, ['buildingId']),
    successStatus: 201,
    response: obj({ id: str(), url: str(), amount: moneyOut }),
    errors: { 409: 'Nothing to pay' },
  },
}
