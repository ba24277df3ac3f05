import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { RawQueryBindings } from '@adonisjs/lucid/types/querybuilder'
import { currentTenant } from '#tenancy/tenant_context'
import { ApiError, type ApiErrorEntry } from '#exceptions/api_error'
import { formatCents, moneyOf, parseCents } from '#services/money'
import { isIsoDate, lockFiscalYearFor } from './fiscal_year_service.js'

/*
| The one way into the ledger. Everything that posts (manual entries, calls for funds,
| payments, year-end closing, reversals) goes through `postJournalEntry`, inside the
| caller's tenant transaction, so the entry commits or rolls back with the business
| change it records. The database re-checks the balance at commit (constraint trigger).
*/
export const JOURNALS = ['purchases', 'sales', 'bank', 'misc'] as const
export const ENTRY_TYPES = [
  'call_for_funds',
  'payment_received',
  'expense_payment',
  'transfer',
  'year_end_closing',
  'manual',
  'opening',
] as const
export type Journal = (typeof JOURNALS)[number]
export type EntryType = (typeof ENTRY_TYPES)[number]

export interface PostingLine {
  accountCode: string
  debit?: string | number | null
  credit?: string | number | null
  ownerId?: string | null
  description?: string | null
}

export interface PostingInput {
  buildingId: string
  date: string
  journal: Journal
  type: EntryType
  description: string
  lines: PostingLine[]
  source?: { type: string; id: string } | null
  /** Internal: set by reversals and year-end closing. */
  reversalOfId?: string | null
  isCarryForward?: boolean
  createdBy?: string | null
}

export interface JournalLineJson {
  id: string
  lineNo: number
  accountId: string
  accountCode: string
  accountName: string | null
  debit: string
  credit: string
  ownerId: string | null
  description: string | null
}

export interface JournalEntryJson {
  id: string
  buildingId: string
  fiscalYearId: string
  fiscalYear: number
  number: string
  sequence: number
  date: string
  journal: Journal
  type: EntryType
  status: 'posted' | 'voided'
  description: string
  isCarryForward: boolean
  source: { type: string; id: string } | null
  reversalOfId: string | null
  reversedById: string | null
  totalDebit: string
  totalCredit: string
  createdBy: string | null
  createdAt: string
  lines: JournalLineJson[]
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}

function validationError(errors: ApiErrorEntry[]): ApiError {
  const [first, ...rest] = errors
  return new ApiError(422, 'E_VALIDATION', first.message, first.field, rest)
}

interface CheckedLine {
  accountCode: string
  debitCents: bigint
  creditCents: bigint
  ownerId: string | null
  description: string | null
}

