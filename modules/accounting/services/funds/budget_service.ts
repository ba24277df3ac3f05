import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { pageParams } from '#services/pagination'
import { buildingRow, one, rows, tenant } from './db.js'
import { divRoundHalfUp, fromCents, money, toCents } from '#services/money'
import { isoDate, isoTimestamp } from './clock.js'

/*
| Budgets (SPEC §6, 2.1): draft → voted → active → closed; one active budget per
| building and fiscal year (a partial unique index has the last word); delete only in
| draft. monthlyProvision = (ordinary + extraordinary) ÷ 12, half-up to the cent.
*/
export type BudgetStatus = 'draft' | 'voted' | 'active' | 'closed'

export interface BudgetLineInput {
  accountCode: string
  kind: 'ordinary' | 'extraordinary'
  amount: number | string
}

export interface BudgetInput {
  fiscalYear: number
  ordinaryAmount: number | string
  extraordinaryAmount: number | string
  lines?: BudgetLineInput[]
  notes?: string | null
}

export function serializeBudget(row: Record<string, any>, lines: Record<string, any>[] = []) {
  const total = toCents(row.ordinary_amount) + toCents(row.extraordinary_amount)
  return {
    id: row.id,
    buildingId: row.building_id,
    fiscalYear: Number(row.fiscal_year),
    status: row.status as BudgetStatus,
    ordinaryAmount: money(row.ordinary_amount),
    extraordinaryAmount: money(row.extraordinary_amount),
    totalAmount: fromCents(total),
    monthlyProvision: fromCents(divRoundHalfUp(total, 12n)),
    notes: row.notes ?? null,
    meetingId: row.meeting_id ?? null,
    votedAt: isoDate(row.voted_at),
    activatedAt: isoTimestamp(row.activated_at),
    closedAt: isoTimestamp(row.closed_at),
    lines: lines.map((l) => ({
      id: l.id,
      accountCode: l.account_code,
      kind: l.kind,
      amount: money(l.amount),
      alertLevel: Number(l.alert_level),
    })),
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  }
}

export async function budgetRow(id: string, lock = false) {
  const row = await one(
    `select * from accounting_budgets where id = :id and organisation_id = :org ${lock ? 'for update' : ''}`,
    { id, org: tenant().organisationId }
  )
  if (!row) throw ApiError.notFound('Budget not found')
  return row
}

export async function budgetLines(budgetId: string) {
  return rows(
    `select * from accounting_budget_lines where budget_id = :id and organisation_id = :org
      order by kind, account_code`,
    { id: budgetId, org: tenant().organisationId }
  )
}

export async function showBudget(id: string) {
  const row = await budgetRow(id)
  return serializeBudget(row, await budgetLines(id))
}

function checkLines(input: BudgetInput) {
  const lines = input.lines ?? []
  const seen = new Set<string>()
  let ordinary = 0n
  let extraordinary = 0n
  lines.forEach((line, index) => {
    const key = `${line.kind}:${line.accountCode}`
    if (seen.has(key)) {
      throw ApiError.validation(
        `lines.${index}.accountCode`,
        'The same account appears twice for this kind'
      )
    }
    seen.add(key)
    if (line.kind === 'ordinary') ordinary += toCents(line.amount)
    else extraordinary += toCents(line.amount)
  })
  // The lines detail the amounts: they may not promise more than the budget holds.
  if (ordinary > toCents(input.ordinaryAmount)) {
    throw ApiError.validation('lines', 'Ordinary lines exceed the ordinary amount')
  }
  if (extraordinary > toCents(input.extraordinaryAmount)) {
    throw ApiError.validation('lines', 'Extraordinary lines exceed the extraordinary amount')
  }
}

/** Budget lines must name accounts of the building's chart (the ledger's table). */
async function checkAccounts(buildingId: string, lines: BudgetLineInput[]) {
  if (!lines.length) return
  const codes = [...new Set(lines.map((l) => l.accountCode))]
  const found = await rows<{ code: string }>(
    `select code from accounting_accounts where organisation_id = :org and building_id = :b and code = any(:codes)`,
    { org: tenant().organisationId, b: buildingId, codes }
  )
  const known = new Set(found.map((f) => f.code))
  const index = lines.findIndex((l) => !known.has(l.accountCode))
  if (index >= 0) {
    throw ApiError.validation(
      `lines.${index}.accountCode`,
      `Unknown account ${lines[index].accountCode} in this building's chart`
    )
  }
}

export async function createBudget(ctx: HttpContext, buildingId: string, input: BudgetInput) {
  const building = await buildingRow(buildingId)
  checkLines(input)
  await checkAccounts(building.id, input.lines ?? [])
  const { organisationId } = tenant()
  const [row] = await rows(
    `insert into accounting_budgets (organisation_id, building_id, fiscal_year, ordinary_amount, extraordinary_amount, notes)
     values (:org, :b, :fy, :ord, :ext, :notes) returning *`,
    {
      org: organisationId,
      b: building.id,
      fy: input.fiscalYear,
      ord: money(input.ordinaryAmount),
      ext: money(input.extraordinaryAmount),
      notes: input.notes ?? null,
    }
  )
  for (const line of input.lines ?? []) {
    await rows(
      `insert into accounting_budget_lines (organisation_id, budget_id, account_code, kind, amount)
       values (:org, :id, :code, :kind, :amount)`,
      {
        org: organisationId,
        id: row.id,
        code: line.accountCode,
        kind: line.kind,
        amount: money(line.amount),
      }
    )
  }
  await audit(ctx, {
    action: 'accounting.budget.created',
    subjectType: 'accounting_budget',
    subjectId: row.id,
    metadata: { buildingId: building.id, fiscalYear: input.fiscalYear },
  })
  return serializeBudget(row, await budgetLines(row.id))
}

