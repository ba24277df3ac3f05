import type { HttpContext } from '@adonisjs/core/http'
import { pipeline } from 'node:stream/promises'
import { csvCopyOut, type CsvOptions } from '#services/csv_copy_out'
import { currentTenant } from '#tenancy/tenant_context'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { assertBuilding } from './account_service.js'
import { isIsoDate } from './fiscal_year_service.js'

/*
| Journal export, one line per entry line, streamed with `COPY (SELECT …) TO STDOUT`
| on the tenant transaction's own connection: PostgreSQL formats the rows, Node only
| forwards bytes with back-pressure, so memory stays flat whatever the ledger size.
| RLS applies to COPY (SELECT) like to any query: only the tenant's rows come out.
|
| FEC (fichier des écritures comptables, the French/Belgian audit flat file): the 18
| fixed columns, `|`-separated, dates YYYYMMDD, amounts with a decimal comma; text
| fields are cleaned of separators and line breaks so no quoting is ever needed.
| Empty FEC fields are NULLs, never '': COPY's CSV format quotes an empty string (to tell
| it from NULL), which with FEC's never-used quote byte would put \x01\x01 in the file.
| CSV: RFC 4180, comma-separated, decimal point, ISO dates.
*/
export type ExportFormat = 'fec' | 'csv'

/** COPY (and the cursor) take no bind parameters: every value spliced in is validated first. */
function literal(value: string) {
  return `'${value.replace(/'/g, "''")}'`
}

// translate(): one pass, no regex engine — separators, line breaks, the quote byte → space.
const clean = (sql: string) =>
  `nullif(translate(coalesce(${sql}, ''), e'|\\r\\n\\t\\x01', '     '), '')`
const ownerName = `nullif(trim(coalesce(o.company_name, concat_ws(' ', o.first_name, o.last_name))), '')`
// numeric(14,2)::text already has its 2 decimals; much cheaper than to_char() per row.
const fecAmount = (col: string) => `replace(${col}::text, '.', ',')`
const fecDate = (sql: string) => `replace((${sql})::text, '-', '')`

const JOURNAL_LABELS = `case e.journal when 'purchases' then 'Achats' when 'sales' then 'Ventes / appels de fonds'
  when 'bank' then 'Banque' else 'Opérations diverses' end`

const FEC_CSV: CsvOptions = { header: true, delimiter: '|', quote: '\x01' }
const PLAIN_CSV: CsvOptions = { header: true }

function exportSql(format: ExportFormat, where: string) {
  const from = `from accounting_journal_lines l
    join accounting_journal_entries e on e.organisation_id = l.organisation_id and e.id = l.entry_id
    join accounting_accounts a on a.organisation_id = l.organisation_id and a.id = l.account_id
    left join owners o on o.organisation_id = l.organisation_id and o.id = l.owner_id
    where ${where}
    order by e.date, e.fiscal_year_id, e.sequence, l.line_no`
  if (format === 'fec') {
    return `select
        upper(e.journal) as "JournalCode",
        ${JOURNAL_LABELS} as "JournalLib",
        e.number as "EcritureNum",
        ${fecDate('e.date')} as "EcritureDate",
        l.account_code as "CompteNum",
        ${clean('a.name')} as "CompteLib",
        l.owner_id::text as "CompAuxNum",
        ${clean(ownerName)} as "CompAuxLib",
        e.number as "PieceRef",
        ${fecDate('e.date')} as "PieceDate",
        ${clean('coalesce(l.description, e.description)')} as "EcritureLib",
        ${fecAmount('l.debit')} as "Debit",
        ${fecAmount('l.credit')} as "Credit",
        null::text as "EcritureLet",
        null::text as "DateLet",
        ${fecDate("(e.created_at at time zone 'Europe/Brussels')::date")} as "ValidDate",
        null::text as "Montantdevise",
        'EUR' as "Idevise"
      ${from}`
  }
  return `select
      e.number as "number",
      e.date::text as "date",
      e.journal as "journal",
      e.type as "type",
      e.description as "entryDescription",
      l.line_no as "line",
      l.account_code as "accountCode",
      a.name as "accountName",
      l.owner_id as "ownerId",
      ${ownerName} as "ownerName",
      l.debit as "debit",
      l.credit as "credit",
      l.description as "lineDescription"
    ${from}`
}

/**
 * Streams the export straight to the raw response, inside the request's tenant
 * transaction (the controller awaits it, so the transaction stays open until the
 * last byte). Filters: fiscalYear, dateFrom, dateTo.
 */
export async function streamJournalExport(ctx: HttpContext, buildingId: string) {
  await assertBuilding(buildingId)
  const qs = ctx.request.qs()
  const format = String(qs.format ?? 'csv')
  if (format !== 'fec' && format !== 'csv') {
    throw ApiError.validation('format', 'format must be fec or csv')
  }
  const where = [`l.building_id = ${literal(buildingId)}`]
  for (const [key, op] of [
    ['dateFrom', '>='],
    ['dateTo', '<='],
  ] as const) {
    if (qs[key] === undefined || qs[key] === '') continue
    if (!isIsoDate(qs[key])) throw ApiError.validation(key, `${key} must be a YYYY-MM-DD date`)
    where.push(`e.date ${op} ${literal(qs[key])}::date`)
  }
  let yearLabel = ''
  if (qs.fiscalYear !== undefined && qs.fiscalYear !== '') {
    const year = Number(qs.fiscalYear)
    if (!Number.isInteger(year) || year < 1 || year > 9999) {
      throw ApiError.validation('fiscalYear', 'fiscalYear must be a year between 1 and 9999')
    }
    where.push(
      `e.fiscal_year_id in (select id from accounting_fiscal_years where building_id = ${literal(buildingId)} and year = ${year})`
    )
    yearLabel = `-${year}`
  } else {
    // The whole history: carry-forward openings would restate balances already there.
    where.push('not e.is_carry_forward')
  }

  await audit(ctx, {
    action: 'accounting.journal.exported',
    subjectType: 'building',
    subjectId: buildingId,
    metadata: {
      format,
      fiscalYear: qs.fiscalYear ?? null,
      dateFrom: qs.dateFrom ?? null,
      dateTo: qs.dateTo ?? null,
    },
  })

  const { trx } = currentTenant()
  // One big sequential read: no JIT compile pause, an in-memory sort.
  await trx.rawQuery(`set local jit = off`)
  await trx.rawQuery(`set local work_mem = '256MB'`)
  const connection = await (trx.knexClient as any).client.acquireConnection()
  const copy = csvCopyOut(
    connection,
    exportSql(format, where.join(' and ')),
    format === 'fec' ? FEC_CSV : PLAIN_CSV
  )
  const res = ctx.response.response
  const stamp = new Date().toISOString().slice(0, 10).replace(/-/g, '')
  const filename =
    format === 'fec'
      ? `FEC-${buildingId.slice(0, 8)}${yearLabel}-${stamp}.txt`
      : `journal-${buildingId.slice(0, 8)}${yearLabel}-${stamp}.csv`
  res.writeHead(200, {
    'Content-Type': format === 'fec' ? 'text/plain; charset=utf-8' : 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  })
  try {
    await pipeline(copy, res)
  } catch (error) {
    // Headers are gone: all we can do is cut the connection so the client sees a
    // truncated download, and let the transaction roll back.
    res.destroy()
    throw error
  }
}