/** Shape and arithmetic of an entry, before touching the database (422 on any fault). */
export function checkEntryShape(input: PostingInput): CheckedLine[] {
  const errors: ApiErrorEntry[] = []
  const bad = (field: string, message: string) =>
    errors.push({ code: 'E_VALIDATION', field, message })

  if (!isIsoDate(input.date)) bad('date', 'date must be a valid YYYY-MM-DD date')
  if (!JOURNALS.includes(input.journal))
    bad('journal', `journal must be one of ${JOURNALS.join(', ')}`)
  if (!ENTRY_TYPES.includes(input.type))
    bad('type', `type must be one of ${ENTRY_TYPES.join(', ')}`)
  if (typeof input.description !== 'string' || !input.description.trim()) {
    bad('description', 'description is required')
  } else if (input.description.length > 500) {
    bad('description', 'description must be at most 500 characters')
  }
  const lines = Array.isArray(input.lines) ? input.lines : []
  if (lines.length < 2) bad('lines', 'an entry needs at least 2 lines')
  if (lines.length > 10000) bad('lines', 'an entry has at most 10000 lines')

  const checked: CheckedLine[] = []
  let debit = 0n
  let credit = 0n
  lines.forEach((line, i) => {
    const code = typeof line?.accountCode === 'string' ? line.accountCode.trim() : ''
    if (!/^[0-9]{1,20}$/.test(code)) bad(`lines.${i}.accountCode`, 'accountCode is required')
    const hasDebit = line?.debit !== undefined && line?.debit !== null && line?.debit !== ''
    const hasCredit = line?.credit !== undefined && line?.credit !== null && line?.credit !== ''
    const d = hasDebit ? parseCents(line.debit) : 0n
    const c = hasCredit ? parseCents(line.credit) : 0n
    if (d === null)
      bad(`lines.${i}.debit`, 'debit must be a positive amount with at most 2 decimals')
    if (c === null)
      bad(`lines.${i}.credit`, 'credit must be a positive amount with at most 2 decimals')
    if (d !== null && c !== null) {
      if (d > 0n === c > 0n) {
        bad(`lines.${i}`, 'each line has exactly one of debit or credit, greater than zero')
      }
      debit += d
      credit += c
    }
    if (line?.ownerId !== undefined && line?.ownerId !== null && !isUuid(line.ownerId)) {
      bad(`lines.${i}.ownerId`, 'ownerId must be an owner id')
    }
    if (line?.description && String(line.description).length > 500) {
      bad(`lines.${i}.description`, 'description must be at most 500 characters')
    }
    checked.push({
      accountCode: code,
      debitCents: d ?? 0n,
      creditCents: c ?? 0n,
      ownerId: line?.ownerId ?? null,
      description: line?.description ? String(line.description) : null,
    })
  })
  if (errors.length === 0 && debit !== credit) {
    bad(
      'lines',
      `the entry is not balanced: debit ${formatCents(debit)} ≠ credit ${formatCents(credit)}`
    )
  }
  if (errors.length) throw validationError(errors)
  return checked
}

/**
 * Posts a balanced journal entry and returns it with its lines.
 * 422 E_VALIDATION: shape, amounts, balance, unknown/non-leaf account, unknown owner.
 * 409 E_INVALID_STATE: the date falls in a closed fiscal year (or before one).
 * 404: the building does not exist in the tenant.
 */
