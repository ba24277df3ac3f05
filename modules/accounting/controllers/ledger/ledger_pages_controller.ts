import type { HttpContext } from '@adonisjs/core/http'
import { can, type Role } from '#policies/permissions'
import { currentTenant } from '#tenancy/tenant_context'
import { ACCOUNT_SELECT, serializeAccount } from '../../services/ledger/chart_service.js'
import { isUuid } from '../../services/ledger/posting_service.js'
import { listEntries, trialBalance } from '../../services/ledger/journal_service.js'
import {
  balanceSheet,
  incomeStatement,
  ownerBalances,
} from '../../services/ledger/report_service.js'

/*
| Staff pages of the ledger. Each page works on one building (`?building=`, default:
| the first by name); data comes from the same services as the API, and the pages
| write through /api/v1.
*/
async function buildingsOf(ctx: HttpContext) {
  const res = await currentTenant().trx.rawQuery(
    `select id, name, fiscal_year_start_month from buildings order by name, id limit 500`
  )
  const buildings = res.rows.map((r: any) => ({
    id: r.id as string,
    name: r.name as string,
    fiscalYearStartMonth: Number(r.fiscal_year_start_month),
  }))
  const requested = ctx.request.qs().buildingId ?? ctx.request.qs().building
  const selected =
    buildings.find((b: { id: string }) => isUuid(requested) && b.id === requested) ??
    buildings[0] ??
    null
  return { buildings, buildingId: (selected?.id ?? null) as string | null }
}

/** Module pages are not in the core page index (codegen): typed by their path prefix. */
function render(ctx: HttpContext, page: `accounting/${string}`, props: Record<string, unknown>) {
  return ctx.inertia.render(page as never, props as never)
}

function permissions(ctx: HttpContext) {
  const role = ctx.membership.role as Role
  return {
    canWriteChart: can(role, 'accounting.chart.write'),
    canWriteJournal: can(role, 'accounting.journal.write'),
    canClose: can(role, 'accounting.closing.write'),
  }
}

/** Co-owners of the building's units (current or past), for owner lines of an entry. */
async function ownersOf(buildingId: string) {
  const res = await currentTenant().trx.rawQuery(
    `select distinct o.id,
        nullif(trim(coalesce(o.company_name, concat_ws(' ', o.first_name, o.last_name))), '') as name
       from owners o
       join unit_owners uo on uo.organisation_id = o.organisation_id and uo.owner_id = o.id
       join units u on u.organisation_id = uo.organisation_id and u.id = uo.unit_id
      where u.building_id = ? order by name`,
    [buildingId]
  )
  return res.rows.map((o: any) => ({ id: o.id as string, name: (o.name ?? '') as string }))
}

async function allAccounts(buildingId: string | null) {
  if (!buildingId) return []
  const res = await currentTenant().trx.rawQuery(
    `select ${ACCOUNT_SELECT} from accounting_accounts a where a.building_id = ? order by a.code`,
    [buildingId]
  )
  return res.rows.map(serializeAccount)
}

function dateOrToday(value: unknown) {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? value
    : new Date().toISOString().slice(0, 10)
}

export default class LedgerPagesController {
  async chart(ctx: HttpContext) {
    const { buildings, buildingId } = await buildingsOf(ctx)
    return render(ctx, 'accounting/chart/index', {
      buildings,
      buildingId,
      accounts: await allAccounts(buildingId),
      ...permissions(ctx),
    })
  }

  async journal(ctx: HttpContext) {
    const { buildings, buildingId } = await buildingsOf(ctx)
    const qs = ctx.request.qs()
    const filters = {
      dateFrom: typeof qs.dateFrom === 'string' ? qs.dateFrom : '',
      dateTo: typeof qs.dateTo === 'string' ? qs.dateTo : '',
      journal: typeof qs.journal === 'string' ? qs.journal : '',
      type: typeof qs.type === 'string' ? qs.type : '',
      accountCode: typeof qs.accountCode === 'string' ? qs.accountCode : '',
      page: Number(qs.page ?? 1) || 1,
    }
    let entries: Awaited<ReturnType<typeof listEntries>> = {
      data: [],
      meta: { total: 0, perPage: 20, currentPage: 1, lastPage: 1 },
    }
    let filterError: string | null = null
    if (buildingId) {
      try {
        entries = await listEntries(ctx, buildingId)
      } catch (error: any) {
        filterError = error?.message ?? 'invalid filter'
      }
    }
    return render(ctx, 'accounting/journal/index', {
      buildings,
      buildingId,
      filters,
      filterError,
      entries: entries.data,
      meta: entries.meta,
      ...permissions(ctx),
    })
  }

  async newEntry(ctx: HttpContext) {
    const { buildings, buildingId } = await buildingsOf(ctx)
    const owners = buildingId ? await ownersOf(buildingId) : []
    const accounts = await allAccounts(buildingId)
    return render(ctx, 'accounting/journal/new', {
      buildings,
      buildingId,
      accounts: accounts.filter((a: { isLeaf: boolean }) => a.isLeaf),
      owners,
      today: new Date().toISOString().slice(0, 10),
      ...permissions(ctx),
    })
  }

  async trialBalance(ctx: HttpContext) {
    const { buildings, buildingId } = await buildingsOf(ctx)
    const asOf = dateOrToday(ctx.request.qs().asOf)
    ctx.request.updateQs({ ...ctx.request.qs(), asOf, fiscalYear: undefined })
    return render(ctx, 'accounting/ledger/trial_balance', {
      buildings,
      buildingId,
      asOf,
      balance: buildingId ? await trialBalance(ctx, buildingId) : null,
      ...permissions(ctx),
    })
  }

  async reports(ctx: HttpContext) {
    const { buildings, buildingId } = await buildingsOf(ctx)
    const asOf = dateOrToday(ctx.request.qs().asOf)
    return render(ctx, 'accounting/reports/index', {
      buildings,
      buildingId,
      asOf,
      balanceSheet: buildingId ? await balanceSheet(buildingId, { asOf }) : null,
      incomeStatement: buildingId
        ? await incomeStatement(buildingId, {
            dateTo: asOf,
            dateFrom: await yearStart(buildingId, asOf),
          })
        : null,
      ownerBalances: buildingId ? await ownerBalances(buildingId, { asOf }) : null,
      ...permissions(ctx),
    })
  }
}

/** First day of the fiscal year containing `date` for the income statement of the page. */
async function yearStart(buildingId: string, date: string) {
  const res = await currentTenant().trx.rawQuery(
    `select start_date::text as d from accounting_fiscal_years where building_id = ? and start_date <= ?::date and end_date >= ?::date`,
    [buildingId, date, date]
  )
  if (res.rows[0]) return res.rows[0].d as string
  const b = await currentTenant().trx.rawQuery(
    `select fiscal_year_start_month as m from buildings where id = ?`,
    [buildingId]
  )
  const month = Number(b.rows[0].m)
  const [y, m] = date.split('-').map(Number)
  const start = m >= month ? y : y - 1
  return `${start}-${String(month).padStart(2, '0')}-01`
}