export async function listBudgets(ctx: HttpContext, buildingId: string) {
  await buildingRow(buildingId)
  const qs = ctx.request.qs()
  const { page, perPage } = pageParams(ctx)
  const filters: string[] = []
  const bindings: Record<string, unknown> = { org: tenant().organisationId, b: buildingId }
  if (qs.status !== undefined) {
    if (!['draft', 'voted', 'active', 'closed'].includes(qs.status)) {
      throw ApiError.validation('status', 'status must be one of draft, voted, active, closed')
    }
    filters.push('and status = :status')
    bindings.status = qs.status
  }
  if (qs.fiscalYear !== undefined) {
    const fy = Number(qs.fiscalYear)
    if (!Number.isInteger(fy) || fy < 1 || fy > 9999)
      throw ApiError.validation('fiscalYear', 'fiscalYear must be 1–9999')
    filters.push('and fiscal_year = :fy')
    bindings.fy = fy
  }
  const where = `organisation_id = :org and building_id = :b ${filters.join(' ')}`
  const [{ total }] = await rows<{ total: string }>(
    `select count(*) as total from accounting_budgets where ${where}`,
    bindings
  )
  const list = await rows(
    `select * from accounting_budgets where ${where} order by fiscal_year desc, created_at desc limit :limit offset :offset`,
    { ...bindings, limit: perPage, offset: (page - 1) * perPage }
  )
  const lines = list.length
    ? await rows(
        `select * from accounting_budget_lines where organisation_id = :org and budget_id = any(:ids) order by kind, account_code`,
        { org: tenant().organisationId, ids: list.map((r) => r.id) }
      )
    : []
  return {
    data: list.map((r) =>
      serializeBudget(
        r,
        lines.filter((l) => l.budget_id === r.id)
      )
    ),
    meta: {
      total: Number(total),
      perPage,
      currentPage: page,
      lastPage: Math.max(1, Math.ceil(Number(total) / perPage)),
    },
  }
}

async function transition(
  ctx: HttpContext,
  id: string,
  from: BudgetStatus,
  to: BudgetStatus,
  set: string,
  bindings: Record<string, unknown> = {}
) {
  const row = await budgetRow(id, true)
  if (row.status !== from) {
    throw ApiError.invalidState(`Budget is ${row.status}; only a ${from} budget can become ${to}`)
  }
  let updated: Record<string, any>
  try {
    ;[updated] = await rows(
      `update accounting_budgets set status = :to, updated_at = now() ${set}
        where id = :id and organisation_id = :org returning *`,
      { ...bindings, to, id, org: tenant().organisationId }
    )
  } catch (error: any) {
    if (error?.code === '23505') {
      throw ApiError.conflict(
        `Another budget is already active for fiscal year ${row.fiscal_year} of this building`
      )
    }
    throw error
  }
  await audit(ctx, {
    action: `accounting.budget.${to}`,
    subjectType: 'accounting_budget',
    subjectId: id,
    metadata: { from, to },
  })
  return serializeBudget(updated, await budgetLines(id))
}

export function voteBudget(
  ctx: HttpContext,
  id: string,
  input: { meetingId?: string | null; votedAt: string }
) {
  return transition(ctx, id, 'draft', 'voted', ', voted_at = :votedAt, meeting_id = :meetingId', {
    votedAt: input.votedAt,
    meetingId: input.meetingId ?? null,
  })
}

export async function activateBudget(ctx: HttpContext, id: string) {
  const row = await budgetRow(id, true)
  if (row.status === 'voted') {
    // Checked before the index so the answer names the conflict (the index still guards races).
    const other = await one(
      `select id from accounting_budgets where organisation_id = :org and building_id = :b
         and fiscal_year = :fy and status = 'active' and id <> :id`,
      { org: tenant().organisationId, b: row.building_id, fy: row.fiscal_year, id }
    )
    if (other) {
      throw ApiError.conflict(
        `Another budget is already active for fiscal year ${row.fiscal_year} of this building`
      )
    }
  }
  return transition(ctx, id, 'voted', 'active', ', activated_at = now()')
}

export function closeBudget(ctx: HttpContext, id: string) {
  return transition(ctx, id, 'active', 'closed', ', closed_at = now()')
}

export async function deleteBudget(ctx: HttpContext, id: string) {
  const row = await budgetRow(id, true)
  if (row.status !== 'draft')
    throw ApiError.invalidState(`Budget is ${row.status}; only a draft can be deleted`)
  await rows(`delete from accounting_budgets where id = :id and organisation_id = :org`, {
    id,
    org: tenant().organisationId,
  })
  await audit(ctx, {
    action: 'accounting.budget.deleted',
    subjectType: 'accounting_budget',
    subjectId: id,
    metadata: { buildingId: row.building_id, fiscalYear: row.fiscal_year },
  })
}
