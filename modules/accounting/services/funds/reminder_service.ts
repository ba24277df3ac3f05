import { renderPdf, escapeHtml } from '#pdf/pdf_service'
import { pdfDocument } from '#pdf/pdf_layout'
import { notify } from '#services/notification_service'
import { ApiError } from '#exceptions/api_error'
import { buildingRow, one, ownerName, rows, tenant } from './db.js'
import { fromCents, money, toCents } from '#services/money'
import { addDays, fundsToday, isoDate, isoTimestamp } from './clock.js'
import { formatRate, lateInterestCents, parseRate } from './interest.js'
import { interestRateResolver } from './settings_service.js'
import { formatStructuredCommunication } from './structured_communication.js'
import { sendFundsMail } from './funds_mail.js'
import {
  docLocale,
  docT,
  formatDate,
  formatMoney,
  type DocLocale,
} from '../../pdf/funds/messages.js'

/*
| Reminders ladder (SPEC §6): +15 days friendly e-mail, +30 formal e-mail, +60 formal
| notice (registered-letter PDF, e-mailed and listed for posting), then +90 flagged
| for the bailiff (staff notified, nothing sent to the owner). A step is recorded once
| per line (unique index): a reminder never goes twice; a line that jumped steps (job
| down for weeks) gets only the highest step reached. Paid lines leave the ladder.
| Interest: outstanding × rate of each calendar year × days late ÷ 365.
*/
export const STEPS = [
  { step: 'friendly', level: 1, days: 15 },
  { step: 'formal', level: 2, days: 30 },
  { step: 'formal_notice', level: 3, days: 60 },
  { step: 'bailiff', level: 4, days: 90 },
] as const
export type Step = (typeof STEPS)[number]['step']

export function stepFor(daysLate: number) {
  let reached: (typeof STEPS)[number] | null = null
  for (const s of STEPS) if (daysLate >= s.days) reached = s
  return reached
}

/** Sent/overdue calls past their due date with open lines → overdue (daily job). */
export async function markOverdue(asOf = fundsToday()) {
  const updated = await rows(
    `update accounting_calls_for_funds c set status = 'overdue', updated_at = now()
      where c.organisation_id = :org and c.status = 'sent' and c.due_date < :d
        and exists (select 1 from accounting_call_lines l where l.organisation_id = c.organisation_id
                      and l.call_id = c.id and l.paid_amount < l.amount)
      returning c.id`,
    { org: tenant().organisationId, d: asOf }
  )
  return updated.map((r) => r.id as string)
}

interface OpenLine {
  id: string
  call_id: string
  owner_id: string
  amount: string
  paid_amount: string
  due_date: Date | string
  reminder_step: number
  structured_communication: string
  title: string
  building_id: string
  building_name: string
}

