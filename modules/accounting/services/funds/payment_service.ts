import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { pageParams } from '#services/pagination'
import { buildingRow, one, ownerName, rows, tenant } from './db.js'
import { fromCents, money, toCents } from '#services/money'
import { fundsToday, isoDate, isoTimestamp } from './clock.js'
import { postJournalEntry } from './ledger_port.js'
import { refreshCallStatus } from './call_service.js'

/*
| Payments (SPEC §6): D 550 / C 410 (owner), allocated to the owner's oldest open lines
| of the building (due date, then call, then lot). What is not needed stays as the
| owner's credit (`unallocated_amount`) and settles the next call when it is sent.
*/
export const METHODS = ['transfer', 'sepa_direct_debit', 'card', 'cash'] as const
export type PaymentMethod = (typeof METHODS)[number]

export interface PaymentInput {
  ownerId: string
  amount: number | string
  date: string
  method: PaymentMethod
  reference?: string | null
}

export function serializePayment(
  row: Record<string, any>,
  allocations: Record<string, any>[] = []
) {
  return {
    id: row.id,
    buildingId: row.building_id,
    ownerId: row.owner_id,
    ownerName: row.owner_name ?? null,
    amount: money(row.amount),
    date: isoDate(row.date),
    method: row.method as PaymentMethod,
    reference: row.reference ?? null,
    allocatedAmount: fromCents(toCents(row.amount) - toCents(row.unallocated_amount)),
    unallocatedAmount: money(row.unallocated_amount),
    journalEntryId: row.journal_entry_id ?? null,
    online: !!row.stripe_session_id,
    createdAt: isoTimestamp(row.created_at),
    allocations: allocations.map((a) => ({
      callLineId: a.call_line_id,
      callId: a.call_id ?? null,
      callTitle: a.call_title ?? null,
      amount: money(a.amount),
    })),
  }
}

export async function ownerRow(id: string) {
  const row = await one(`select * from owners where id = :id and organisation_id = :org`, {
    id,
    org: tenant().organisationId,
  })
  if (!row) throw ApiError.notFound('Owner not found')
  return row
}

/**
 * Matches the owner's unallocated payments (oldest first) with their open lines in the
 * building (oldest due first), inside the caller's transaction. Returns touched calls.
 */
export async function allocateOwnerCredit(buildingId: string, ownerId: string) {
  const org = tenant().organisationId
  const payments = await rows(
    `select id, unallocated_amount from accounting_payments
      where organisation_id = :org and building_id = :b and owner_id = :o and unallocated_amount > 0
      order by date, created_at for update`,
    { org, b: buildingId, o: ownerId }
  )
  if (!payments.length) return new Set<string>()
  const lines = await rows(
    `select l.id, l.call_id, l.amount, l.paid_amount from accounting_call_lines l
       join accounting_calls_for_funds c on c.organisation_id = l.organisation_id and c.id = l.call_id
      where l.organisation_id = :org and c.building_id = :b and l.owner_id = :o
        and c.status in ('sent', 'overdue') and l.paid_amount < l.amount
      order by l.due_date, c.booked_on, c.created_at, l.position
      for update of l`,
    { org, b: buildingId, o: ownerId }
  )
  const touched = new Set<string>()
  let li = 0
  for (const payment of payments) {
    let left = toCents(payment.unallocated_amount)
    while (left > 0n && li < lines.length) {
      const line = lines[li]
      const open = toCents(line.amount) - toCents(line.paid_amount)
      const take = left < open ? left : open
      await rows(
        `insert into accounting_payment_allocations (organisation_id, payment_id, call_line_id, amount)
         values (:org, :p, :l, :a)`,
        { org, p: payment.id, l: line.id, a: fromCents(take) }
      )
      const paid = toCents(line.paid_amount) + take
      line.paid_amount = fromCents(paid)
      await rows(
        `update accounting_call_lines set paid_amount = :paid,
            paid_at = case when cast(:paid as numeric) >= amount then now() else null end
          where id = :id and organisation_id = :org`,
        { paid: fromCents(paid), id: line.id, org }
      )
      touched.add(line.call_id)
      left -= take
      if (paid >= toCents(line.amount)) li++
    }
    await rows(
      `update accounting_payments set unallocated_amount = :left where id = :id and organisation_id = :org`,
      {
        left: fromCents(left),
        id: payment.id,
        org,
      }
    )
    if (li >= lines.length) break
  }
  for (const callId of touched) await refreshCallStatus(callId)
  return touched
}

