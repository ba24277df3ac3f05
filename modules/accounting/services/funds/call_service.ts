import type { HttpContext } from '@adonisjs/core/http'
import emitter from '@adonisjs/core/services/emitter'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { pageParams } from '#services/pagination'
import { dispatch } from '#jobs/dispatcher'
import { buildingRow, one, ownerName, rows, tenant } from './db.js'
import { fromCents, money, toCents, toScaled } from '#services/money'
import { percentHundredths, splitByQuota, splitCents } from './split.js'
import {
  formatStructuredCommunication,
  randomStructuredCommunication,
} from './structured_communication.js'
import { fundsToday, isoDate, isoTimestamp } from './clock.js'
import { budgetRow } from './budget_service.js'
import { postJournalEntry } from './ledger_port.js'
import { allocateOwnerCredit } from './payment_service.js'

/*
| Calls for funds (SPEC §6, 2.2). A draft is created with its lines computed per owner
| and lot by the split rule (split.ts): these lines ARE the preview the syndic checks
| before sending. Ownerships current on the creation day count. Sending freezes them:
| it posts D 410 per owner / C 700 (ordinary + consumption) / C 701 (extraordinary)
| and queues the job that renders and e-mails one PDF per owner.
*/
export const PERIODS = ['monthly', 'quarterly', 'yearly', 'one_time'] as const
export type Period = (typeof PERIODS)[number]
export const PERIODS_PER_YEAR: Record<Period, number> = {
  monthly: 12,
  quarterly: 4,
  yearly: 1,
  one_time: 1,
}

export interface ConsumptionLineInput {
  label: string
  amount: number | string
  metric: string
  from: string
  to: string
}

export interface CallInput {
  title: string
  period: Period
  periodStart: string
  dueDate: string
  ordinaryAmount?: number | string | null
  extraordinaryAmount?: number | string | null
  budgetId?: string | null
  consumptionLines?: ConsumptionLineInput[]
}

interface Holder {
  owner_id: string
  unit_id: string
  unit_number: string
  quota: number
  percentage: string
  kind: string
  first_name: string | null
  last_name: string | null
  company_name: string | null
}

export interface ConsumptionDetail {
  label: string
  metric: string
  from: string
  to: string
  quantity: string
  unit: string
  totalQuantity: string
  amount: string
}

export function serializeCallLine(l: Record<string, any>) {
  const outstanding = toCents(l.amount) - toCents(l.paid_amount)
  return {
    id: l.id,
    callId: l.call_id,
    ownerId: l.owner_id,
    ownerName: l.owner_name ?? null,
    unitId: l.unit_id,
    unitNumber: l.unit_number ?? null,
    position: Number(l.position),
    quota: Number(l.quota),
    totalQuota: Number(l.total_quota),
    percentage: money(l.percentage),
    ordinaryAmount: money(l.ordinary_amount),
    extraordinaryAmount: money(l.extraordinary_amount),
    consumptionAmount: money(l.consumption_amount),
    consumption: (l.consumption ?? []) as ConsumptionDetail[],
    amount: money(l.amount),
    paidAmount: money(l.paid_amount),
    outstandingAmount: fromCents(outstanding),
    structuredCommunication: formatStructuredCommunication(l.structured_communication),
    dueDate: isoDate(l.due_date),
    emailedAt: isoTimestamp(l.emailed_at),
    paidAt: isoTimestamp(l.paid_at),
    reminderStep: Number(l.reminder_step),
    bailiffFlaggedAt: isoTimestamp(l.bailiff_flagged_at),
  }
}