export async function postJournalEntry(
  input: PostingInput,
  trx: TransactionClientContract = currentTenant().trx
): Promise<JournalEntryJson> {
  const lines = checkEntryShape(input)
  if (!isUuid(input.buildingId)) throw ApiError.notFound('Building not found')

  const codes = [...new Set(lines.map((l) => l.accountCode))]
  const accounts = await trx.rawQuery(
    `select a.id, a.code, a.organisation_id,
        not exists (select 1 from accounting_accounts c
                     where c.organisation_id = a.organisation_id and c.building_id = a.building_id
                       and c.code like a.code || '%' and c.code <> a.code) as is_leaf
       from accounting_accounts a
      where a.building_id = ? and a.code = any(?::text[])`,
    [input.buildingId, codes]
  )
  const byCode = new Map<string, { id: string; is_leaf: boolean }>(
    accounts.rows.map((r: any) => [r.code, r])
  )
  const ownerIds = [...new Set(lines.map((l) => l.ownerId).filter((o): o is string => !!o))]
  const knownOwners = new Set<string>()
  if (ownerIds.length) {
    const owners = await trx.rawQuery(`select id from owners where id = any(?::uuid[])`, [ownerIds])
    for (const o of owners.rows) knownOwners.add(o.id)
  }
  const errors: ApiErrorEntry[] = []
  lines.forEach((line, i) => {
    const account = byCode.get(line.accountCode)
    if (!account) {
      errors.push({
        code: 'E_VALIDATION',
        field: `lines.${i}.accountCode`,
        message: `account ${line.accountCode} does not exist in this building's chart`,
      })
    } else if (!account.is_leaf) {
      errors.push({
        code: 'E_VALIDATION',
        field: `lines.${i}.accountCode`,
        message: `account ${line.accountCode} has sub-accounts: post to one of them`,
      })
    }
    if (line.ownerId && !knownOwners.has(line.ownerId)) {
      errors.push({
        code: 'E_VALIDATION',
        field: `lines.${i}.ownerId`,
        message: 'owner not found',
      })
    }
  })
  if (errors.length) {
    // Unknown building reads as 404, not as "every account is unknown".
    const building = await trx.rawQuery(`select 1 from buildings where id = ?`, [input.buildingId])
    if (!building.rows[0]) throw ApiError.notFound('Building not found')
    throw validationError(errors)
  }

  const year = await lockFiscalYearFor(input.buildingId, input.date, trx)
  if (year.status !== 'open') {
    throw ApiError.invalidState(`Fiscal year ${year.year} is closed: no entry may be posted in it`)
  }
  const sequence = Number(year.last_number) + 1
  await trx.rawQuery(`update accounting_fiscal_years set last_number = ? where id = ?`, [
    sequence,
    year.id,
  ])
  const number = `${String(year.year).padStart(4, '0')}-${String(sequence).padStart(6, '0')}`
  const inserted = await trx.rawQuery(
    `insert into accounting_journal_entries
       (organisation_id, building_id, fiscal_year_id, sequence, number, date, journal, type,
        description, is_carry_forward, source_type, source_id, reversal_of_id, created_by)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    [
      year.organisation_id,
      input.buildingId,
      year.id,
      sequence,
      number,
      input.date,
      input.journal,
      input.type,
      input.description.trim(),
      input.isCarryForward ?? false,
      input.source?.type ?? null,
      input.source?.id ?? null,
      input.reversalOfId ?? null,
      input.createdBy ?? null,
    ] as RawQueryBindings
  )
  const entryId: string = inserted.rows[0].id
  // Multi-row inserts in chunks (a closing entry may carry hundreds of owner lines).
  for (let start = 0; start < lines.length; start += 500) {
    const chunk = lines.slice(start, start + 500)
    await trx.rawQuery(
      `insert into accounting_journal_lines
         (organisation_id, entry_id, building_id, line_no, account_id, account_code, debit, credit, owner_id, description)
       values ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      chunk.flatMap((line, j) => [
        year.organisation_id,
        entryId,
        input.buildingId,
        start + j + 1,
        byCode.get(line.accountCode)!.id,
        line.accountCode,
        formatCents(line.debitCents),
        formatCents(line.creditCents),
        line.ownerId,
        line.description,
      ]) as RawQueryBindings
    )
  }
  await checkBalancesNow(trx)
  return (await findJournalEntry(entryId, trx))!
}

/**
 * Runs the deferred balance checks now instead of at commit (PostgreSQL fires the
 * pending checks when a deferred constraint becomes IMMEDIATE), then defers again.
 * A violation thus surfaces as a statement error the caller sees, instead of a
 * failed COMMIT that a driver could report late or not at all.
 */
export async function checkBalancesNow(trx: TransactionClientContract = currentTenant().trx) {
  await trx.rawQuery(
    'set constraints accounting_entry_balanced_lines, accounting_entry_balanced_entries immediate'
  )
  await trx.rawQuery(
    'set constraints accounting_entry_balanced_lines, accounting_entry_balanced_entries deferred'
  )
}

/** Columns of an entry row (alias `e`) with its year label and totals. */
export const ENTRY_COLUMNS = `e.*, e.date::text as date_text, fy.year as fiscal_year,
    coalesce((select sum(l.debit) from accounting_journal_lines l
               where l.organisation_id = e.organisation_id and l.entry_id = e.id), 0) as total_debit,
    coalesce((select sum(l.credit) from accounting_journal_lines l
               where l.organisation_id = e.organisation_id and l.entry_id = e.id), 0) as total_credit`
export const ENTRY_FROM = `from accounting_journal_entries e
  join accounting_fiscal_years fy on fy.organisation_id = e.organisation_id and fy.id = e.fiscal_year_id`