/** Records one payment: ledger entry, allocation, audit. Used by the API, mark-paid and Stripe. */
export async function recordPayment(
  ctx: HttpContext | null,
  buildingId: string,
  input: PaymentInput,
  extra: { stripeSessionId?: string; createdBy?: string | null; skipAllocation?: boolean } = {}
) {
  const building = await buildingRow(buildingId)
  let owner: Record<string, any>
  try {
    owner = await ownerRow(input.ownerId)
  } catch {
    throw ApiError.validation('ownerId', 'Owner not found')
  }
  const amount = toCents(input.amount)
  if (amount <= 0n) throw ApiError.validation('amount', 'amount must be greater than 0')
  const entry = await postJournalEntry({
    buildingId: building.id,
    date: input.date,
    journal: 'bank',
    type: 'payment_received',
    // No names or free text in the ledger (GDPR erase): the owner is the 410 line's ownerId.
    description: `Paiement copropriétaire (${input.method})`,
    lines: [
      { accountCode: '550', debit: fromCents(amount) },
      { accountCode: '410', credit: fromCents(amount), ownerId: owner.id },
    ],
  })
  const [payment] = await rows(
    `insert into accounting_payments
       (organisation_id, building_id, owner_id, amount, date, method, reference, unallocated_amount, journal_entry_id, stripe_session_id, created_by)
     values (:org, :b, :o, :amount, :date, :method, :ref, :amount, :entry, :session, :by) returning id`,
    {
      org: tenant().organisationId,
      b: building.id,
      o: owner.id,
      amount: fromCents(amount),
      date: input.date,
      method: input.method,
      ref: input.reference ?? null,
      entry: entry.id,
      session: extra.stripeSessionId ?? null,
      by: extra.createdBy ?? (ctx?.auth?.user as { id?: string } | undefined)?.id ?? null,
    }
  )
  await rows(
    `update accounting_journal_entries set source_type = 'accounting_payment', source_id = :p where id = :e and organisation_id = :org`,
    {
      p: payment.id,
      e: entry.id,
      org: tenant().organisationId,
    }
  )
  if (!extra.skipAllocation) await allocateOwnerCredit(building.id, owner.id)
  await audit(ctx, {
    action: 'accounting.payment.recorded',
    subjectType: 'accounting_payment',
    subjectId: payment.id,
    metadata: {
      buildingId: building.id,
      ownerId: owner.id,
      amount: fromCents(amount),
      method: input.method,
    },
    ...(ctx ? {} : { actorId: extra.createdBy ?? null }),
  })
  return payment.id as string
}

export async function showPayment(id: string) {
  const row = await one(
    `select p.*, case when o.kind = 'company' then o.company_name else concat_ws(' ', o.first_name, o.last_name) end as owner_name
       from accounting_payments p join owners o on o.organisation_id = p.organisation_id and o.id = p.owner_id
      where p.id = :id and p.organisation_id = :org`,
    { id, org: tenant().organisationId }
  )
  if (!row) throw ApiError.notFound('Payment not found')
  const allocations = await rows(
    `select a.*, l.call_id, c.title as call_title from accounting_payment_allocations a
       join accounting_call_lines l on l.organisation_id = a.organisation_id and l.id = a.call_line_id
       join accounting_calls_for_funds c on c.organisation_id = l.organisation_id and c.id = l.call_id
      where a.organisation_id = :org and a.payment_id = :id order by l.due_date`,
    { org: tenant().organisationId, id }
  )
  return serializePayment(row, allocations)
}