export async function runReminders(asOf = fundsToday(), opts: { mail?: boolean } = {}) {
  const org = tenant().organisationId
  const rateOf = await interestRateResolver()
  const open = await rows<OpenLine>(
    `select l.id, l.call_id, l.owner_id, l.amount, l.paid_amount, l.due_date, l.reminder_step, l.structured_communication,
            c.title, c.building_id, b.name as building_name
       from accounting_call_lines l
       join accounting_calls_for_funds c on c.organisation_id = l.organisation_id and c.id = l.call_id
       join buildings b on b.organisation_id = c.organisation_id and b.id = c.building_id
      where l.organisation_id = :org and c.status in ('sent', 'overdue') and l.paid_amount < l.amount
        and l.due_date <= :first and l.reminder_step < 4
      order by l.owner_id, l.due_date, l.position
      for update of l`,
    { org, first: addDays(asOf, -STEPS[0].days) }
  )
  // (owner, step) → lines reaching that step today
  const batches = new Map<
    string,
    {
      ownerId: string
      step: (typeof STEPS)[number]
      items: {
        line: OpenLine
        days: number
        interest: bigint
        outstanding: bigint
        reminderId: string
      }[]
    }
  >()
  for (const line of open) {
    const due = isoDate(line.due_date)!
    const days = Math.round((Date.parse(asOf) - Date.parse(due)) / 86_400_000)
    const step = stepFor(days)
    if (!step || step.level <= Number(line.reminder_step)) continue
    const outstanding = toCents(line.amount) - toCents(line.paid_amount)
    const interest = lateInterestCents(outstanding, due, asOf, rateOf)
    const inserted = await rows(
      `insert into accounting_reminders (organisation_id, call_line_id, owner_id, step, as_of, days_late, amount_due, interest)
       values (:org, :line, :owner, :step, :asOf, :days, :due, :interest)
       on conflict (organisation_id, call_line_id, step) do nothing returning id`,
      {
        org,
        line: line.id,
        owner: line.owner_id,
        step: step.step,
        asOf,
        days,
        due: fromCents(outstanding),
        interest: fromCents(interest),
      }
    )
    await rows(
      `update accounting_call_lines set reminder_step = greatest(reminder_step, :level)
         ${step.step === 'bailiff' ? ', bailiff_flagged_at = coalesce(bailiff_flagged_at, now())' : ''}
        where id = :id and organisation_id = :org`,
      { level: step.level, id: line.id, org }
    )
    if (!inserted.length) continue // already recorded: never twice
    const key = `${line.owner_id}:${step.step}`
    const batch = batches.get(key) ?? { ownerId: line.owner_id, step, items: [] }
    batch.items.push({ line, days, interest, outstanding, reminderId: inserted[0].id })
    batches.set(key, batch)
  }
  const sent: { ownerId: string; step: Step; lines: number }[] = []
  for (const batch of batches.values()) {
    if (opts.mail === false) {
      // recorded only (demo data)
    } else if (batch.step.step === 'bailiff') {
      await notifyStaffBailiff(
        batch.ownerId,
        batch.items.map((i) => i.line)
      )
    } else {
      await mailReminder(batch.ownerId, batch.step.step, batch.items, asOf)
    }
    await rows(
      `update accounting_reminders set sent_at = now() where organisation_id = :org and id = any(:ids)`,
      {
        org,
        ids: batch.items.map((i) => i.reminderId),
      }
    )
    sent.push({ ownerId: batch.ownerId, step: batch.step.step, lines: batch.items.length })
  }
  return sent
}

async function staffUserIds() {
  const list = await rows<{ user_id: string }>(
    `select user_id from memberships where organisation_id = :org and role in ('admin', 'syndic')`,
    { org: tenant().organisationId }
  )
  return list.map((r) => r.user_id)
}

async function notifyStaffBailiff(ownerId: string, lines: OpenLine[]) {
  const owner = await one(`select * from owners where id = :id and organisation_id = :org`, {
    id: ownerId,
    org: tenant().organisationId,
  })
  const total = lines.reduce((a, l) => a + toCents(l.amount) - toCents(l.paid_amount), 0n)
  await notify({
    userIds: await staffUserIds(),
    type: 'accounting.bailiff_flagged',
    title: `${ownerName(owner ?? {})}: ${fromCents(total)} EUR → ${docT('fr', 'bailiff.title')}`,
    body: lines.map((l) => `${l.building_name} – ${l.title}`).join('\n'),
    url: `/app/accounting/payments?buildingId=${lines[0].building_id}`,
    data: { ownerId, lineIds: lines.map((l) => l.id) },
  })
}

async function mailReminder(
  ownerId: string,
  step: 'friendly' | 'formal' | 'formal_notice',
  items: { line: OpenLine; days: number; interest: bigint; outstanding: bigint }[],
  asOf: string
) {
  const owner = await one(`select * from owners where id = :id and organisation_id = :org`, {
    id: ownerId,
    org: tenant().organisationId,
  })
  if (!owner) return
  const org = await one(`select locale from organisations where id = :id`, {
    id: tenant().organisationId,
  })
  const locale = docLocale(owner.locale ?? org?.locale)
  const amount = items.reduce((a, i) => a + i.outstanding, 0n)
  const interest = items.reduce((a, i) => a + i.interest, 0n)
  const first = items[0].line
  const vars = {
    building: first.building_name,
    name: ownerName(owner),
    amount: formatMoney(fromCents(amount), locale),
    interest: formatMoney(fromCents(interest), locale),
    due: formatDate(isoDate(first.due_date)!, locale),
    communication: formatStructuredCommunication(first.structured_communication),
  }
  const attachments =
    step === 'formal_notice'
      ? [
          {
            filename: `${docT(locale, 'notice.title').toLowerCase().replace(/\s+/g, '-')}.pdf`,
            content: await formalNoticePdf(ownerId, first.building_id, asOf),
          },
        ]
      : []
  await sendFundsMail({
    to: { address: owner.email, name: ownerName(owner) },
    locale,
    subject: docT(locale, `reminder.${step}.subject`, vars),
    greeting: docT(locale, 'mail.call.greeting', vars),
    paragraphs: [docT(locale, `reminder.${step}.body`, vars)],
    highlight: vars.communication,
    attachments,
  })
}

