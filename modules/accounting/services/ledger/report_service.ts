import { currentTenant } from '#tenancy/tenant_context'
import { ApiError } from '#exceptions/api_error'
import { assertBuilding } from './account_service.js'
import { accountBalances } from './posting_service.js'
import { fiscalYearBounds, fiscalYearByLabel, isIsoDate } from './fiscal_year_service.js'
import { centsOf, formatCents } from '#services/money'
import { OWNERS_ACCOUNT } from './standard_chart.js'

/*
| Financial statements of a building, from the same SQL aggregation as the trial
| balance (accountBalances). Amounts are positive on their natural side.
|
| Balance sheet at a date (cumulative, carry-forward openings left out):
| - class 1 (funds, retained result) → liabilities; classes 2–3 → assets;
| - classes 4–5 by the sign of each balance, and per co-owner for owner accounts:
|   co-owners who owe are receivables (assets), co-owners in credit are liabilities;
| - classes 6/7 not yet closed → "result of the period" on the liabilities side,
|   so total assets = total liabilities.
| Memo classes 0, 8, 9 are off-balance and left out.
*/
export interface ReportLine {
  accountCode: string
  accountName: string
  amount: string
}

function today() {
  return new Date().toISOString().slice(0, 10)
}

function optionalDate(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (!isIsoDate(value)) throw ApiError.validation(field, `${field} must be a YYYY-MM-DD date`)
  return value
}

export async function balanceSheet(buildingId: string, qs: Record<string, any>) {
  await assertBuilding(buildingId)
  const asOf = optionalDate(qs.asOf, 'asOf') ?? today()
  const balances = await accountBalances({ buildingId, asOf, byOwner: true })
  const assets = new Map<string, { name: string; cents: bigint }>()
  const liabilities = new Map<string, { name: string; cents: bigint }>()
  let result = 0n
  const add = (
    map: Map<string, { name: string; cents: bigint }>,
    code: string,
    name: string,
    cents: bigint
  ) => {
    const current = map.get(code) ?? { name, cents: 0n }
    current.cents += cents
    map.set(code, current)
  }
  for (const row of balances.accounts) {
    const cents = centsOf(row.balance)
    if (cents === 0n) continue
    switch (row.accountClass) {
      case 1:
        add(liabilities, row.accountCode, row.accountName, -cents)
        break
      case 2:
      case 3:
        add(assets, row.accountCode, row.accountName, cents)
        break
      case 4:
      case 5:
        if (cents > 0n) add(assets, row.accountCode, row.accountName, cents)
        else add(liabilities, row.accountCode, row.accountName, -cents)
        break
      case 6:
      case 7:
        result -= cents
        break
      default:
        break
    }
  }
  const lines = (map: Map<string, { name: string; cents: bigint }>): ReportLine[] =>
    [...map.entries()]
      .filter(([, v]) => v.cents !== 0n)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, v]) => ({
        accountCode: code,
        accountName: v.name,
        amount: formatCents(v.cents),
      }))
  const assetLines = lines(assets)
  const liabilityLines = lines(liabilities)
  const totalAssets = assetLines.reduce((s, l) => s + centsOf(l.amount), 0n)
  const totalLiabilities = liabilityLines.reduce((s, l) => s + centsOf(l.amount), 0n) + result
  return {
    buildingId,
    asOf,
    assets: assetLines,
    liabilities: liabilityLines,
    resultOfPeriod: formatCents(result),
    totalAssets: formatCents(totalAssets),
    totalLiabilities: formatCents(totalLiabilities),
    balanced: totalAssets === totalLiabilities,
  }
}

/**
 * Income statement over one fiscal year (default: the year containing today) or a
 * `dateFrom`–`dateTo` range; closing entries are left out so a closed year still
 * shows its charges and income.
 */