export async function listPayments(ctx: HttpContext, buildingId: string) {
  await buildingRow(buildingId)
  const qs = ctx.request.qs()
  const { page, perPage } = pageParams(ctx)
  const bindings: Record<string, unknown> = { org: tenant().organisationId, b: buildingId }
  let filter = ''
  if (qs.ownerId !== undefined) {
    if (!/^[0-9a-f-]{36}$/i.test(String(qs.ownerId)))
      throw ApiError.validation('ownerId', 'ownerId must be an id')
    filter += ' and p.owner_id = :owner'
    bindings.owner = qs.ownerId
  }
  if (qs.method !== undefined) {
    if (!METHODS.includes(qs.method))
      throw ApiError.validation('method', `method must be one of ${METHODS.join(', ')}`)
    filter += ' and p.method = :method'
    bindings.method = qs.method
  }
  const where = `p.organisation_id = :org and p.building_id = :b ${filter}`
  const [{ total }] = await rows<{ total: string }>(
    `select count(*) as total from accounting_payments p where ${where}`,
    bindings
  )
  const list = await rows(
    `select p.*, case when o.kind = 'company' then o.company_name else concat_ws(' ', o.first_name, o.last_name) end as owner_name
       from accounting_payments p join owners o on o.organisation_id = p.organisation_id and o.id = p.owner_id
      where ${where} order by p.date desc, p.created_at desc limit :limit offset :offset`,
    { ...bindings, limit: perPage, offset: (page - 1) * perPage }
  )
  return {
    data: list.map((r) => serializePayment(r)),
    meta: {
      total: Number(total),
      perPage,
      currentPage: page,
      lastPage: Math.max(1, Math.ceil(Number(total) / perPage)),
    },
  }
}

/**
 * Mark-paid (SPEC §6): records the full payment of every open line of the call, one
 * payment per owner (allocated to that call's lines only, not the oldest ones).
 */
export async function markCallPaid(
  ctx: HttpContext,
  callId: string,
  input: { date?: string; method?: PaymentMethod; reference?: string | null }
) {
  const call = await one(
    `select * from accounting_calls_for_funds where id = :id and organisation_id = :org for update`,
    { id: callId, org: tenant().organisationId }
  )
  if (!call) throw ApiError.notFound('Call for funds not found')
  if (call.status !== 'sent' && call.status !== 'overdue') {
    throw ApiError.invalidState(
      `Call for funds is ${call.status}; only a sent or overdue call can be marked paid`
    )
  }
  const open = await rows(
    `select * from accounting_call_lines where organisation_id = :org and call_id = :id and paid_amount < amount
      order by position for update`,
    { org: tenant().organisationId, id: callId }
  )
  const byOwner = new Map<string, Record<string, any>[]>()
  for (const l of open) byOwner.set(l.owner_id, [...(byOwner.get(l.owner_id) ?? []), l])
  const date = input.date ?? fundsToday()
  for (const [ownerId, lines] of byOwner) {
    const due = lines.reduce((a, l) => a + toCents(l.amount) - toCents(l.paid_amount), 0n)
    const paymentId = await recordPayment(
      ctx,
      call.building_id,
      {
        ownerId,
        amount: fromCents(due),
        date,
        method: input.method ?? 'transfer',
        reference: input.reference ?? call.title,
      },
      { skipAllocation: true }
    )
    for (const l of lines) {
      const take = toCents(l.amount) - toCents(l.paid_amount)
      await rows(
        `insert into accounting_payment_allocations (organisation_id, payment_id, call_line_id, amount) values (:org, :p, :l, :a)`,
        { org: tenant().organisationId, p: paymentId, l: l.id, a: fromCents(take) }
      )
      await rows(
        `update accounting_call_lines set paid_amount = amount, paid_at = now() where id = :id and organisation_id = :org`,
        {
          id: l.id,
          org: tenant().organisationId,
        }
      )
    }
    await rows(
      `update accounting_payments set unallocated_amount = 0 where id = :id and organisation_id = :org`,
      {
        id: paymentId,
        org: tenant().organisationId,
      }
    )
  }
  await refreshCallStatus(callId)
  await audit(ctx, {
    action: 'accounting.call_for_funds.marked_paid',
    subjectType: 'accounting_call_for_funds',
    subjectId: callId,
    metadata: { owners: byOwner.size, date },
  })
}

