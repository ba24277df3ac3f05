import type { HttpContext } from '@adonisjs/core/http'
import type { RawQueryBindings } from '@adonisjs/lucid/types/querybuilder'
import { currentTenant } from '#tenancy/tenant_context'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { assertBuilding } from './account_service.js'
import {
  ENTRY_COLUMNS,
  ENTRY_FROM,
  ENTRY_TYPES,
  JOURNALS,
  accountBalances,
  findJournalEntry,
  isUuid,
  postJournalEntry,
  reverseJournalEntry,
  serializeEntry,
  type JournalLineJson,
  type PostingInput,
} from './posting_service.js'
import {
  isIsoDate,
  fiscalYearByLabel,
  serializeFiscalYear,
  SELECT_YEAR,
} from './fiscal_year_service.js'
import { pagedSql } from './sql_page.js'
import { moneyOf } from '#services/money'

function actorId(ctx: HttpContext | null): string | null {
  return ((ctx?.auth?.user as { id?: string } | undefined)?.id ?? null) as string | null
}

function dateParam(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (!isIsoDate(value)) throw ApiError.validation(field, `${field} must be a YYYY-MM-DD date`)
  return value
}

function yearParam(value: unknown, field = 'fiscalYear'): number | undefined {
  if (value === undefined || value === null || value === '') return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 9999) {
    throw ApiError.validation(field, `${field} must be a year between 1 and 9999`)
  }
  return n
}

export async function createEntry(ctx: HttpContext, buildingId: string, payload: PostingInput) {
  await assertBuilding(buildingId)
  const entry = await postJournalEntry({ ...payload, buildingId, createdBy: actorId(ctx) })
  await audit(ctx, {
    action: 'accounting.journal_entry.created',
    subjectType: 'accounting_journal_entry',
    subjectId: entry.id,
    metadata: {
      buildingId,
      number: entry.number,
      date: entry.date,
      type: entry.type,
      total: entry.totalDebit,
    },
  })
  return entry
}

export async function showEntry(id: string) {
  const entry = await findJournalEntry(id)
  if (!entry) throw ApiError.notFound('Journal entry not found')
  return entry
}

/** Paged journal of a building, newest first, with lines. */
export async function listEntries(ctx: HttpContext, buildingId: string) {
  await assertBuilding(buildingId)
  const qs = ctx.request.qs()
  const where = ['e.building_id = ?']
  const bindings: unknown[] = [buildingId]
  const from = dateParam(qs.dateFrom ?? qs.from, qs.dateFrom !== undefined ? 'dateFrom' : 'from')
  const to = dateParam(qs.dateTo ?? qs.to, qs.dateTo !== undefined ? 'dateTo' : 'to')
  if (from) {
    where.push('e.date >= ?::date')
    bindings.push(from)
  }
  if (to) {
    where.push('e.date <= ?::date')
    bindings.push(to)
  }
  if (qs.journal) {
    if (!JOURNALS.includes(qs.journal)) {
      throw ApiError.validation('journal', `journal must be one of ${JOURNALS.join(', ')}`)
    }
    where.push('e.journal = ?')
    bindings.push(qs.journal)
  }
  if (qs.type) {
    if (!ENTRY_TYPES.includes(qs.type)) {
      throw ApiError.validation('type', `type must be one of ${ENTRY_TYPES.join(', ')}`)
    }
    where.push('e.type = ?')
    bindings.push(qs.type)
  }
  const status = qs.status ?? 'posted'
  if (!['posted', 'voided'].includes(status)) {
    throw ApiError.validation('status', 'status must be posted or voided')
  }
  where.push('e.status = ?')
  bindings.push(status)
  if (qs.accountCode) {
    if (!/^[0-9]{1,20}$/.test(String(qs.accountCode))) {
      throw ApiError.validation('accountCode', 'accountCode is made of digits')
    }
    // An account code matches the account and its sub-accounts (410 → 4100, 4101).
    where.push(
      `exists (select 1 from accounting_journal_lines fl where fl.organisation_id = e.organisation_id and fl.entry_id = e.id and fl.account_code like ?)`
    )
    bindings.push(`${qs.accountCode}%`)
  }
  if (qs.ownerId) {
    if (!isUuid(qs.ownerId)) throw ApiError.validation('ownerId', 'ownerId must be an owner id')
    where.push(
      `exists (select 1 from accounting_journal_lines fl where fl.organisation_id = e.organisation_id and fl.entry_id = e.id and fl.owner_id = ?)`
    )
    bindings.push(qs.ownerId)
  }
  const fiscalYear = yearParam(qs.fiscalYear)
  if (fiscalYear !== undefined) {
    where.push('fy.year = ?')
    bindings.push(fiscalYear)
  }
  if (qs.q) {
    where.push('(e.description ilike ? or e.number like ?)')
    const q = String(qs.q).replace(/[\\%_]/g, (c) => `\\${c}`)
    bindings.push(`%${q}%`, `%${q}%`)
  }
  const page = await pagedSql(
    ctx,
    currentTenant().trx,
    {
      select: ENTRY_COLUMNS,
      fromWhere: `${ENTRY_FROM} where ${where.join(' and ')}`,
      bindings,
      orderBy: 'e.date desc, e.sequence desc',
    },
    (row) => row
  )
  const ids = page.data.map((r: any) => r.id)
  const linesByEntry = new Map<string, JournalLineJson[]>()
  if (ids.length) {
    const lines = await currentTenant().trx.rawQuery(
      `select l.*, a.name as account_name from accounting_journal_lines l
         join accounting_accounts a on a.organisation_id = l.organisation_id and a.id = l.account_id
        where l.entry_id = any(?::uuid[]) order by l.entry_id, l.line_no`,
      [ids]
    )
    for (const l of lines.rows) {
      const list = linesByEntry.get(l.entry_id) ?? []
      list.push({
        id: l.id,
        lineNo: Number(l.line_no),
        accountId: l.account_id,
        accountCode: l.account_code,
        accountName: l.account_name,
        debit: moneyOf(l.debit),
        credit: moneyOf(l.credit),
        ownerId: l.owner_id,
        description: l.description,
      })
      linesByEntry.set(l.entry_id, list)
    }
  }
  return {
    data: page.data.map((row: any) => serializeEntry(row, linesByEntry.get(row.id) ?? [])),
    meta: page.meta,
  }
}