export async function incomeStatement(buildingId: string, qs: Record<string, any>) {
  await assertBuilding(buildingId)
  let from = optionalDate(qs.dateFrom, 'dateFrom')
  let to = optionalDate(qs.dateTo, 'dateTo')
  let fiscalYear: number | null = null
  if (qs.fiscalYear !== undefined && qs.fiscalYear !== '') {
    const year = Number(qs.fiscalYear)
    if (!Number.isInteger(year) || year < 1 || year > 9999) {
      throw ApiError.validation('fiscalYear', 'fiscalYear must be a year between 1 and 9999')
    }
    fiscalYear = year
  }
  if (!from && !to) {
    const building = await currentTenant().trx.rawQuery(
      `select fiscal_year_start_month from buildings where id = ?`,
      [buildingId]
    )
    const month = Number(building.rows[0].fiscal_year_start_month)
    const label = fiscalYear ?? fiscalYearBounds(today(), month).year
    const existing = await fiscalYearByLabel(buildingId, label)
    if (existing) {
      from = existing.start_date
      to = existing.end_date
    } else {
      const bounds = fiscalYearBounds(
        `${String(label).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`,
        month
      )
      from = bounds.startDate
      to = bounds.endDate
    }
    fiscalYear = label
  }
  const balances = await accountBalances({
    buildingId,
    from,
    asOf: to,
    excludeClosing: true,
  })
  const charges: ReportLine[] = []
  const income: ReportLine[] = []
  let totalCharges = 0n
  let totalIncome = 0n
  for (const row of balances.accounts) {
    const cents = centsOf(row.balance)
    if (cents === 0n) continue
    if (row.accountClass === 6) {
      charges.push({
        accountCode: row.accountCode,
        accountName: row.accountName,
        amount: formatCents(cents),
      })
      totalCharges += cents
    } else if (row.accountClass === 7) {
      income.push({
        accountCode: row.accountCode,
        accountName: row.accountName,
        amount: formatCents(-cents),
      })
      totalIncome -= cents
    }
  }
  return {
    buildingId,
    fiscalYear,
    dateFrom: from ?? null,
    dateTo: to ?? null,
    charges,
    income,
    totalCharges: formatCents(totalCharges),
    totalIncome: formatCents(totalIncome),
    result: formatCents(totalIncome - totalCharges),
  }
}

/** Account 410 per co-owner at a date: positive balance = the co-owner owes. */
export async function ownerBalances(buildingId: string, qs: Record<string, any>) {
  await assertBuilding(buildingId)
  const asOf = optionalDate(qs.asOf, 'asOf') ?? today()
  const res = await currentTenant().trx.rawQuery(
    `select l.owner_id,
            nullif(trim(coalesce(o.company_name, concat_ws(' ', o.first_name, o.last_name))), '') as owner_name,
            o.email, sum(l.debit)::text as debit, sum(l.credit)::text as credit,
            (sum(l.debit) - sum(l.credit))::text as balance
       from accounting_journal_lines l
       join accounting_journal_entries e on e.organisation_id = l.organisation_id and e.id = l.entry_id
       left join owners o on o.organisation_id = l.organisation_id and o.id = l.owner_id
      where l.building_id = ? and l.account_code like ? and e.date <= ?::date and not e.is_carry_forward
      group by l.owner_id, o.company_name, o.first_name, o.last_name, o.email
      order by owner_name nulls last, l.owner_id`,
    [buildingId, `${OWNERS_ACCOUNT}%`, asOf]
  )
  let debit = 0n
  let credit = 0n
  const owners: {
    ownerId: string | null
    ownerName: string | null
    email: string | null
    debit: string
    credit: string
    balance: string
  }[] = res.rows.map((r: any) => {
    debit += centsOf(r.debit)
    credit += centsOf(r.credit)
    return {
      ownerId: r.owner_id,
      ownerName: r.owner_name,
      email: r.email ?? null,
      debit: formatCents(centsOf(r.debit)),
      credit: formatCents(centsOf(r.credit)),
      balance: formatCents(centsOf(r.balance)),
    }
  })
  return {
    buildingId,
    asOf,
    accountCode: OWNERS_ACCOUNT,
    owners,
    totals: {
      debit: formatCents(debit),
      credit: formatCents(credit),
      balance: formatCents(debit - credit),
    },
  }
}
