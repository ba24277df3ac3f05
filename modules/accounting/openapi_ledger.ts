import type { CatalogEntry, JsonSchema } from '#services/openapi_catalog'

/*
| OpenAPI descriptions of the ledger routes (registered by startLedger()). Money is a
| decimal string with 2 decimals in responses; inputs accept a number or a string.
*/
const str = (extra: JsonSchema = {}): JsonSchema => ({ type: 'string', ...extra })
const nullableStr: JsonSchema = { type: ['string', 'null'] }
const uuid: JsonSchema = { type: 'string', format: 'uuid' }
const date: JsonSchema = { type: 'string', format: 'date' }
const int: JsonSchema = { type: 'integer' }
const bool: JsonSchema = { type: 'boolean' }
const amount: JsonSchema = { type: 'string', pattern: '^-?\\d+\\.\\d{2}$', example: '1500.00' }
const amountIn: JsonSchema = {
  oneOf: [{ type: 'string', pattern: '^\\d+(\\.\\d{1,2})?$' }, { type: 'number' }],
  description: 'EUR amount > 0: decimal string or number, at most 2 decimals',
}
const obj = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
})
const arrayOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items })
const page = (item: JsonSchema): JsonSchema =>
  obj({ data: arrayOf(item), meta: { $ref: '#/components/schemas/PageMeta' } }, ['data', 'meta'])

const JOURNALS = ['purchases', 'sales', 'bank', 'misc']
const TYPES = [
  'call_for_funds',
  'payment_received',
  'expense_payment',
  'transfer',
  'year_end_closing',
  'manual',
  'opening',
]
const tags = ['Accounting — ledger']

const Account = obj({
  id: uuid,
  buildingId: uuid,
  code: str({ pattern: '^[0-9]{1,20}$', example: '612' }),
  name: str(),
  class: int,
  isStandard: bool,
  isLeaf: bool,
  hasPostings: bool,
  createdAt: str({ format: 'date-time' }),
  updatedAt: str({ format: 'date-time' }),
})
const Line = obj({
  id: uuid,
  lineNo: int,
  accountId: uuid,
  accountCode: str(),
  accountName: str(),
  debit: amount,
  credit: amount,
  ownerId: { type: ['string', 'null'], format: 'uuid' },
  description: nullableStr,
})
const Entry = obj({
  id: uuid,
  buildingId: uuid,
  fiscalYearId: uuid,
  fiscalYear: int,
  number: str({ example: '2026-000042' }),
  sequence: int,
  date,
  journal: { type: 'string', enum: JOURNALS },
  type: { type: 'string', enum: TYPES },
  status: { type: 'string', enum: ['posted', 'voided'] },
  description: str(),
  isCarryForward: bool,
  source: { type: ['object', 'null'], properties: { type: str(), id: uuid } },
  reversalOfId: { type: ['string', 'null'], format: 'uuid' },
  reversedById: { type: ['string', 'null'], format: 'uuid' },
  totalDebit: amount,
  totalCredit: amount,
  createdBy: { type: ['string', 'null'], format: 'uuid' },
  createdAt: str({ format: 'date-time' }),
  lines: arrayOf(Line),
})
const FiscalYear = obj({
  id: uuid,
  buildingId: uuid,
  year: int,
  startDate: date,
  endDate: date,
  status: { type: 'string', enum: ['open', 'closed'] },
  entriesCount: int,
  closedAt: { type: ['string', 'null'], format: 'date-time' },
})
const Totals = obj({ debit: amount, credit: amount, balance: amount })
const ReportLine = obj({ accountCode: str(), accountName: str(), amount })
const format = (values: string[]) => ({
  format: { type: 'string', enum: values, description: `Output format (default ${values[0]})` },
})