/**
 * 410 movements of the owner that did not come from a call or a payment of ours (an
 * opening balance taken over from the previous syndic, a manual correction, interest
 * granted by a court…): the ledger is the source of truth for what an owner owes.
 */
const OTHER_410 = `from accounting_journal_lines jl
   join accounting_journal_entries e on e.organisation_id = jl.organisation_id and e.id = jl.entry_id
   join buildings b on b.organisation_id = e.organisation_id and b.id = e.building_id
  where jl.organisation_id = :org and jl.owner_id = :o and jl.account_code like '410%'
    and e.status = 'posted' and not e.is_carry_forward
    and (e.source_type is null or e.source_type not in ('accounting_call_for_funds', 'accounting_payment'))`

/** Balance of an owner: Σ called (sent calls) − Σ paid, per building; positive = owes. */
export async function ownerBalance(ownerId: string, asOf?: string) {
  const owner = await ownerRow(ownerId)
  const org = tenant().organisationId
  const date = asOf ?? '9999-12-31'
  const called = await rows<{ building_id: string; name: string; called: string; overdue: string }>(
    `select c.building_id, b.name, sum(l.amount)::text as called,
            sum(case when l.due_date < :today then l.amount - l.paid_amount else 0 end)::text as overdue
       from accounting_call_lines l
       join accounting_calls_for_funds c on c.organisation_id = l.organisation_id and c.id = l.call_id
       join buildings b on b.organisation_id = c.organisation_id and b.id = c.building_id
      where l.organisation_id = :org and l.owner_id = :o and c.status <> 'draft' and c.booked_on <= :d
      group by c.building_id, b.name`,
    { org, o: ownerId, d: date, today: fundsToday() }
  )
  const paid = await rows<{ building_id: string; name: string; paid: string; credit: string }>(
    `select p.building_id, b.name, sum(p.amount)::text as paid, sum(p.unallocated_amount)::text as credit
       from accounting_payments p join buildings b on b.organisation_id = p.organisation_id and b.id = p.building_id
      where p.organisation_id = :org and p.owner_id = :o and p.date <= :d
      group by p.building_id, b.name`,
    { org, o: ownerId, d: date }
  )
  const other = await rows<{ building_id: string; name: string; net: string }>(
    `select e.building_id, b.name, (sum(jl.debit) - sum(jl.credit))::text as net ${OTHER_410} and e.date <= :d
      group by e.building_id, b.name`,
    { org, o: ownerId, d: date }
  )
  const buildings = new Map<
    string,
    {
      buildingId: string
      name: string
      called: bigint
      paid: bigint
      overdue: bigint
      credit: bigint
      other: bigint
    }
  >()
  const get = (id: string, name: string) => {
    let b = buildings.get(id)
    if (!b)
      buildings.set(
        id,
        (b = { buildingId: id, name, called: 0n, paid: 0n, overdue: 0n, credit: 0n, other: 0n })
      )
    return b
  }
  for (const r of called) {
    const b = get(r.building_id, r.name)
    b.called += toCents(r.called)
    b.overdue += toCents(r.overdue)
  }
  for (const r of paid) {
    const b = get(r.building_id, r.name)
    b.paid += toCents(r.paid)
    b.credit += toCents(r.credit)
  }
  for (const r of other) get(r.building_id, r.name).other += toCents(r.net)
  let called$ = 0n
  let paid$ = 0n
  let overdue$ = 0n
  let other$ = 0n
  const list = [...buildings.values()].map((b) => {
    called$ += b.called
    paid$ += b.paid
    overdue$ += b.overdue
    other$ += b.other
    return {
      buildingId: b.buildingId,
      buildingName: b.name,
      called: fromCents(b.called),
      paid: fromCents(b.paid),
      otherMovements: fromCents(b.other),
      balance: fromCents(b.called - b.paid + b.other),
      overdue: fromCents(b.overdue),
      credit: fromCents(b.credit),
    }
  })
  return {
    ownerId,
    name: ownerName(owner),
    asOf: asOf ?? fundsToday(),
    called: fromCents(called$),
    paid: fromCents(paid$),
    otherMovements: fromCents(other$),
    balance: fromCents(called$ - paid$ + other$),
    overdue: fromCents(overdue$),
    buildings: list,
  }
}