/**
 * DELETE: only a manual entry of an open year, never one that reversed or was reversed.
 * Its number stays taken (the numbering has no gaps): the entry becomes `voided`,
 * its lines are removed, and it disappears from the journal and every balance.
 */
export async function deleteEntry(ctx: HttpContext, id: string) {
  const entry = await findJournalEntry(id, currentTenant().trx, { forUpdate: true })
  if (!entry) throw ApiError.notFound('Journal entry not found')
  const year = await currentTenant().trx.rawQuery(
    `select status, year from accounting_fiscal_years where id = ? for update`,
    [entry.fiscalYearId]
  )
  if (year.rows[0].status !== 'open') {
    throw ApiError.invalidState(
      `Fiscal year ${year.rows[0].year} is closed: its entries cannot change`
    )
  }
  if (entry.type !== 'manual' || entry.source) {
    throw ApiError.invalidState(
      'Only manual entries can be deleted; post a reversal (POST /journal-entries/:id/reverse) instead'
    )
  }
  if (entry.reversedById || entry.reversalOfId) {
    throw ApiError.invalidState('An entry linked to a reversal cannot be deleted')
  }
  const trx = currentTenant().trx
  await trx.rawQuery(
    `update accounting_journal_entries set status = 'voided', voided_at = now(), voided_by = ? where id = ?`,
    [actorId(ctx), entry.id] as RawQueryBindings
  )
  await trx.rawQuery(`delete from accounting_journal_lines where entry_id = ?`, [entry.id])
  await audit(ctx, {
    action: 'accounting.journal_entry.deleted',
    subjectType: 'accounting_journal_entry',
    subjectId: entry.id,
    metadata: {
      buildingId: entry.buildingId,
      number: entry.number,
      date: entry.date,
      description: entry.description,
      lines: entry.lines.map((l) => ({
        accountCode: l.accountCode,
        debit: l.debit,
        credit: l.credit,
        ownerId: l.ownerId,
      })),
    },
  })
}

export async function reverseEntry(
  ctx: HttpContext,
  id: string,
  payload: { date?: string; description?: string }
) {
  const original = await findJournalEntry(id)
  if (!original) throw ApiError.notFound('Journal entry not found')
  const date = payload.date ?? new Date().toISOString().slice(0, 10)
  const reversal = await reverseJournalEntry(id, {
    date,
    description: payload.description,
    createdBy: actorId(ctx),
  })
  await audit(ctx, {
    action: 'accounting.journal_entry.reversed',
    subjectType: 'accounting_journal_entry',
    subjectId: original.id,
    metadata: {
      buildingId: original.buildingId,
      number: original.number,
      reversalId: reversal.id,
      reversalNumber: reversal.number,
    },
  })
  return reversal
}

/** Trial balance: per account Σdebit, Σcredit, balance, cumulative to `asOf` (or one year). */
export async function trialBalance(ctx: HttpContext, buildingId: string) {
  await assertBuilding(buildingId)
  const qs = ctx.request.qs()
  const asOf = dateParam(qs.asOf, 'asOf')
  const fiscalYear = yearParam(qs.fiscalYear)
  let fiscalYearId: string | undefined
  if (fiscalYear !== undefined) {
    const fy = await fiscalYearByLabel(buildingId, fiscalYear)
    if (!fy) throw ApiError.validation('fiscalYear', `fiscal year ${fiscalYear} has no entries`)
    fiscalYearId = fy.id
  }
  const result = await accountBalances({ buildingId, asOf, fiscalYearId })
  return {
    buildingId,
    asOf: asOf ?? null,
    fiscalYear: fiscalYear ?? null,
    accounts: result.accounts.map((a) => ({
      accountId: a.accountId,
      accountCode: a.accountCode,
      accountName: a.accountName,
      accountClass: a.accountClass,
      debit: a.debit,
      credit: a.credit,
      balance: a.balance,
    })),
    totals: result.totals,
    balanced: result.totals.debit === result.totals.credit,
  }
}

export async function listFiscalYears(buildingId: string) {
  await assertBuilding(buildingId)
  const res = await currentTenant().trx.rawQuery(
    `${SELECT_YEAR} where building_id = ? order by start_date desc`,
    [buildingId]
  )
  return { data: res.rows.map(serializeFiscalYear) }
}
