import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { currentTenant } from '#tenancy/tenant_context'
import { ApiError } from '#exceptions/api_error'

/*
| Fiscal years follow the building's `fiscalYearStartMonth` and are created on demand
| (the first posting dated inside a year creates it). A year is named after the
| calendar year in which it starts: with a July start, 2025-07-01 → 2026-06-30 is
| fiscal year 2025 and its entries are numbered 2025-000001, 2025-000002, …
*/
export interface FiscalYearRow {
  id: string
  organisation_id: string
  building_id: string
  year: number
  start_date: string
  end_date: string
  status: 'open' | 'closed'
  last_number: number
  closed_at: Date | null
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false
  const m = ISO_DATE.exec(value)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3]) &&
    Number(m[1]) >= 1900 &&
    Number(m[1]) <= 9998
  )
}

function iso(y: number, m: number, d: number) {
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10)
}

/** The theoretical fiscal year (by start month) that contains `date`. */
export function fiscalYearBounds(date: string, startMonth: number) {
  const [y, m] = date.split('-').map(Number)
  const startYear = m >= startMonth ? y : y - 1
  return {
    year: startYear,
    startDate: iso(startYear, startMonth, 1),
    endDate: iso(startYear + 1, startMonth, 0),
  }
}

/** Bounds of fiscal year `year` of a building (existing row first, else by start month). */
export async function fiscalYearByLabel(
  buildingId: string,
  year: number,
  trx: TransactionClientContract = currentTenant().trx
): Promise<FiscalYearRow | null> {
  const res = await trx.rawQuery(
    `select id, organisation_id, building_id, year, start_date::text, end_date::text, status,
            last_number, closed_at
       from accounting_fiscal_years where building_id = ? and year = ?`,
    [buildingId, year]
  )
  return res.rows[0] ?? null
}

const SELECT_YEAR = `select id, organisation_id, building_id, year, start_date::text as start_date,
  end_date::text as end_date, status, last_number, closed_at from accounting_fiscal_years`

/**
 * The fiscal year containing `date`, created if needed, locked FOR UPDATE for the
 * rest of the transaction (this lock is what makes entry numbering gap-free and safe
 * under concurrent posts). A year that does not exist yet cannot be created before
 * a closed one (its balances would be missing from the closed year's carry-forward).
 */
export async function lockFiscalYearFor(
  buildingId: string,
  date: string,
  trx: TransactionClientContract = currentTenant().trx
): Promise<FiscalYearRow> {
  const existing = await trx.rawQuery(
    `${SELECT_YEAR} where building_id = ? and start_date <= ?::date and end_date >= ?::date for update`,
    [buildingId, date, date]
  )
  if (existing.rows[0]) return existing.rows[0]

  const building = await trx.rawQuery(
    `select organisation_id, fiscal_year_start_month from buildings where id = ?`,
    [buildingId]
  )
  if (!building.rows[0]) throw ApiError.notFound('Building not found')
  const { organisation_id: organisationId, fiscal_year_start_month: startMonth } = building.rows[0]

  const laterClosed = await trx.rawQuery(
    `select year from accounting_fiscal_years where building_id = ? and status = 'closed' and start_date > ?::date limit 1`,
    [buildingId, date]
  )
  if (laterClosed.rows[0]) {
    throw ApiError.invalidState(
      `The date ${date} lies before fiscal year ${laterClosed.rows[0].year}, which is closed`
    )
  }

  const bounds = fiscalYearBounds(date, Number(startMonth))
  // Clip to the neighbours when the start month changed after earlier years existed.
  const prev = await trx.rawQuery(
    `select max(end_date)::text as d from accounting_fiscal_years where building_id = ? and end_date < ?::date`,
    [buildingId, date]
  )
  const next = await trx.rawQuery(
    `select min(start_date)::text as d from accounting_fiscal_years where building_id = ? and start_date > ?::date`,
    [buildingId, date]
  )
  let startDate = bounds.startDate
  let endDate = bounds.endDate
  if (prev.rows[0]?.d && prev.rows[0].d >= startDate) {
    const d = new Date(prev.rows[0].d + 'T00:00:00Z')
    d.setUTCDate(d.getUTCDate() + 1)
    startDate = d.toISOString().slice(0, 10)
  }
  if (next.rows[0]?.d && next.rows[0].d <= endDate) {
    const d = new Date(next.rows[0].d + 'T00:00:00Z')
    d.setUTCDate(d.getUTCDate() - 1)
    endDate = d.toISOString().slice(0, 10)
  }
  let year = Number(startDate.slice(0, 4))
  const taken = await trx.rawQuery(
    `select 1 from accounting_fiscal_years where building_id = ? and year = ?`,
    [buildingId, year]
  )
  if (taken.rows[0]) year = bounds.year === year ? year + 1 : bounds.year

  // Concurrent first posts of a new year: one insert wins, the others do nothing and
  // then wait on the winner's row lock below.
  await trx.rawQuery(
    `insert into accounting_fiscal_years (organisation_id, building_id, year, start_date, end_date)
     values (?, ?, ?, ?, ?) on conflict do nothing`,
    [organisationId, buildingId, year, startDate, endDate]
  )
  const created = await trx.rawQuery(
    `${SELECT_YEAR} where building_id = ? and start_date <= ?::date and end_date >= ?::date for update`,
    [buildingId, date, date]
  )
  if (!created.rows[0]) throw ApiError.conflict('The fiscal year could not be created', 'date')
  return created.rows[0]
}

export function serializeFiscalYear(row: FiscalYearRow) {
  return {
    id: row.id,
    buildingId: row.building_id,
    year: Number(row.year),
    startDate: row.start_date,
    endDate: row.end_date,
    status: row.status,
    entriesCount: Number(row.last_number),
    closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
  }
}

export { SELECT_YEAR }