export function serializeCall(row: Record<string, any>, lines?: Record<string, any>[]) {
  const total =
    toCents(row.ordinary_amount) +
    toCents(row.extraordinary_amount) +
    toCents(row.consumption_amount)
  const called = toCents(row.called_amount ?? 0)
  const paid = toCents(row.paid_amount ?? 0)
  return {
    id: row.id,
    buildingId: row.building_id,
    budgetId: row.budget_id ?? null,
    title: row.title,
    period: row.period as Period,
    periodStart: isoDate(row.period_start),
    dueDate: isoDate(row.due_date),
    status: row.status as 'draft' | 'sent' | 'overdue' | 'paid',
    ordinaryAmount: money(row.ordinary_amount),
    extraordinaryAmount: money(row.extraordinary_amount),
    consumptionAmount: money(row.consumption_amount),
    consumptionLines: row.consumption_lines ?? [],
    totalAmount: fromCents(total),
    calledAmount: fromCents(called),
    // Quotas without a current owner (or a unit not fully owned) are not called.
    unallocatedAmount: fromCents(total - called),
    paidAmount: fromCents(paid),
    outstandingAmount: fromCents(called - paid),
    linesCount: Number(row.lines_count ?? lines?.length ?? 0),
    ownersCount: Number(row.owners_count ?? 0),
    journalEntryId: row.journal_entry_id ?? null,
    bookedOn: isoDate(row.booked_on),
    sentAt: isoTimestamp(row.sent_at),
    paidAt: isoTimestamp(row.paid_at),
    delivery: row.delivery_status
      ? {
          status: row.delivery_status,
          total: Number(row.delivery_total),
          done: Number(row.delivery_done),
          failed: Number(row.delivery_failed),
        }
      : null,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
    ...(lines ? { lines: lines.map(serializeCallLine) } : {}),
  }
}

const CALL_SELECT = `select c.*,
  (select coalesce(sum(l.amount), 0) from accounting_call_lines l where l.organisation_id = c.organisation_id and l.call_id = c.id) as called_amount,
  (select coalesce(sum(l.paid_amount), 0) from accounting_call_lines l where l.organisation_id = c.organisation_id and l.call_id = c.id) as paid_amount,
  (select count(*) from accounting_call_lines l where l.organisation_id = c.organisation_id and l.call_id = c.id) as lines_count,
  (select count(distinct l.owner_id) from accounting_call_lines l where l.organisation_id = c.organisation_id and l.call_id = c.id) as owners_count
  from accounting_calls_for_funds c`

export async function callRow(id: string, lock = false) {
  if (lock) {
    const locked = await one(
      `select id from accounting_calls_for_funds where id = :id and organisation_id = :org for update`,
      { id, org: tenant().organisationId }
    )
    if (!locked) throw ApiError.notFound('Call for funds not found')
  }
  const row = await one(`${CALL_SELECT} where c.id = :id and c.organisation_id = :org`, {
    id,
    org: tenant().organisationId,
  })
  if (!row) throw ApiError.notFound('Call for funds not found')
  return row
}

export async function callLines(callId: string, ownerId?: string) {
  return rows(
    `select l.*, u.number as unit_number, o.kind, o.first_name, o.last_name, o.company_name,
            case when o.kind = 'company' then o.company_name else concat_ws(' ', o.first_name, o.last_name) end as owner_name
       from accounting_call_lines l
       join units u on u.organisation_id = l.organisation_id and u.id = l.unit_id
       join owners o on o.organisation_id = l.organisation_id and o.id = l.owner_id
      where l.organisation_id = :org and l.call_id = :id ${ownerId ? 'and l.owner_id = :owner' : ''}
      order by l.position`,
    { org: tenant().organisationId, id: callId, ...(ownerId ? { owner: ownerId } : {}) }
  )
}

export async function showCall(id: string) {
  const row = await callRow(id)
  return serializeCall(row, await callLines(id))
}

/** Current holders (owner × lot) of the building on `date`, in document order. */
export async function currentHolders(buildingId: string, date: string): Promise<Holder[]> {
  return rows<Holder>(
    `select uo.owner_id, uo.unit_id, u.number as unit_number, u.quota, sum(uo.percentage)::text as percentage,
            o.kind, o.first_name, o.last_name, o.company_name
       from unit_owners uo
       join units u on u.organisation_id = uo.organisation_id and u.id = uo.unit_id
       join owners o on o.organisation_id = uo.organisation_id and o.id = uo.owner_id
      where uo.organisation_id = :org and u.building_id = :b
        and uo.start_date <= :d
        and (uo.end_date is null or (uo.end_date > :d and uo.end_date > uo.start_date))
      group by uo.owner_id, uo.unit_id, u.number, u.quota, o.kind, o.first_name, o.last_name, o.company_name
      order by u.number collate natural_sort, uo.unit_id, o.last_name nulls last, o.company_name nulls last, uo.owner_id`,
    { org: tenant().organisationId, b: buildingId, d: date }
  )
}