/** The formal notice (mise en demeure) of an owner in a building, as of a date. */
export async function formalNoticeHtml(ownerId: string, buildingId: string, asOf: string) {
  const org = tenant().organisationId
  const owner = await one(`select * from owners where id = :id and organisation_id = :org`, {
    id: ownerId,
    org,
  })
  if (!owner) throw ApiError.notFound('Owner not found')
  const building = await buildingRow(buildingId)
  const orgRow = await one(`select * from organisations where id = :id`, { id: org })
  const settings = await one(
    `select iban from accounting_funds_settings where organisation_id = :org and building_id = :b`,
    { org, b: buildingId }
  )
  const rateOf = await interestRateResolver()
  const locale: DocLocale = docLocale(owner.locale ?? orgRow?.locale)
  const lines = await rows(
    `select l.*, c.title from accounting_call_lines l
       join accounting_calls_for_funds c on c.organisation_id = l.organisation_id and c.id = l.call_id
      where l.organisation_id = :org and l.owner_id = :o and c.building_id = :b and c.status in ('sent','overdue')
        and l.paid_amount < l.amount and l.due_date < :d order by l.due_date, l.position`,
    { org, o: ownerId, b: buildingId, d: asOf }
  )
  const history = await rows(
    `select r.step, min(r.as_of) as as_of from accounting_reminders r
       join accounting_call_lines l on l.organisation_id = r.organisation_id and l.id = r.call_line_id
       join accounting_calls_for_funds c on c.organisation_id = l.organisation_id and c.id = l.call_id
      where r.organisation_id = :org and r.owner_id = :o and c.building_id = :b group by r.step`,
    { org, o: ownerId, b: buildingId }
  )
  const when = (step: string) => {
    const h = history.find((x) => x.step === step)
    return h ? formatDate(isoDate(h.as_of)!, locale) : '—'
  }
  let total = 0n
  const rate = rateOf(Number(asOf.slice(0, 4)))
  const body = lines
    .map((l) => {
      const due = isoDate(l.due_date)!
      const outstanding = toCents(l.amount) - toCents(l.paid_amount)
      const interest = lateInterestCents(outstanding, due, asOf, rateOf)
      total += outstanding + interest
      const days = Math.round((Date.parse(asOf) - Date.parse(due)) / 86_400_000)
      return `<tr><td>${escapeHtml(l.title)}</td><td>${escapeHtml(formatDate(due, locale))}</td><td class="num">${days}</td>
        <td class="num">${formatMoney(fromCents(outstanding), locale)}</td><td class="num">${formatMoney(fromCents(interest), locale)}</td></tr>`
    })
    .join('')
  const t = (k: Parameters<typeof docT>[1], v?: Record<string, unknown>) =>
    escapeHtml(docT(locale, k, v))
  const address = owner.address
    ? [
        owner.address.street,
        [owner.address.postalCode, owner.address.city].filter(Boolean).join(' '),
      ].filter(Boolean)
    : []
  return pdfDocument({
    title: docT(locale, 'notice.title'),
    subtitle: `${docT(locale, 'notice.registered')} – ${building.name}`,
    locale,
    branding: {
      name: orgRow?.name ?? '',
      displayName: orgRow?.display_name,
      primaryColor: orgRow?.primary_color,
      logoUrl: orgRow?.logo_url,
      address: orgRow?.address,
      contactEmail: orgRow?.contact_email,
      contactPhone: orgRow?.contact_phone,
      vatNumber: orgRow?.vat_number,
    },
    body: `<div class="box"><strong>${escapeHtml(ownerName(owner))}</strong><br>${address.map(escapeHtml).join('<br>')}</div>
      <p>${t('notice.intro', { friendly: when('friendly'), formal: when('formal'), date: formatDate(asOf, locale) })}</p>
      <table><thead><tr><th>${t('notice.call')}</th><th>${t('notice.due')}</th><th class="num">${t('notice.days')}</th>
        <th class="num">${t('notice.outstanding')}</th><th class="num">${t('notice.interest', { rate: rateLabel(rate, locale) })}</th></tr></thead>
        <tbody>${body}</tbody>
        <tfoot><tr><td colspan="4"><strong>${t('notice.total')}</strong></td><td class="num"><strong>${formatMoney(fromCents(total), locale)} €</strong></td></tr></tfoot></table>
      <p>${t('notice.demand', { total: formatMoney(fromCents(total), locale), iban: settings?.iban ?? '—' })}</p>`,
  })
}