const ENTRY_SELECT = `select ${ENTRY_COLUMNS} ${ENTRY_FROM}`

export { ENTRY_SELECT }

export function serializeEntry(row: any, lines: JournalLineJson[] = []): JournalEntryJson {
  return {
    id: row.id,
    buildingId: row.building_id,
    fiscalYearId: row.fiscal_year_id,
    fiscalYear: Number(row.fiscal_year),
    number: row.number,
    sequence: Number(row.sequence),
    date: row.date_text,
    journal: row.journal,
    type: row.type,
    status: row.status,
    description: row.description,
    isCarryForward: row.is_carry_forward,
    source: row.source_type ? { type: row.source_type, id: row.source_id } : null,
    reversalOfId: row.reversal_of_id,
    reversedById: row.reversed_by_id,
    totalDebit: moneyOf(row.total_debit),
    totalCredit: moneyOf(row.total_credit),
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    lines,
  }
}

/** One entry with its lines, or null (voided entries are gone for readers: null). */
export async function findJournalEntry(
  id: string,
  trx: TransactionClientContract = currentTenant().trx,
  opts: { includeVoided?: boolean; forUpdate?: boolean } = {}
): Promise<JournalEntryJson | null> {
  if (!isUuid(id)) return null
  const res = await trx.rawQuery(
    `${ENTRY_SELECT} where e.id = ?${opts.includeVoided ? '' : ` and e.status = 'posted'`}${
      opts.forUpdate ? ' for update of e' : ''
    }`,
    [id]
  )
  const row = res.rows[0]
  if (!row) return null
  const lines = await trx.rawQuery(
    `select l.*, a.name as account_name from accounting_journal_lines l
       join accounting_accounts a on a.organisation_id = l.organisation_id and a.id = l.account_id
      where l.entry_id = ? order by l.line_no`,
    [id]
  )
  return serializeEntry(
    row,
    lines.rows.map((l: any) => ({
      id: l.id,
      lineNo: Number(l.line_no),
      accountId: l.account_id,
      accountCode: l.account_code,
      accountName: l.account_name,
      debit: moneyOf(l.debit),
      credit: moneyOf(l.credit),
      ownerId: l.owner_id,
      description: l.description,
    }))
  )
}

/**
 * Posts the counter-entry of `entryId` (every line on the other side), dated `date`
 * in an open year, and links both. An entry is reversed at most once (409); closing
 * and carry-forward entries are never reversed (409: reopen is not a thing).
 */
export async function reverseJournalEntry(
  entryId: string,
  opts: { date: string; description?: string; createdBy?: string | null },
  trx: TransactionClientContract = currentTenant().trx
): Promise<JournalEntryJson> {
  const entry = await findJournalEntry(entryId, trx, { forUpdate: true })
  if (!entry) throw ApiError.notFound('Journal entry not found')
  if (entry.reversedById) throw ApiError.invalidState(`Entry ${entry.number} is already reversed`)
  if (entry.reversalOfId) {
    throw ApiError.invalidState(`Entry ${entry.number} is itself a reversal and cannot be reversed`)
  }
  if (entry.type === 'year_end_closing' || entry.isCarryForward) {
    throw ApiError.invalidState('Year-end closing and carry-forward entries cannot be reversed')
  }
  const reversal = await postJournalEntry(
    {
      buildingId: entry.buildingId,
      date: opts.date,
      journal: entry.journal,
      type: entry.type,
      description: (
        opts.description?.trim() || `Extourne de ${entry.number}: ${entry.description}`
      ).slice(0, 500),
      lines: entry.lines.map((l) => ({
        accountCode: l.accountCode,
        debit: l.credit !== '0.00' ? l.credit : undefined,
        credit: l.debit !== '0.00' ? l.debit : undefined,
        ownerId: l.ownerId,
        description: l.description,
      })),
      source: entry.source,
      reversalOfId: entry.id,
      createdBy: opts.createdBy ?? null,
    },
    trx
  )
  await trx.rawQuery(`update accounting_journal_entries set reversed_by_id = ? where id = ?`, [
    reversal.id,
    entry.id,
  ])
  return reversal
}