export const ledgerCatalog: Record<string, CatalogEntry> = {
  'GET /buildings/:id/accounts': {
    summary: 'Chart of accounts of a building',
    description:
      'PCMN accounts ordered by code, with `isLeaf` (only leaf accounts take postings) and `hasPostings`.',
    tags,
    query: {
      class: { type: 'integer', minimum: 0, maximum: 9 },
      code: str({ description: 'code prefix (612 → 612, 6120…)' }),
      q: str({ description: 'search in name or code' }),
      page: int,
      perPage: int,
    },
    response: page(Account),
  },
  'POST /buildings/:id/accounts': {
    summary: 'Add an account to the chart',
    description:
      'Code unique per building (409); an account with postings cannot get sub-accounts (409).',
    tags,
    requestBody: obj({ code: str({ pattern: '^[0-9]{1,20}$' }), name: str({ maxLength: 200 }) }, [
      'code',
      'name',
    ]),
    response: Account,
  },
  'GET /accounts/:id': { summary: 'One account', tags, response: Account },
  'PUT /accounts/:id': {
    summary: 'Rename or recode an account',
    description: 'The code of an account with postings cannot change (409).',
    tags,
    requestBody: obj({ code: str({ pattern: '^[0-9]{1,20}$' }), name: str({ maxLength: 200 }) }),
    response: Account,
  },
  'DELETE /accounts/:id': {
    summary: 'Delete an unused account',
    description: 'An account with postings cannot be deleted (409).',
    tags,
  },
  'POST /buildings/:id/journal-entries': {
    summary: 'Post a journal entry',
    description:
      'At least 2 lines, each with exactly one of debit/credit > 0; Σdebit = Σcredit to the cent (422); the date must fall in an open fiscal year (409 otherwise). Gets the next gap-free number of the building and fiscal year (`2026-000042`). A PostgreSQL constraint trigger re-checks the balance at commit.',
    tags,
    requestBody: obj(
      {
        date,
        journal: { type: 'string', enum: JOURNALS },
        type: { type: 'string', enum: TYPES },
        description: str({ maxLength: 500 }),
        lines: {
          type: 'array',
          minItems: 2,
          items: obj(
            {
              accountCode: str({ pattern: '^[0-9]{1,20}$' }),
              debit: amountIn,
              credit: amountIn,
              ownerId: { type: ['string', 'null'], format: 'uuid' },
              description: nullableStr,
            },
            ['accountCode']
          ),
        },
      },
      ['date', 'journal', 'type', 'description', 'lines']
    ),
    response: Entry,
    errors: { 409: 'The fiscal year of the date is closed' },
  },
  'GET /buildings/:id/journal-entries': {
    summary: 'Journal of a building (newest first, with lines)',
    tags,
    query: {
      dateFrom: date,
      dateTo: date,
      journal: { type: 'string', enum: JOURNALS },
      type: { type: 'string', enum: TYPES },
      accountCode: str({ description: 'entries with a line on this account or its sub-accounts' }),
      ownerId: uuid,
      fiscalYear: int,
      status: { type: 'string', enum: ['posted', 'voided'] },
      q: str(),
      page: int,
      perPage: int,
    },
    response: page(Entry),
  },
  'GET /journal-entries/:id': {
    summary: 'One journal entry with its lines',
    tags,
    response: Entry,
  },
  'DELETE /journal-entries/:id': {
    summary: 'Delete a manual entry of an open year',
    description:
      'Only `manual` entries of an open fiscal year that are not linked to a reversal (409 otherwise: automatic entries are reversed). The entry becomes `voided` and keeps its number, so the numbering has no gap.',
    tags,
  },
  'POST /journal-entries/:id/reverse': {
    summary: 'Reverse an entry with a counter-entry',
    description:
      'Posts the same lines on the other side (default date: today), links both; an entry is reversed at most once (409).',
    tags,
    requestBody: obj({ date, description: str({ maxLength: 500 }) }),
    response: Entry,
  },
  'GET /buildings/:id/journal-entries/balance': {
    summary: 'Trial balance',
    description:
      'Per account Σdebit, Σcredit and balance (debit − credit), cumulative up to `asOf`; with `fiscalYear`, that year only including its opening entry. Totals are equal.',
    tags,
    query: { asOf: date, fiscalYear: int },
    response: obj({
      buildingId: uuid,
      asOf: { type: ['string', 'null'], format: 'date' },
      fiscalYear: { type: ['integer', 'null'] },
      accounts: arrayOf(
        obj({
          accountId: uuid,
          accountCode: str(),
          accountName: str(),
          accountClass: int,
          debit: amount,
          credit: amount,
          balance: amount,
        })
      ),
      totals: Totals,
      balanced: bool,
    }),
  },
  'POST /buildings/:id/journal-entries/year-end-closing': {
    summary: 'Close a fiscal year',
    description:
      'Closes classes 6/7 into account 140 (closing entry on the last day), locks the year (later writes → 409), and posts the next year’s opening entry carrying every balance-sheet account (per co-owner for owner accounts). Years close in order (409).',
    tags,
    successStatus: 200,
    requestBody: obj({ fiscalYear: { type: 'integer', minimum: 1, maximum: 9999 } }, [
      'fiscalYear',
    ]),
    response: obj({
      fiscalYear: FiscalYear,
      result: amount,
      closingEntry: { oneOf: [Entry, { type: 'null' }] },
      openingEntry: { oneOf: [Entry, { type: 'null' }] },
      nextFiscalYear: FiscalYear,
    }),
  },
  'GET /buildings/:id/journal-entries/export': {
    summary: 'Export the journal (FEC or CSV), streamed',
    description:
      'One line per entry line. `fec`: the 18 FEC columns, `|`-separated, dates YYYYMMDD, decimal comma. `csv`: RFC 4180 with a header row. Streamed from PostgreSQL COPY: memory stays flat.',
    tags,
    query: { ...format(['csv', 'fec']), fiscalYear: int, dateFrom: date, dateTo: date },
    response: { type: 'string' },
  },
  'GET /buildings/:id/fiscal-years': {
    summary: 'Fiscal years of a building',
    tags,
    response: obj({ data: arrayOf(FiscalYear) }),
  },
  'GET /buildings/:id/reports/balance-sheet': {
    summary: 'Balance sheet at a date (JSON, CSV or PDF)',
    description:
      'Class 1 on the liabilities side, 2–3 assets, 4–5 by sign (co-owners who owe are assets, co-owners in credit liabilities), unclosed result of classes 6/7 on the liabilities side.',
    tags,
    query: { ...format(['json', 'csv', 'pdf']), asOf: date },
    response: obj({
      buildingId: uuid,
      asOf: date,
      assets: arrayOf(ReportLine),
      liabilities: arrayOf(ReportLine),
      resultOfPeriod: amount,
      totalAssets: amount,
      totalLiabilities: amount,
      balanced: bool,
    }),
  },
  'GET /buildings/:id/reports/income-statement': {
    summary: 'Income statement of a fiscal year (JSON, CSV or PDF)',
    tags,
    query: { ...format(['json', 'csv', 'pdf']), fiscalYear: int, dateFrom: date, dateTo: date },
    response: obj({
      buildingId: uuid,
      fiscalYear: { type: ['integer', 'null'] },
      dateFrom: date,
      dateTo: date,
      charges: arrayOf(ReportLine),
      income: arrayOf(ReportLine),
      totalCharges: amount,
      totalIncome: amount,
      result: amount,
    }),
  },
  'GET /buildings/:id/reports/owner-balances': {
    summary: 'Co-owner balances (account 410) at a date (JSON, CSV or PDF)',
    description: 'Positive balance: the co-owner owes the association.',
    tags,
    query: { ...format(['json', 'csv', 'pdf']), asOf: date },
    response: obj({
      buildingId: uuid,
      asOf: date,
      accountCode: str(),
      owners: arrayOf(
        obj({
          ownerId: { type: ['string', 'null'], format: 'uuid' },
          ownerName: nullableStr,
          email: nullableStr,
          debit: amount,
          credit: amount,
          balance: amount,
        })
      ),
      totals: Totals,
    }),
  },
}
