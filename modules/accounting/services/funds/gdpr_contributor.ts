import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { PersonalDataContributor } from '#gdpr/personal_data_registry'
import { fromCents, money, toCents } from '#services/money'
import { formatStructuredCommunication } from './structured_communication.js'

/*
| GDPR (SPEC §5) for the funds: export of the person's call lines, payments and
| reminders; erase is blocked while the person's owners owe money; erase keeps every
| financial row (7-year legal retention, the owner row itself is anonymised by the
| core) and blanks the one free-text field we hold about them: payment references.
*/
function iso(d: Date | string | null) {
  if (!d) return null
  if (typeof d === 'string') return d.slice(0, 10)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

async function q(trx: TransactionClientContract, sql: string, bindings: unknown[]) {
  const result = await trx.rawQuery(sql, bindings as any)
  return result.rows as Record<string, any>[]
}

export const fundsPersonalData: PersonalDataContributor = {
  key: 'accounting.funds',
  personalColumns: [
    {
      table: 'accounting_call_lines',
      columns: ['owner_id'],
      onErase: 'keep',
      note: 'Financial record (7 years); the owner row is anonymised',
    },
    {
      table: 'accounting_payments',
      columns: ['owner_id'],
      onErase: 'keep',
      note: 'Financial record (7 years)',
    },
    {
      table: 'accounting_payments',
      columns: ['reference'],
      onErase: 'anonymise',
      note: 'Free text may name the payer',
    },
    {
      table: 'accounting_reminders',
      columns: ['owner_id'],
      onErase: 'keep',
      note: 'Dunning history (7 years)',
    },
  ],

  async export(subject, trx): Promise<Record<string, Record<string, unknown>[]>> {
    if (!subject.ownerIds.length) return {}
    const ids = subject.ownerIds
    const marks = ids.map(() => '?').join(', ')
    const lines = await q(
      trx,
      `select c.title, c.period, c.period_start, l.due_date, u.number as unit_number, l.quota, l.total_quota, l.percentage,
              l.ordinary_amount, l.extraordinary_amount, l.consumption_amount, l.amount, l.paid_amount, l.structured_communication, c.status
         from accounting_call_lines l
         join accounting_calls_for_funds c on c.organisation_id = l.organisation_id and c.id = l.call_id
         join units u on u.organisation_id = l.organisation_id and u.id = l.unit_id
        where l.owner_id in (${marks}) and c.status <> 'draft' order by l.due_date`,
      ids
    )
    const payments = await q(
      trx,
      `select p.date, p.amount, p.method, p.reference, b.name as building from accounting_payments p
         join buildings b on b.organisation_id = p.organisation_id and b.id = p.building_id
        where p.owner_id in (${marks}) order by p.date`,
      ids
    )
    const reminders = await q(
      trx,
      `select r.step, r.as_of, r.days_late, r.amount_due, r.interest, r.sent_at from accounting_reminders r
        where r.owner_id in (${marks}) order by r.as_of`,
      ids
    )
    return {
      calls_for_funds: lines.map((l) => ({
        title: l.title,
        period: l.period,
        periodStart: iso(l.period_start),
        dueDate: iso(l.due_date),
        unit: l.unit_number,
        quota: `${l.quota}/${l.total_quota}`,
        percentage: money(l.percentage),
        ordinaryAmount: money(l.ordinary_amount),
        extraordinaryAmount: money(l.extraordinary_amount),
        consumptionAmount: money(l.consumption_amount),
        amount: money(l.amount),
        paidAmount: money(l.paid_amount),
        structuredCommunication: formatStructuredCommunication(l.structured_communication),
        status: l.status,
      })),
      payments: payments.map((p) => ({
        date: iso(p.date),
        amount: money(p.amount),
        method: p.method,
        reference: p.reference,
        building: p.building,
      })),
      reminders: reminders.map((r) => ({
        step: r.step,
        asOf: iso(r.as_of),
        daysLate: r.days_late,
        amountDue: money(r.amount_due),
        interest: money(r.interest),
        sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
      })),
    }
  },

  async eraseBlockers(subject, trx) {
    if (!subject.ownerIds.length) return []
    const marks = subject.ownerIds.map(() => '?').join(', ')
    const [called] = await q(
      trx,
      `select coalesce(sum(l.amount), 0)::text as total from accounting_call_lines l
         join accounting_calls_for_funds c on c.organisation_id = l.organisation_id and c.id = l.call_id
        where l.owner_id in (${marks}) and c.status <> 'draft'`,
      subject.ownerIds
    )
    const [paid] = await q(
      trx,
      `select coalesce(sum(amount), 0)::text as total from accounting_payments where owner_id in (${marks})`,
      subject.ownerIds
    )
    const balance = toCents(called.total) - toCents(paid.total)
    return balance > 0n ? [`Unpaid balance of ${fromCents(balance)} EUR`] : []
  },

  async erase(subject, trx) {
    if (!subject.ownerIds.length) return
    const marks = subject.ownerIds.map(() => '?').join(', ')
    await trx.rawQuery(
      `update accounting_payments set reference = null where owner_id in (${marks})`,
      subject.ownerIds
    )
  },
}
