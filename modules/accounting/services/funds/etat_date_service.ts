import { ApiError } from '#exceptions/api_error'
import { buildingRow, one, ownerName, rows, tenant } from './db.js'
import { divRoundHalfUp, fromCents, money, toCents } from '#services/money'
import { accountBalances } from './ledger_port.js'
import { ownerBalance as ownerBalanceOf } from './payment_service.js'

/*
| Financial part of the état daté (art. 3.94 Civil Code), for the legal module: runs
| inside the caller's tenant transaction, reads only. Amounts as of `asOf`: calls booked
| up to that day, payments dated up to that day.
*/
export interface EtatDateFinancials {
  ownerBalance: { ownerId: string; name: string; balance: string }[]
  provisions: { ordinary: string; extraordinary: string; period: string } | null
  balanceDue: string
  worksVotedNotCalled: { description: string; amount: string }[]
  chargesHistory: { fiscalYear: number; ordinary: string; extraordinary: string }[]
  reserveFund: { total: string; unitShare: string }
}

export async function etatDateFinancials(input: {
  buildingId: string
  unitId: string
  asOf: string
}): Promise<EtatDateFinancials> {
  const org = tenant().organisationId
  const building = await buildingRow(input.buildingId)
  const unit = await one(
    `select * from units where id = :id and organisation_id = :org and building_id = :b`,
    {
      id: input.unitId,
      org,
      b: building.id,
    }
  )
  if (!unit) throw ApiError.notFound('Unit not found')
  const asOf = input.asOf

  // Owners of the unit on asOf and what each owes in this building.
  const owners = await rows(
    `select distinct o.* from unit_owners uo join owners o on o.organisation_id = uo.organisation_id and o.id = uo.owner_id
      where uo.organisation_id = :org and uo.unit_id = :u and uo.start_date <= :d
        and (uo.end_date is null or (uo.end_date > :d and uo.end_date > uo.start_date))`,
    { org, u: unit.id, d: asOf }
  )
  const ownerBalance = []
  for (const o of owners) {
    // Same figure as GET /owners/:id/balance (calls, payments and other 410 entries) as of asOf.
    const balance = await ownerBalanceOf(o.id, asOf)
    const here = balance.buildings.find((b) => b.buildingId === building.id)
    ownerBalance.push({ ownerId: o.id, name: ownerName(o), balance: here?.balance ?? '0.00' })
  }

  // What remains due on the unit's own lines (allocations of payments dated ≤ asOf).
  const [due] = await rows<{ total: string }>(
    `select coalesce(sum(l.amount - coalesce((select sum(a.amount) from accounting_payment_allocations a
                join accounting_payments p on p.organisation_id = a.organisation_id and p.id = a.payment_id
               where a.organisation_id = l.organisation_id and a.call_line_id = l.id and p.date <= :d), 0)), 0)::text as total
       from accounting_call_lines l
       join accounting_calls_for_funds c on c.organisation_id = l.organisation_id and c.id = l.call_id
      where l.organisation_id = :org and l.unit_id = :u and c.status <> 'draft' and c.booked_on <= :d`,
    { org, u: unit.id, d: asOf }
  )

  // Current periodic provision: the unit's share of the latest periodic call booked by asOf.
  const latest = await one(
    `select c.id, c.period from accounting_calls_for_funds c
      where c.organisation_id = :org and c.building_id = :b and c.status <> 'draft' and c.booked_on <= :d
        and c.period <> 'one_time'
        and exists (select 1 from accounting_call_lines l where l.organisation_id = c.organisation_id and l.call_id = c.id and l.unit_id = :u)
      order by c.period_start desc, c.booked_on desc limit 1`,
    { org, b: building.id, d: asOf, u: unit.id }
  )
  let provisions: EtatDateFinancials['provisions'] = null
  if (latest) {
    const [sum] = await rows<{ ord: string; ext: string }>(
      `select coalesce(sum(ordinary_amount + consumption_amount), 0)::text as ord, coalesce(sum(extraordinary_amount), 0)::text as ext
         from accounting_call_lines where organisation_id = :org and call_id = :c and unit_id = :u`,
      { org, c: latest.id, u: unit.id }
    )
    provisions = { ordinary: money(sum.ord), extraordinary: money(sum.ext), period: latest.period }
  }

  // Extraordinary amounts voted in budgets (voted/active) not yet called, the unit's share.
  const voted = await rows(
    `select b.id, b.fiscal_year, b.extraordinary_amount, b.notes,
            coalesce((select sum(c.extraordinary_amount) from accounting_calls_for_funds c
                       where c.organisation_id = b.organisation_id and c.budget_id = b.id and c.status <> 'draft' and c.booked_on <= :d), 0)::text as called
       from accounting_budgets b
      where b.organisation_id = :org and b.building_id = :bld and b.status in ('voted', 'active')
        and (b.voted_at is null or b.voted_at <= :d)`,
    { org, bld: building.id, d: asOf }
  )
  const worksVotedNotCalled = voted
    .map((b) => {
      const left = toCents(b.extraordinary_amount) - toCents(b.called)
      if (left <= 0n) return null
      const share = divRoundHalfUp(left * BigInt(unit.quota), BigInt(building.total_quota))
      return {
        description: `Budget ${b.fiscal_year} – extraordinary${b.notes ? `: ${String(b.notes).slice(0, 120)}` : ''}`,
        amount: fromCents(share),
      }
    })
    .filter((x): x is { description: string; amount: string } => x !== null)

  // Charges called for the unit over the last 3 complete fiscal years (by period start).
  const startMonth = building.fiscal_year_start_month
  const [y, m] = asOf.split('-').map(Number)
  const currentFy = m >= startMonth ? y : y - 1
  const chargesHistory = []
  for (const fy of [currentFy - 3, currentFy - 2, currentFy - 1]) {
    const from = new Date(Date.UTC(fy, startMonth - 1, 1)).toISOString().slice(0, 10)
    const to = new Date(Date.UTC(fy + 1, startMonth - 1, 0)).toISOString().slice(0, 10)
    const [sum] = await rows<{ ord: string; ext: string }>(
      `select coalesce(sum(l.ordinary_amount + l.consumption_amount), 0)::text as ord, coalesce(sum(l.extraordinary_amount), 0)::text as ext
         from accounting_call_lines l join accounting_calls_for_funds c on c.organisation_id = l.organisation_id and c.id = l.call_id
        where l.organisation_id = :org and l.unit_id = :u and c.status <> 'draft' and c.period_start between :from and :to`,
      { org, u: unit.id, from, to }
    )
    chargesHistory.push({ fiscalYear: fy, ordinary: money(sum.ord), extraordinary: money(sum.ext) })
  }

  // Reserve fund: credit balance of 160 in the ledger; the unit's share by quota.
  const reserve = await accountBalances({ buildingId: building.id, asOf, accountPrefix: '160' })
  const reserveTotal = -toCents(reserve.totals.balance)
  const unitShare = divRoundHalfUp(reserveTotal * BigInt(unit.quota), BigInt(building.total_quota))

  return {
    ownerBalance,
    provisions,
    balanceDue: money(due.total),
    worksVotedNotCalled,
    chargesHistory,
    reserveFund: { total: fromCents(reserveTotal), unitShare: fromCents(unitShare) },
  }
}