/** Amounts from a budget: its yearly amounts ÷ periods per year, the last periods absorbing the cents. */
export function amountsFromBudget(
  budget: { ordinary_amount: string; extraordinary_amount: string },
  period: Period,
  periodIndex: number
) {
  const n = PERIODS_PER_YEAR[period]
  const equal = Array.from({ length: n }, () => 1n)
  const ord = splitCents(toCents(budget.ordinary_amount), equal, BigInt(n))[periodIndex]
  const ext = splitCents(toCents(budget.extraordinary_amount), equal, BigInt(n))[periodIndex]
  return { ordinary: ord, extraordinary: ext }
}

/** 0-based position of the period starting on `periodStart` within the budget's fiscal year. */
export function periodIndexInYear(
  periodStart: string,
  fiscalYear: number,
  startMonth: number,
  period: Period
) {
  const [y, m] = periodStart.split('-').map(Number)
  const monthsIn = (y - fiscalYear) * 12 + (m - startMonth)
  if (monthsIn < 0 || monthsIn > 11) return null
  const monthsPerPeriod = 12 / PERIODS_PER_YEAR[period]
  return Math.floor(monthsIn / monthsPerPeriod)
}

type ConsumptionShares = (input: {
  buildingId: string
  metric: string
  from: string
  to: string
}) => Promise<{ unitId: string; quantity: string; unit: string }[]>

async function consumptionSource(): Promise<ConsumptionShares> {
  // The iot module's public surface (SPEC §9); loaded lazily so accounting works without it.
  const iot: Record<string, unknown> = await import('#modules/iot/index')
  const fn = iot.unitConsumptionShares
  if (typeof fn !== 'function') {
    throw ApiError.validation(
      'consumptionLines',
      'Consumption readings are not available (iot module)'
    )
  }
  return fn as ConsumptionShares
}

export interface ComputedLine {
  holder: Holder
  position: number
  ordinary: bigint
  extraordinary: bigint
  consumption: bigint
  details: ConsumptionDetail[]
}

/** The split of a call over the building's holders (pure except for reading consumption). */
export async function computeLines(
  building: { id: string; total_quota: number },
  holders: Holder[],
  ordinary: bigint,
  extraordinary: bigint,
  consumptionLines: ConsumptionLineInput[] = []
): Promise<ComputedLine[]> {
  const quotaHolders = holders.map((h) => ({ quota: Number(h.quota), percentage: h.percentage }))
  const ord = splitByQuota(ordinary, quotaHolders, building.total_quota)
  const ext = splitByQuota(extraordinary, quotaHolders, building.total_quota)
  const consumption = holders.map(() => 0n)
  const details: ConsumptionDetail[][] = holders.map(() => [])
  if (consumptionLines.length) {
    const shares = await consumptionSource()
    for (const [index, line] of consumptionLines.entries()) {
      const list = await shares({
        buildingId: building.id,
        metric: line.metric,
        from: line.from,
        to: line.to,
      })
      const byUnit = new Map(list.map((s) => [s.unitId, s]))
      const totalQty = list.reduce((a, s) => a + toScaled(s.quantity, 6), 0n)
      if (totalQty <= 0n) {
        throw ApiError.validation(
          `consumptionLines.${index}.metric`,
          `No consumption recorded for ${line.metric} in this period`
        )
      }
      const weights = holders.map((h) => {
        const s = byUnit.get(h.unit_id)
        return s ? toScaled(s.quantity, 6) * percentHundredths(h.percentage) : 0n
      })
      // A unit's share then the owner's percentage: one exact ratio over Σ quantities × 100 %.
      const parts = splitCents(toCents(line.amount), weights, totalQty * 10000n)
      const unitName = list[0]?.unit ?? ''
      holders.forEach((h, i) => {
        const s = byUnit.get(h.unit_id)
        if (!s) return
        consumption[i] += parts[i]
        details[i].push({
          label: line.label,
          metric: line.metric,
          from: line.from,
          to: line.to,
          quantity: s.quantity,
          unit: s.unit ?? unitName,
          totalQuantity: (Number(totalQty) / 1e6).toString(),
          amount: fromCents(parts[i]),
        })
      })
    }
  }
  return holders.map((holder, i) => ({
    holder,
    position: i + 1,
    ordinary: ord[i],
    extraordinary: ext[i],
    consumption: consumption[i],
    details: details[i],
  }))
}