/** Every movement of the owner (calls sent, payments) with a running balance. */
export async function ownerStatement(
  ownerId: string,
  opts: { buildingId?: string; from?: string; to?: string } = {}
) {
  const owner = await ownerRow(ownerId)
  const org = tenant().organisationId
  const bFilterCalls = opts.buildingId ? 'and c.building_id = :b' : ''
  const bFilterPay = opts.buildingId ? 'and p.building_id = :b' : ''
  const movements = await rows(
    `select * from (
       select c.booked_on as date, 'call_for_funds' as type, c.id as source_id, c.title as description,
              b.name as building_name, sum(l.amount) as debit, 0 as credit, min(l.structured_communication) as reference,
              c.sent_at as at
         from accounting_call_lines l
         join accounting_calls_for_funds c on c.organisation_id = l.organisation_id and c.id = l.call_id
         join buildings b on b.organisation_id = c.organisation_id and b.id = c.building_id
        where l.organisation_id = :org and l.owner_id = :o and c.status <> 'draft' ${bFilterCalls}
        group by c.id, c.booked_on, c.title, b.name, c.sent_at
       union all
       select p.date, 'payment', p.id, coalesce(p.reference, p.method), b.name, 0, p.amount, p.method, p.created_at
         from accounting_payments p join buildings b on b.organisation_id = p.organisation_id and b.id = p.building_id
        where p.organisation_id = :org and p.owner_id = :o ${bFilterPay}
       union all
       select e.date, 'ledger', e.id, e.description, b.name, jl.debit, jl.credit, e.number, e.created_at
         ${OTHER_410} ${opts.buildingId ? 'and e.building_id = :b' : ''}
     ) m order by date, at, type`,
    { org, o: ownerId, ...(opts.buildingId ? { b: opts.buildingId } : {}) }
  )
  let running = 0n
  let opening = 0n
  const out: any[] = []
  for (const m of movements) {
    const date = isoDate(m.date)!
    const delta = toCents(m.debit) - toCents(m.credit)
    if (opts.from && date < opts.from) {
      opening += delta
      running += delta
      continue
    }
    if (opts.to && date > opts.to) continue
    running += delta
    out.push({
      date,
      type: m.type,
      sourceId: m.source_id,
      description: m.description,
      buildingName: m.building_name,
      reference:
        m.type === 'call_for_funds'
          ? `+++${m.reference.slice(0, 3)}/${m.reference.slice(3, 7)}/${m.reference.slice(7)}+++`
          : m.reference,
      debit: money(m.debit),
      credit: money(m.credit),
      balance: fromCents(running),
    })
  }
  return {
    ownerId,
    name: ownerName(owner),
    openingBalance: fromCents(opening),
    closingBalance: fromCents(running),
    movements: out,
  }
}