/** A legal interest rate as written in the notice: 2 to 3 decimals, exact (4,125 %). */
function rateLabel(rate: string | number, locale: string) {
  const scaled = parseRate(rate)
  if (scaled === null) return String(rate)
  const format = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 3,
  })
  // Intl formats a decimal string exactly (no float on the way).
  return format.format(formatRate(scaled) as unknown as number)
}

export async function formalNoticePdf(ownerId: string, buildingId: string, asOf: string) {
  return renderPdf(await formalNoticeHtml(ownerId, buildingId, asOf))
}

/** Arrears of a building: per owner, outstanding past due, days late, ladder state, interest to date. */
export async function buildingArrears(buildingId: string, asOf = fundsToday()) {
  await buildingRow(buildingId)
  const org = tenant().organisationId
  const rateOf = await interestRateResolver()
  const lines = await rows(
    `select l.*, c.title, o.kind, o.first_name, o.last_name, o.company_name, u.number as unit_number
       from accounting_call_lines l
       join accounting_calls_for_funds c on c.organisation_id = l.organisation_id and c.id = l.call_id
       join owners o on o.organisation_id = l.organisation_id and o.id = l.owner_id
       join units u on u.organisation_id = l.organisation_id and u.id = l.unit_id
      where l.organisation_id = :org and c.building_id = :b and c.status in ('sent','overdue')
        and l.paid_amount < l.amount and l.due_date < :d
      order by l.due_date, l.position`,
    { org, b: buildingId, d: asOf }
  )
  const reminders = await rows(
    `select r.* from accounting_reminders r
       join accounting_call_lines l on l.organisation_id = r.organisation_id and l.id = r.call_line_id
       join accounting_calls_for_funds c on c.organisation_id = l.organisation_id and c.id = l.call_id
      where r.organisation_id = :org and c.building_id = :b order by r.as_of, r.created_at`,
    { org, b: buildingId }
  )
  const owners = new Map<string, any>()
  for (const l of lines) {
    const due = isoDate(l.due_date)!
    const outstanding = toCents(l.amount) - toCents(l.paid_amount)
    const interest = lateInterestCents(outstanding, due, asOf, rateOf)
    const days = Math.round((Date.parse(asOf) - Date.parse(due)) / 86_400_000)
    const o = owners.get(l.owner_id) ?? {
      ownerId: l.owner_id,
      name: ownerName(l),
      outstanding: 0n,
      interest: 0n,
      oldestDueDate: due,
      daysLate: days,
      reminderStep: 0,
      bailiff: false,
      lines: [] as any[],
      reminders: [] as any[],
    }
    o.outstanding += outstanding
    o.interest += interest
    o.reminderStep = Math.max(o.reminderStep, Number(l.reminder_step))
    o.bailiff = o.bailiff || !!l.bailiff_flagged_at
    o.lines.push({
      callLineId: l.id,
      callId: l.call_id,
      title: l.title,
      unitNumber: l.unit_number,
      dueDate: due,
      daysLate: days,
      outstanding: fromCents(outstanding),
      interest: fromCents(interest),
      reminderStep: Number(l.reminder_step),
    })
    owners.set(l.owner_id, o)
  }
  for (const r of reminders) {
    const o = owners.get(r.owner_id)
    if (o)
      o.reminders.push({
        id: r.id,
        step: r.step,
        asOf: isoDate(r.as_of),
        daysLate: r.days_late,
        amountDue: money(r.amount_due),
        interest: money(r.interest),
        sentAt: isoTimestamp(r.sent_at),
        callLineId: r.call_line_id,
      })
  }
  const stepName = ['none', 'friendly', 'formal', 'formal_notice', 'bailiff']
  const data = [...owners.values()]
    .map((o) => ({
      ...o,
      outstanding: fromCents(o.outstanding),
      interest: fromCents(o.interest),
      totalDue: fromCents(o.outstanding + o.interest),
      reminderState: stepName[o.reminderStep],
    }))
    .sort((a, b) => (toCents(b.outstanding) > toCents(a.outstanding) ? 1 : -1))
  const total = data.reduce((a, o) => a + toCents(o.outstanding), 0n)
  return { buildingId, asOf, total: fromCents(total), owners: data }
}