export async function insertLines(
  callId: string,
  building: { total_quota: number },
  dueDate: string,
  computed: ComputedLine[]
) {
  const { organisationId } = tenant()
  // One structured communication per owner and call: the owner pays the call in one transfer.
  const communications = new Map<string, string>()
  for (const line of computed) {
    if (!communications.has(line.holder.owner_id)) {
      let c = randomStructuredCommunication()
      while ([...communications.values()].includes(c)) c = randomStructuredCommunication()
      communications.set(line.holder.owner_id, c)
    }
  }
  const cols = 14
  for (let start = 0; start < computed.length; start += 500) {
    const chunk = computed.slice(start, start + 500)
    const values: unknown[] = []
    for (const line of chunk) {
      values.push(
        organisationId,
        callId,
        line.holder.owner_id,
        line.holder.unit_id,
        line.position,
        line.holder.quota,
        building.total_quota,
        line.holder.percentage,
        fromCents(line.ordinary),
        fromCents(line.extraordinary),
        fromCents(line.consumption),
        JSON.stringify(line.details),
        fromCents(line.ordinary + line.extraordinary + line.consumption),
        communications.get(line.holder.owner_id)!
      )
    }
    const placeholders = chunk
      .map(() => `(${Array.from({ length: cols }, () => '?').join(', ')}, ?::date)`)
      .join(', ')
    await tenant().trx.rawQuery(
      `insert into accounting_call_lines
        (organisation_id, call_id, owner_id, unit_id, position, quota, total_quota, percentage,
         ordinary_amount, extraordinary_amount, consumption_amount, consumption, amount, structured_communication, due_date)
       values ${placeholders}`,
      chunk.flatMap((_, i) => [...values.slice(i * cols, (i + 1) * cols), dueDate]) as any
    )
  }
}

export async function createCall(ctx: HttpContext | null, buildingId: string, input: CallInput) {
  const building = await buildingRow(buildingId)
  if (input.dueDate < input.periodStart && input.period === 'one_time') {
    // A one-time call may be due before its "period" starts; nothing to check.
  }
  let ordinary =
    input.ordinaryAmount === undefined || input.ordinaryAmount === null
      ? null
      : toCents(input.ordinaryAmount)
  let extraordinary =
    input.extraordinaryAmount === undefined || input.extraordinaryAmount === null
      ? null
      : toCents(input.extraordinaryAmount)
  let budgetId: string | null = null
  if (input.budgetId) {
    let budget: Record<string, any>
    try {
      budget = await budgetRow(input.budgetId)
    } catch {
      throw ApiError.validation('budgetId', 'Budget not found')
    }
    if (budget.building_id !== building.id)
      throw ApiError.validation('budgetId', 'The budget belongs to another building')
    if (budget.status === 'draft' || budget.status === 'closed') {
      throw ApiError.invalidState(
        `Budget is ${budget.status}: calls are made from a voted or active budget`
      )
    }
    budgetId = budget.id
    if (ordinary === null && extraordinary === null) {
      const index =
        input.period === 'one_time' || input.period === 'yearly'
          ? 0
          : periodIndexInYear(
              input.periodStart,
              Number(budget.fiscal_year),
              building.fiscal_year_start_month,
              input.period
            )
      if (index === null) {
        throw ApiError.validation(
          'periodStart',
          `periodStart is outside fiscal year ${budget.fiscal_year} of the budget`
        )
      }
      const amounts = amountsFromBudget(budget as any, input.period, index)
      ordinary = amounts.ordinary
      extraordinary = amounts.extraordinary
    }
  }
  if (ordinary === null && extraordinary === null && !input.consumptionLines?.length) {
    throw ApiError.validation(
      'ordinaryAmount',
      'ordinaryAmount or extraordinaryAmount is required (or a budgetId)'
    )
  }
  ordinary ??= 0n
  extraordinary ??= 0n
  const consumptionTotal = (input.consumptionLines ?? []).reduce(
    (a, l) => a + toCents(l.amount),
    0n
  )
  if (ordinary + extraordinary + consumptionTotal <= 0n) {
    throw ApiError.validation('ordinaryAmount', 'The call must ask for a positive amount')
  }
  const holders = await currentHolders(building.id, fundsToday())
  if (!holders.length)
    throw ApiError.validation('buildingId', 'The building has no current co-owner to call')
  const computed = await computeLines(
    building,
    holders,
    ordinary,
    extraordinary,
    input.consumptionLines ?? []
  )

  const { organisationId } = tenant()
  const [call] = await rows(
    `insert into accounting_calls_for_funds
       (organisation_id, building_id, budget_id, title, period, period_start, due_date,
        ordinary_amount, extraordinary_amount, consumption_amount, consumption_lines)
     values (:org, :b, :budget, :title, :period, :start, :due, :ord, :ext, :cons, :lines) returning id`,
    {
      org: organisationId,
      b: building.id,
      budget: budgetId,
      title: input.title,
      period: input.period,
      start: input.periodStart,
      due: input.dueDate,
      ord: fromCents(ordinary),
      ext: fromCents(extraordinary),
      cons: fromCents(consumptionTotal),
      lines: JSON.stringify(
        (input.consumptionLines ?? []).map((l) => ({ ...l, amount: money(l.amount) }))
      ),
    }
  )
  await insertLines(call.id, building, input.dueDate, computed)
  if (ctx !== null) {
    await audit(ctx, {
      action: 'accounting.call_for_funds.created',
      subjectType: 'accounting_call_for_funds',
      subjectId: call.id,
      metadata: {
        buildingId: building.id,
        total: fromCents(ordinary + extraordinary + consumptionTotal),
      },
    })
  }
  return call.id as string
}

