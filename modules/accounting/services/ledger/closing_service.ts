import type { HttpContext } from '@adonisjs/core/http'
import { currentTenant } from '#tenancy/tenant_context'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { assertBuilding } from './account_service.js'
import {
  accountBalances,
  postJournalEntry,
  type JournalEntryJson,
  type PostingLine,
} from './posting_service.js'
import { lockFiscalYearFor, serializeFiscalYear, SELECT_YEAR } from './fiscal_year_service.js'
import { centsOf, formatCents } from '#services/money'
import { RESULT_ACCOUNT } from './standard_chart.js'

/*
| Year-end closing (clôture de l'exercice), in one transaction:
| 1. the year must be open and the previous year closed (closings go in order);
| 2. closing entry dated the last day: every class 6/7 account back to zero, the net
|    into 140 (result carried forward: debit = loss, credit = surplus);
| 3. the year is locked (status closed; the DB refuses any later write to it);
| 4. opening entry ("à-nouveaux") dated the first day of the next year: every
|    balance-sheet account (classes 1–5, and memo classes 0/8/9), per co-owner for
|    owner accounts, with its closing balance. It is flagged carry-forward: cumulative
|    balances leave it out (it restates what the ledger already holds) while the next
|    year's own trial balance starts from it.
*/
function isResultClass(accountClass: number) {
  return accountClass === 6 || accountClass === 7
}

const LABELS: Record<string, { closing: string; opening: string }> = {
  fr: { closing: "Clôture de l'exercice", opening: "Report à nouveau de l'exercice" },
  nl: { closing: 'Afsluiting van het boekjaar', opening: 'Overdracht van het boekjaar' },
  de: { closing: 'Abschluss des Geschäftsjahres', opening: 'Vortrag aus dem Geschäftsjahr' },
  en: { closing: 'Closing of fiscal year', opening: 'Balances brought forward from fiscal year' },
}

export async function closeFiscalYear(
  ctx: HttpContext | null,
  buildingId: string,
  fiscalYear: number,
  opts: { locale?: string; actorId?: string | null } = {}
) {
  await assertBuilding(buildingId)
  const trx = currentTenant().trx
  const labels = LABELS[opts.locale ?? 'fr'] ?? LABELS.fr

  const building = await trx.rawQuery(
    `select fiscal_year_start_month from buildings where id = ? for update`,
    [buildingId]
  )
  const existing = await trx.rawQuery(
    `${SELECT_YEAR} where building_id = ? and year = ? for update`,
    [buildingId, fiscalYear]
  )
  let year = existing.rows[0]
  if (!year) {
    const month = String(building.rows[0].fiscal_year_start_month).padStart(2, '0')
    year = await lockFiscalYearFor(
      buildingId,
      `${String(fiscalYear).padStart(4, '0')}-${month}-01`,
      trx
    )
    if (Number(year.year) !== fiscalYear) {
      throw ApiError.validation('fiscalYear', `fiscal year ${fiscalYear} does not exist`)
    }
  }
  if (year.status !== 'open') {
    throw ApiError.invalidState(`Fiscal year ${fiscalYear} is already closed`)
  }
  const previousOpen = await trx.rawQuery(
    `select year from accounting_fiscal_years
      where building_id = ? and end_date < ?::date and status = 'open' order by start_date limit 1`,
    [buildingId, year.start_date]
  )
  if (previousOpen.rows[0]) {
    throw ApiError.invalidState(
      `Fiscal year ${previousOpen.rows[0].year} is still open: close it first`
    )
  }

  // 2. Closing entry: classes 6 and 7 into the result.
  const results = await accountBalances({ buildingId, asOf: year.end_date }, trx)
  const closingLines: PostingLine[] = []
  let net = 0n
  for (const account of results.accounts) {
    if (!isResultClass(account.accountClass)) continue
    const balance = centsOf(account.balance)
    if (balance === 0n) continue
    net += balance
    closingLines.push(
      balance > 0n
        ? { accountCode: account.accountCode, credit: formatCents(balance) }
        : { accountCode: account.accountCode, debit: formatCents(-balance) }
    )
  }
  let closingEntry: JournalEntryJson | null = null
  if (closingLines.length) {
    if (net !== 0n) {
      closingLines.push(
        net > 0n
          ? { accountCode: RESULT_ACCOUNT, debit: formatCents(net) }
          : { accountCode: RESULT_ACCOUNT, credit: formatCents(-net) }
      )
    }
    await ensureResultAccount(buildingId)
    closingEntry = await postJournalEntry(
      {
        buildingId,
        date: year.end_date,
        journal: 'misc',
        type: 'year_end_closing',
        description: `${labels.closing} ${fiscalYear}`,
        lines: closingLines,
        source: { type: 'fiscal_year', id: year.id },
        createdBy: opts.actorId ?? null,
      },
      trx
    )
  }

  // 3. Lock the year.
  await trx.rawQuery(
    `update accounting_fiscal_years set status = 'closed', closed_at = now(), closed_by = ? where id = ?`,
    [opts.actorId ?? null, year.id]
  )

  // 4. Opening entry of the next year, per account and per co-owner.
  const next = new Date(year.end_date + 'T00:00:00Z')
  next.setUTCDate(next.getUTCDate() + 1)
  const nextStart = next.toISOString().slice(0, 10)
  const nextYear = await lockFiscalYearFor(buildingId, nextStart, trx)
  const carried = await accountBalances({ buildingId, asOf: year.end_date, byOwner: true }, trx)
  const openingLines: PostingLine[] = []
  for (const account of carried.accounts) {
    if (isResultClass(account.accountClass)) continue
    const balance = centsOf(account.balance)
    if (balance === 0n) continue
    openingLines.push({
      accountCode: account.accountCode,
      ownerId: account.ownerId ?? null,
      ...(balance > 0n ? { debit: formatCents(balance) } : { credit: formatCents(-balance) }),
    })
  }
  let openingEntry: JournalEntryJson | null = null
  if (openingLines.length >= 2) {
    openingEntry = await postJournalEntry(
      {
        buildingId,
        date: nextYear.start_date,
        journal: 'misc',
        type: 'opening',
        description: `${labels.opening} ${fiscalYear}`,
        lines: openingLines,
        source: { type: 'fiscal_year', id: year.id },
        isCarryForward: true,
        createdBy: opts.actorId ?? null,
      },
      trx
    )
  }

  const closed = await trx.rawQuery(`${SELECT_YEAR} where id = ?`, [year.id])
  const nextRow = await trx.rawQuery(`${SELECT_YEAR} where id = ?`, [nextYear.id])
  await audit(ctx, {
    action: 'accounting.fiscal_year.closed',
    subjectType: 'accounting_fiscal_year',
    subjectId: year.id,
    metadata: {
      buildingId,
      fiscalYear,
      closingEntryId: closingEntry?.id ?? null,
      openingEntryId: openingEntry?.id ?? null,
      result: formatCents(-net),
    },
  })
  return {
    fiscalYear: serializeFiscalYear(closed.rows[0]),
    result: formatCents(-net),
    closingEntry,
    openingEntry,
    nextFiscalYear: serializeFiscalYear(nextRow.rows[0]),
  }
}

/** The result account may have been deleted from a customised chart: put it back. */
async function ensureResultAccount(buildingId: string) {
  await currentTenant().trx.rawQuery(
    `insert into accounting_accounts (organisation_id, building_id, code, name, class, is_standard)
     values (?, ?, ?, 'Résultat reporté', 1, true) on conflict do nothing`,
    [currentTenant().organisationId, buildingId, RESULT_ACCOUNT]
  )
}
