import { notify } from '#services/notification_service'
import { buildingRow, rows, tenant } from './db.js'
import { budgetLines, budgetRow } from './budget_service.js'
import { fromCents, toCents } from '#services/money'
import { splitCents } from './split.js'
import { alertLevel, consumedPercent, variancePercent } from './variance.js'
import { accountBalances } from './ledger_port.js'
import { fundsToday } from './clock.js'

/*
| Budget vs actual (issue #7): per month of the fiscal year and per budget line, the
| actual coming from the ledger (class 6 charges: debit − credit of the month; a line
| covers every account whose code starts with its code). Budgeted per month = the
| yearly amount split over 12 by the largest-remainder rule (the months sum exactly).
*/
function monthBounds(fiscalYear: number, startMonth: number) {
  return Array.from({ length: 12 }, (_, i) => {
    const first = new Date(Date.UTC(fiscalYear, startMonth - 1 + i, 1))
    const last = new Date(Date.UTC(fiscalYear, startMonth + i, 0))
    return {
      month: first.toISOString().slice(0, 7),
      from: first.toISOString().slice(0, 10),
      to: last.toISOString().slice(0, 10),
    }
  })
}

const twelve = Array.from({ length: 12 }, () => 1n)

export async function budgetVariance(id: string) {
  const budget = await budgetRow(id)
  const lines = await budgetLines(id)
  const building = await buildingRow(budget.building_id)
  const months = monthBounds(Number(budget.fiscal_year), building.fiscal_year_start_month)
  const yearFrom = months[0].from
  const yearTo = months[11].to

  // The ledger's class-6 balances month by month. One after the other: they all run on
  // the tenant transaction's single connection, which cannot run queries in parallel.
  const perMonth: Awaited<ReturnType<typeof accountBalances>>[] = []
  for (const m of months) {
    perMonth.push(
      await accountBalances({
        buildingId: budget.building_id,
        from: m.from,
        asOf: m.to,
        accountPrefix: '6',
        excludeClosing: true,
      })
    )
  }
  const charge = (monthIndex: number, prefix: string) =>
    perMonth[monthIndex].accounts
      .filter((a) => a.accountCode.startsWith(prefix))
      .reduce((sum, a) => sum + toCents(a.balance), 0n)

  const totalBudget = toCents(budget.ordinary_amount) + toCents(budget.extraordinary_amount)
  const budgetByMonth = splitCents(toCents(budget.ordinary_amount), twelve, 12n).map(
    (v, i) => v + splitCents(toCents(budget.extraordinary_amount), twelve, 12n)[i]
  )
  let cumulativeBudget = 0n
  let cumulativeActual = 0n
  const monthRows = months.map((m, i) => {
    const actual = charge(i, '6')
    cumulativeBudget += budgetByMonth[i]
    cumulativeActual += actual
    return {
      month: m.month,
      from: m.from,
      to: m.to,
      budgeted: fromCents(budgetByMonth[i]),
      actual: fromCents(actual),
      variancePercent: variancePercent(fromCents(actual), fromCents(budgetByMonth[i])),
      cumulativeBudgeted: fromCents(cumulativeBudget),
      cumulativeActual: fromCents(cumulativeActual),
    }
  })

  const lineRows = lines.map((l) => {
    const perMonthBudget = splitCents(toCents(l.amount), twelve, 12n)
    const monthly = months.map((m, i) => {
      const actual = charge(i, l.account_code)
      return { month: m.month, budgeted: fromCents(perMonthBudget[i]), actual: fromCents(actual) }
    })
    const actual = monthly.reduce((a, m) => a + toCents(m.actual), 0n)
    const level = alertLevel(fromCents(actual), l.amount)
    return {
      id: l.id,
      accountCode: l.account_code,
      kind: l.kind,
      budgeted: fromCents(toCents(l.amount)),
      actual: fromCents(actual),
      variancePercent: variancePercent(fromCents(actual), l.amount),
      consumedPercent: consumedPercent(fromCents(actual), l.amount),
      alert: level === 100 ? 'over_budget' : level === 90 ? 'warning' : null,
      months: monthly,
    }
  })

  const totalActual = monthRows.reduce((a, m) => a + toCents(m.actual), 0n)
  // The year so far (months started by today): what the syndic compares mid-year.
  const today = fundsToday()
  const elapsed = monthRows.filter((m) => m.from <= today)
  const budgetedToDate = elapsed.reduce((a, m) => a + toCents(m.budgeted), 0n)
  const actualToDate = elapsed.reduce((a, m) => a + toCents(m.actual), 0n)
  return {
    budgetId: budget.id,
    buildingId: budget.building_id,
    fiscalYear: Number(budget.fiscal_year),
    from: yearFrom,
    to: yearTo,
    totals: {
      budgeted: fromCents(totalBudget),
      actual: fromCents(totalActual),
      variancePercent: variancePercent(fromCents(totalActual), fromCents(totalBudget)),
    },
    toDate: {
      asOf: today < yearTo ? today : yearTo,
      months: elapsed.length,
      budgeted: fromCents(budgetedToDate),
      actual: fromCents(actualToDate),
      variancePercent: variancePercent(fromCents(actualToDate), fromCents(budgetedToDate)),
    },
    months: monthRows,
    lines: lineRows,
    alerts: lineRows
      .filter((l) => l.alert)
      .map((l) => ({
        lineId: l.id,
        accountCode: l.accountCode,
        level: l.alert as 'over_budget' | 'warning',
        budgeted: l.budgeted,
        actual: l.actual,
        consumedPercent: l.consumedPercent,
      })),
  }
}