export async function listCalls(ctx: HttpContext, buildingId: string) {
  await buildingRow(buildingId)
  const qs = ctx.request.qs()
  const { page, perPage } = pageParams(ctx)
  const bindings: Record<string, unknown> = { org: tenant().organisationId, b: buildingId }
  let filter = ''
  if (qs.status !== undefined) {
    if (!['draft', 'sent', 'overdue', 'paid'].includes(qs.status)) {
      throw ApiError.validation('status', 'status must be one of draft, sent, overdue, paid')
    }
    filter = 'and c.status = :status'
    bindings.status = qs.status
  }
  const where = `c.organisation_id = :org and c.building_id = :b ${filter}`
  const [{ total }] = await rows<{ total: string }>(
    `select count(*) as total from accounting_calls_for_funds c where ${where}`,
    bindings
  )
  const list = await rows(
    `${CALL_SELECT} where ${where} order by c.period_start desc, c.created_at desc limit :limit offset :offset`,
    { ...bindings, limit: perPage, offset: (page - 1) * perPage }
  )
  return {
    data: list.map((r) => serializeCall(r)),
    meta: {
      total: Number(total),
      perPage,
      currentPage: page,
      lastPage: Math.max(1, Math.ceil(Number(total) / perPage)),
    },
  }
}

export async function deleteCall(ctx: HttpContext, id: string) {
  const row = await callRow(id, true)
  if (row.status !== 'draft')
    throw ApiError.invalidState(`Call for funds is ${row.status}; only a draft can be deleted`)
  await rows(`delete from accounting_calls_for_funds where id = :id and organisation_id = :org`, {
    id,
    org: tenant().organisationId,
  })
  await audit(ctx, {
    action: 'accounting.call_for_funds.deleted',
    subjectType: 'accounting_call_for_funds',
    subjectId: id,
    metadata: { buildingId: row.building_id, title: row.title },
  })
}

