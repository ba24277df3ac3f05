import type { HttpContext } from '@adonisjs/core/http'
import { rows, tenant } from '../../services/funds/db.js'
import { listBudgets, showBudget } from '../../services/funds/budget_service.js'
import { budgetVariance } from '../../services/funds/variance_service.js'
import { listCalls, showCall } from '../../services/funds/call_service.js'
import { listPayments } from '../../services/funds/payment_service.js'
import { buildingArrears } from '../../services/funds/reminder_service.js'
import { fundsSettings } from '../../services/funds/settings_service.js'
import { can, type Role } from '#policies/permissions'

/**
 * Module pages live in modules/accounting/ui/pages (resolved by the front end); the
 * generated page-name types only index resources/inertia/pages, hence the cast.
 */
function renderPage(ctx: HttpContext, page: string, props: Record<string, unknown>) {
  return ctx.inertia.render(page as never, props as never)
}

/*
| Staff pages of the funds (Inertia): initial props from the same services as the API;
| the pages write through /api/v1. A building selector (`?buildingId=`) picks the
| building, the first one by name by default.
*/
async function buildingsList() {
  return rows<{ id: string; name: string }>(
    `select id, name from buildings where organisation_id = :org and archived_at is null order by name collate natural_sort`,
    { org: tenant().organisationId }
  )
}

async function pick(ctx: HttpContext) {
  const buildings = await buildingsList()
  const wanted = ctx.request.qs().buildingId
  const current = buildings.find((b) => b.id === wanted) ?? buildings[0] ?? null
  return { buildings, current }
}

function dataOf<T>(page: { data: T[] }): T[] {
  return page.data
}

function perms(ctx: HttpContext) {
  return {
    canWrite: can(ctx.membership.role as Role, 'accounting.funds.write'),
    organisationId: ctx.organisation.id,
  }
}

function withPage(ctx: HttpContext, extra: Record<string, string> = {}) {
  // The services read ?page from the request; pages show the first 100 rows.
  ctx.request.updateQs({ ...ctx.request.qs(), perPage: '100', page: '1', ...extra })
}

export default class FundsPagesController {
  async budgets(ctx: HttpContext) {
    const { buildings, current } = await pick(ctx)
    withPage(ctx)
    const budgets = current ? dataOf(await listBudgets(ctx, current.id)) : []
    return renderPage(ctx, 'accounting/budgets/index', {
      ...perms(ctx),
      buildings,
      building: current,
      budgets,
    })
  }

  async budget(ctx: HttpContext) {
    const budget = await showBudget(ctx.params.id)
    const variance = await budgetVariance(ctx.params.id)
    const [building] = await rows(
      `select id, name from buildings where id = :id and organisation_id = :org`,
      {
        id: budget.buildingId,
        org: tenant().organisationId,
      }
    )
    return renderPage(ctx, 'accounting/budgets/show', { ...perms(ctx), budget, variance, building })
  }

  async calls(ctx: HttpContext) {
    const { buildings, current } = await pick(ctx)
    withPage(ctx)
    const calls = current ? dataOf(await listCalls(ctx, current.id)) : []
    const budgets = current
      ? dataOf(await listBudgets(ctx, current.id)).filter(
          (b) => b.status === 'voted' || b.status === 'active'
        )
      : []
    const settings = current ? await fundsSettings(current.id) : null
    return renderPage(ctx, 'accounting/calls/index', {
      ...perms(ctx),
      buildings,
      building: current,
      calls,
      budgets,
      settings,
    })
  }

  async call(ctx: HttpContext) {
    const call = await showCall(ctx.params.id)
    const [building] = await rows(
      `select id, name from buildings where id = :id and organisation_id = :org`,
      {
        id: call.buildingId,
        org: tenant().organisationId,
      }
    )
    const settings = await fundsSettings(call.buildingId)
    return renderPage(ctx, 'accounting/calls/show', { ...perms(ctx), call, building, settings })
  }

  async payments(ctx: HttpContext) {
    const { buildings, current } = await pick(ctx)
    withPage(ctx)
    const payments = current ? dataOf(await listPayments(ctx, current.id)) : []
    const arrears = current ? await buildingArrears(current.id) : null
    const owners = current
      ? await rows<{ id: string; name: string }>(
          `select distinct o.id, case when o.kind = 'company' then o.company_name else concat_ws(' ', o.first_name, o.last_name) end as name
             from owners o join unit_owners uo on uo.organisation_id = o.organisation_id and uo.owner_id = o.id
             join units u on u.organisation_id = uo.organisation_id and u.id = uo.unit_id
            where o.organisation_id = :org and u.building_id = :b order by name`,
          { org: tenant().organisationId, b: current.id }
        )
      : []
    return renderPage(ctx, 'accounting/payments/index', {
      ...perms(ctx),
      buildings,
      building: current,
      payments,
      arrears,
      owners,
    })
  }
}