export interface BalanceQuery {
  buildingId: string
  /** Inclusive upper date bound. */
  asOf?: string
  /** Inclusive lower date bound (e.g. an income statement over one year). */
  from?: string
  /** Only accounts whose code starts with this prefix ('6', '41', '410'). */
  accountPrefix?: string
  ownerId?: string
  /** One row per (account, owner) instead of per account. */
  byOwner?: boolean
  /**
   * Restrict to the entries of one fiscal year, INCLUDING its carry-forward opening
   * entry (the year's own trial balance). Without it, balances are cumulative over
   * the whole history and carry-forward openings are left out (they restate balances
   * already in the ledger).
   */
  fiscalYearId?: string
  /** Leave year-end closing entries out (income statement of a closed year). */
  excludeClosing?: boolean
}

export interface AccountBalance {
  accountId: string
  accountCode: string
  accountName: string
  accountClass: number
  ownerId?: string | null
  debit: string
  credit: string
  /** debit − credit: positive = debit balance, negative = credit balance. */
  balance: string
}

export interface BalancesResult {
  accounts: AccountBalance[]
  totals: { debit: string; credit: string; balance: string }
}

/** Σdebit, Σcredit and balance per account (optionally per owner), aggregated in SQL. */
export async function accountBalances(
  query: BalanceQuery,
  trx: TransactionClientContract = currentTenant().trx
): Promise<BalancesResult> {
  const where: string[] = ['l.building_id = ?']
  const bindings: unknown[] = [query.buildingId]
  if (query.fiscalYearId) {
    where.push('e.fiscal_year_id = ?')
    bindings.push(query.fiscalYearId)
  } else {
    where.push('not e.is_carry_forward')
  }
  if (query.asOf) {
    where.push('e.date <= ?::date')
    bindings.push(query.asOf)
  }
  if (query.from) {
    where.push('e.date >= ?::date')
    bindings.push(query.from)
  }
  if (query.accountPrefix) {
    where.push(`l.account_code like ? escape '\\'`)
    bindings.push(query.accountPrefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%')
  }
  if (query.ownerId) {
    where.push('l.owner_id = ?')
    bindings.push(query.ownerId)
  }
  if (query.excludeClosing) where.push(`e.type <> 'year_end_closing'`)
  const ownerCol = query.byOwner ? ', l.owner_id' : ''
  const res = await trx.rawQuery(
    `select a.id as account_id, a.code, a.name, a.class${ownerCol},
            sum(l.debit)::text as debit, sum(l.credit)::text as credit,
            (sum(l.debit) - sum(l.credit))::text as balance
       from accounting_journal_lines l
       join accounting_journal_entries e on e.organisation_id = l.organisation_id and e.id = l.entry_id
       join accounting_accounts a on a.organisation_id = l.organisation_id and a.id = l.account_id
      where ${where.join(' and ')}
      group by a.id, a.code, a.name, a.class${ownerCol}
      order by a.code${ownerCol}`,
    bindings as RawQueryBindings
  )
  let debit = 0n
  let credit = 0n
  const accounts: AccountBalance[] = res.rows.map((r: any) => {
    const row: AccountBalance = {
      accountId: r.account_id,
      accountCode: r.code,
      accountName: r.name,
      accountClass: Number(r.class),
      ...(query.byOwner ? { ownerId: r.owner_id } : {}),
      debit: moneyOf(r.debit),
      credit: moneyOf(r.credit),
      balance: moneyOf(r.balance),
    }
    debit += parseCents(row.debit)!
    credit += parseCents(row.credit)!
    return row
  })
  return {
    accounts,
    totals: {
      debit: formatCents(debit),
      credit: formatCents(credit),
      balance: formatCents(debit - credit),
    },
  }
}