/** Journal lines of a call: D 410 per owner, C 700 ordinary (+ consumption), C 701 extraordinary. */
export function callPosting(call: Record<string, any>, lines: Record<string, any>[]) {
  const byOwner = new Map<string, { cents: bigint; name: string }>()
  let c700 = 0n
  let c701 = 0n
  for (const l of lines) {
    const entry = byOwner.get(l.owner_id) ?? { cents: 0n, name: ownerName(l) }
    entry.cents += toCents(l.amount)
    byOwner.set(l.owner_id, entry)
    c700 += toCents(l.ordinary_amount) + toCents(l.consumption_amount)
    c701 += toCents(l.extraordinary_amount)
  }
  const posting: {
    accountCode: string
    debit?: string
    credit?: string
    ownerId?: string
    description?: string
  }[] = []
  for (const [ownerId, { cents, name }] of byOwner) {
    // No names in the ledger's free text: the owner is the line's ownerId (GDPR erase
    // anonymises the owner row; the ledger is kept 7 years).
    void name
    if (cents > 0n)
      posting.push({
        accountCode: '410',
        debit: fromCents(cents),
        ownerId,
        description: call.title,
      })
  }
  if (c700 > 0n)
    posting.push({ accountCode: '700', credit: fromCents(c700), description: call.title })
  if (c701 > 0n)
    posting.push({ accountCode: '701', credit: fromCents(c701), description: call.title })
  return posting
}

export async function sendCall(
  ctx: HttpContext | null,
  id: string,
  opts: { deliver?: boolean } = {}
) {
  const call = await callRow(id, true)
  if (call.status !== 'draft')
    throw ApiError.invalidState(`Call for funds is ${call.status}; only a draft can be sent`)
  const settings = await one(
    `select iban from accounting_funds_settings where organisation_id = :org and building_id = :b`,
    { org: tenant().organisationId, b: call.building_id }
  )
  if (!settings?.iban) {
    throw ApiError.validation(
      'iban',
      "Set the building's bank account (IBAN) before sending a call for funds"
    )
  }
  const lines = await callLines(id)
  if (!lines.length) throw ApiError.validation('lines', 'The call has no line to send')
  const today = fundsToday()
  const entry = await postJournalEntry({
    buildingId: call.building_id,
    date: today,
    journal: 'sales',
    type: 'call_for_funds',
    description: `Appel de fonds: ${call.title}`.slice(0, 500),
    lines: callPosting(call, lines),
    source: { type: 'accounting_call_for_funds', id },
  })
  const owners = new Set(lines.map((l) => l.owner_id))
  await rows(
    `update accounting_calls_for_funds
        set status = 'sent', booked_on = :today, sent_at = now(), journal_entry_id = :entry,
            delivery_status = :delivery, delivery_total = :total, delivery_done = 0, delivery_failed = 0, updated_at = now()
      where id = :id and organisation_id = :org`,
    {
      today,
      entry: entry.id,
      total: owners.size,
      id,
      org: tenant().organisationId,
      delivery: opts.deliver === false ? null : 'queued',
    }
  )
  // Money already paid in advance (unallocated) settles the new lines right away.
  for (const ownerId of owners) await allocateOwnerCredit(call.building_id, ownerId)
  await refreshCallStatus(id)
  const { organisationId } = tenant()
  // deliver: false (demo data, imports) posts without e-mailing anyone.
  if (opts.deliver !== false) {
    await dispatch(
      'accounting.send_call_for_funds',
      { organisationId, callId: id },
      { jobId: `call_for_funds:${id}:send` }
    )
  }
  if (ctx) {
    await audit(ctx, {
      action: 'accounting.call_for_funds.sent',
      subjectType: 'accounting_call_for_funds',
      subjectId: id,
      metadata: { journalEntryId: entry.id, number: entry.number, owners: owners.size },
    })
  }
  void emitter.emit('accounting:call_for_funds.sent' as any, { organisationId, callId: id } as any)
  return showCall(id)
}

/** sent/overdue → paid when every line is paid (and back when a payment is undone). */
export async function refreshCallStatus(id: string) {
  const today = fundsToday()
  await rows(
    `update accounting_calls_for_funds c set
        status = case
          when not exists (select 1 from accounting_call_lines l where l.organisation_id = c.organisation_id
                             and l.call_id = c.id and l.paid_amount < l.amount) then 'paid'
          when c.due_date < :today then 'overdue'
          else 'sent' end,
        paid_at = case
          when not exists (select 1 from accounting_call_lines l where l.organisation_id = c.organisation_id
                             and l.call_id = c.id and l.paid_amount < l.amount) then coalesce(c.paid_at, now())
          else null end,
        updated_at = now()
      where c.id = :id and c.organisation_id = :org and c.status <> 'draft'`,
    { id, org: tenant().organisationId, today }
  )
}