/**
 * Notifies the syndics (admin + syndic) once per line when it passes 90 % and once
 * when it passes 100 % of its budget (active budgets; `alert_level` remembers what
 * was sent). Returns the alerts sent.
 */
export async function checkBudgetAlerts(budgetIds?: string[]) {
  const org = tenant().organisationId
  const budgets = await rows(
    `select b.id, b.fiscal_year, bl.name as building_name, b.building_id from accounting_budgets b
       join buildings bl on bl.organisation_id = b.organisation_id and bl.id = b.building_id
      where b.organisation_id = :org and b.status = 'active' ${budgetIds?.length ? 'and b.id = any(:ids)' : ''}`,
    { org, ...(budgetIds?.length ? { ids: budgetIds } : {}) }
  )
  if (!budgets.length) return []
  const staff = await rows<{ user_id: string }>(
    `select user_id from memberships where organisation_id = :org and role in ('admin', 'syndic')`,
    { org }
  )
  const sent: { budgetId: string; accountCode: string; level: number }[] = []
  for (const b of budgets) {
    const variance = await budgetVariance(b.id)
    for (const line of variance.lines) {
      const level = line.alert === 'over_budget' ? 100 : line.alert === 'warning' ? 90 : 0
      if (!level) continue
      const updated = await rows(
        `update accounting_budget_lines set alert_level = :level where id = :id and organisation_id = :org and alert_level < :level returning id`,
        { level, id: line.id, org }
      )
      if (!updated.length) continue
      await notify({
        userIds: staff.map((s) => s.user_id),
        type: level === 100 ? 'accounting.budget_over' : 'accounting.budget_warning',
        title:
          level === 100
            ? `${b.building_name} ${b.fiscal_year}: ${line.accountCode} over budget (${line.consumedPercent} %)`
            : `${b.building_name} ${b.fiscal_year}: ${line.accountCode} at ${line.consumedPercent} % of its budget`,
        body: `${line.actual} / ${line.budgeted} EUR`,
        url: `/app/accounting/budgets/${b.id}`,
        data: { budgetId: b.id, lineId: line.id, level },
      })
      sent.push({ budgetId: b.id, accountCode: line.accountCode, level })
    }
  }
  return sent
}
