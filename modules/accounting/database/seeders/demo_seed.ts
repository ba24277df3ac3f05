import { DateTime } from 'luxon'
import { withTenant } from '#tenancy/tenant_context'
import { fromCents, toCents } from '#services/money'

/*
| Demo data of the accounting module (called by the core demo seeder after buildings,
| units and owners exist), in three steps (see the default export at the bottom):
| 1. ledger: the chart and the balances taken over from the previous syndic on 1 January
|    (opening entry: bank, savings, working capital and reserve funds);
| 2. funds (seedFundsDemo below);
| 3. ledger: the bank side of the year: supplier invoices paid the 5th of the next
|    month, quarterly bank fees, the reserve fund moved to the savings account each
|    quarter, savings interest, and one manual correction.
| Funds part: each building gets its bank account, this
| year's budget (voted, active) with charges posted month by month so the variance
| chart has something to show, next year's draft budget, the quarterly calls for funds
| sent so far, payments from most co-owners, and a few owners in arrears at different
| steps of the reminders ladder. Nothing is e-mailed.
*/

/** A valid Belgian IBAN for a 10-digit account base (check digits computed). */
function belgianIban(base10: string) {
  const bban = base10 + String(Number(BigInt(base10) % 97n) || 97).padStart(2, '0')
  const check = 98n - (BigInt(bban + '111400') % 97n)
  return `BE${String(check).padStart(2, '0')}${bban}`
}

/** Monthly charges in EUR per account of the standard chart (standard_chart.ts, class 6). */
const CHARGES: [string, number][] = [
  ['600', 380], // Électricité (communs)
  ['601', 290], // Eau
  ['602', 1150], // Chauffage
  ['610', 240], // Assurances (immeuble)
  ['611', 520], // Nettoyage
  ['612', 430], // Entretien (ascenseur, contrats)
  ['613', 210], // Réparations (petites)
  ['614', 330], // Honoraires du syndic
]

export async function seedFundsDemo(organisationId: string) {
  const { setFundsClock } = await import('../../services/funds/clock.js')
  const { createBudget, voteBudget, activateBudget } =
    await import('../../services/funds/budget_service.js')
  const { createCall, sendCall } = await import('../../services/funds/call_service.js')
  const { recordPayment } = await import('../../services/funds/payment_service.js')
  const { markOverdue, runReminders } = await import('../../services/funds/reminder_service.js')
  const { updateFundsSettings } = await import('../../services/funds/settings_service.js')
  const { postJournalEntry, ensureChart } = await import('../../services/funds/ledger_port.js')

  const today = DateTime.now().setZone('Europe/Brussels').startOf('day')
  const year = today.year
  try {
    const buildings = await withTenant(organisationId, async (trx) => {
      const result = await trx.rawQuery(
        `select id, name from buildings where organisation_id = ? order by name`,
        [organisationId]
      )
      return result.rows as { id: string; name: string }[]
    })
    for (const [index, building] of buildings.entries()) {
      await withTenant(organisationId, async (trx) => {
        const existing = await trx.rawQuery(
          `select 1 from accounting_budgets where building_id = ? limit 1`,
          [building.id]
        )
        if (existing.rows.length) return
        await ensureChart(building.id, trx) // demo buildings are made without the creation hook
        // Every ownership must exist before the calls of the year: backdate the demo ones.
        await trx.rawQuery(
          `update unit_owners set start_date = least(start_date, ?::date) where organisation_id = ? and end_date is null
             and unit_id in (select id from units where building_id = ?)`,
          [`${year}-01-01`, organisationId, building.id]
        )
        await updateFundsSettings(null as any, building.id, {
          iban: belgianIban(`00${String(1234567 + index * 1111).padStart(8, '0')}`),
          bic: 'GEBABEBB',
          beneficiary: `ACP ${building.name}`.slice(0, 70),
        })
        const budget = await createBudget(null as any, building.id, {
          fiscalYear: year,
          ordinaryAmount: '48000.00',
          extraordinaryAmount: '12000.00',
          notes:
            'Approuvé par l’assemblée générale ordinaire (fonds de réserve : remise en état de la toiture).',
          lines: CHARGES.map(([code, monthly]) => ({
            accountCode: code,
            kind: 'ordinary' as const,
            amount: String(monthly * 12),
          })),
        })
        await voteBudget(null as any, budget.id, { votedAt: `${year - 1}-11-20` })
        await activateBudget(null as any, budget.id)
        await createBudget(null as any, building.id, {
          fiscalYear: year + 1,
          ordinaryAmount: '49500.00',
          extraordinaryAmount: '15000.00',
          notes: 'Projet à soumettre à l’AG.',
        })

        // Charges of the year so far: one purchase entry per month, heating heavier in winter.
        for (let month = 1; month < today.month; month++) {
          // Seasonal factors in percent, so amounts stay in integer cents.
          const winter = [1, 2, 3, 11, 12].includes(month) ? 160n : 50n
          const lines = CHARGES.map(([code, monthly]) => {
            // Heating follows the season, repairs peak in May, the
            // insurance premium and the syndic's fees are flat, the rest varies a little.
            const percent =
              code === '602'
                ? winter
                : code === '613' && month === 5
                  ? 320n
                  : code === '610' || code === '614'
                    ? 100n
                    : BigInt(100 + ((month * Number(code)) % 7) * 2)
            return { accountCode: code, cents: (toCents(monthly) * percent) / 100n }
          })
          const total = lines.reduce((a, l) => a + l.cents, 0n)
          await postJournalEntry({
            buildingId: building.id,
            date: DateTime.fromObject({ year, month, day: 25 }).toISODate()!,
            journal: 'purchases',
            type: 'expense_payment',
            description: `Factures fournisseurs ${String(month).padStart(2, '0')}/${year}`,
            lines: [
              ...lines.map((l) => ({ accountCode: l.accountCode, debit: fromCents(l.cents) })),
              { accountCode: '440', credit: fromCents(total) },
            ],
          })
        }

        // Quarterly calls sent so far this year, from the budget.
        const calls: { id: string; due: string }[] = []
        for (const quarter of [1, 2, 3, 4]) {
          const start = DateTime.fromObject({ year, month: (quarter - 1) * 3 + 1, day: 1 })
          if (start > today) break
          setFundsClock(start.toISODate())
          const id = await createCall(null, building.id, {
            title: `Provisions T${quarter} ${year}`,
            period: 'quarterly',
            periodStart: start.toISODate()!,
            dueDate: start.plus({ days: 30 }).toISODate()!,
            budgetId: budget.id,
          })
          await sendCall(null, id, { deliver: false })
          calls.push({ id, due: start.plus({ days: 30 }).toISODate()! })
        }

        // Most co-owners pay a few days before the due date; every 7th pays late or not at all.
        for (const [ci, call] of calls.entries()) {
          const result = await trx.rawQuery(
            `select owner_id, sum(amount) as amount, min(position) as position from accounting_call_lines where call_id = ? group by owner_id order by min(position)`,
            [call.id]
          )
          const lines = result.rows as { owner_id: string; amount: string }[]
          for (const [li, line] of lines.entries()) {
            const late = li % 7 === 3
            const partial = li % 11 === 5
            const recent = ci >= calls.length - 2
            if (late && recent) continue // in arrears for the last two calls
            const due = DateTime.fromISO(call.due)
            const date = (
              late ? due.plus({ days: 40 }) : due.minus({ days: (li % 5) + 1 })
            ).toISODate()!
            if (date > today.toISODate()!) continue
            setFundsClock(date)
            const cents = toCents(line.amount)
            const amount = fromCents(partial ? cents / 2n : cents)
            await recordPayment(null, building.id, {
              ownerId: line.owner_id,
              amount,
              date,
              method: li % 4 === 0 ? 'sepa_direct_debit' : 'transfer',
              reference: null,
            })
          }
        }
        setFundsClock(today.toISODate())
        await markOverdue(today.toISODate()!)
        await runReminders(today.toISODate()!, { mail: false })
      })
    }
  } finally {
    setFundsClock(null)
  }
}

/** Step 1: chart + opening balances on 1 January (taken over from the previous syndic). */
export async function seedLedgerDemo(organisationId: string) {
  const { ensureChart } = await import('../../services/ledger/chart_service.js')
  const { postJournalEntry } = await import('../../services/ledger/posting_service.js')
  const year = DateTime.now().setZone('Europe/Brussels').year
  await withTenant(organisationId, async (trx) => {
    const buildings = await trx.rawQuery(`select id, name from buildings order by name`)
    for (const [index, building] of (buildings.rows as { id: string; name: string }[]).entries()) {
      await ensureChart(building.id, trx)
      const existing = await trx.rawQuery(
        `select 1 from accounting_journal_entries where building_id = ? and type = 'opening' limit 1`,
        [building.id]
      )
      if (existing.rows.length) continue
      // Integer cents: 6,450.00 + 1,375.40 per building, and so on.
      const bank = 645000n + BigInt(index) * 137540n
      const savings = 2480000n + BigInt(index) * 512025n
      const working = 500000n + BigInt(index) * 50000n
      await postJournalEntry(
        {
          buildingId: building.id,
          date: `${year}-01-01`,
          journal: 'misc',
          type: 'opening',
          description: `Reprise des soldes au 01/01/${year} (décompte du syndic précédent)`,
          lines: [
            {
              accountCode: '550',
              debit: fromCents(bank),
              description: 'Compte courant BNP Paribas Fortis',
            },
            {
              accountCode: '551',
              debit: fromCents(savings),
              description: 'Compte épargne fonds de réserve',
            },
            { accountCode: '100', credit: fromCents(working) },
            { accountCode: '160', credit: fromCents(bank + savings - working) },
          ],
        },
        trx
      )
    }
  })
}

/** Step 3: the bank side of the year, after the funds half posted invoices, calls and payments. */
export async function seedLedgerDemoAfterFunds(organisationId: string) {
  const { postJournalEntry } = await import('../../services/ledger/posting_service.js')
  const today = DateTime.now().setZone('Europe/Brussels').startOf('day')
  const year = today.year
  const isoToday = today.toISODate()!
  await withTenant(organisationId, async (trx) => {
    const buildings = await trx.rawQuery(`select id from buildings order by name`)
    for (const { id: buildingId } of buildings.rows as { id: string }[]) {
      const done = await trx.rawQuery(
        `select 1 from accounting_journal_entries where building_id = ? and source_type = 'demo_bank' limit 1`,
        [buildingId]
      )
      if (done.rows.length) continue
      const post = (
        date: string,
        journal: 'bank' | 'misc',
        type: 'expense_payment' | 'transfer' | 'manual',
        description: string,
        lines: { accountCode: string; debit?: string; credit?: string }[]
      ) =>
        postJournalEntry(
          {
            buildingId,
            date,
            journal,
            type,
            description,
            lines,
            source: type === 'manual' ? null : { type: 'demo_bank', id: buildingId },
          },
          trx
        )
      // Supplier invoices of each month, paid on the 5th of the next month.
      const invoices = await trx.rawQuery(
        `select e.date::text as date, e.description, sum(l.credit)::text as amount
           from accounting_journal_entries e
           join accounting_journal_lines l on l.entry_id = e.id and l.account_code = '440'
          where e.building_id = ? and e.journal = 'purchases' and e.status = 'posted'
          group by e.id, e.date, e.description order by e.date`,
        [buildingId]
      )
      for (const invoice of invoices.rows as {
        date: string
        description: string
        amount: string
      }[]) {
        const paid = DateTime.fromISO(invoice.date).plus({ months: 1 }).set({ day: 5 }).toISODate()!
        if (paid > isoToday) continue
        await post(paid, 'bank', 'expense_payment', `Paiement — ${invoice.description}`, [
          { accountCode: '440', debit: invoice.amount },
          { accountCode: '550', credit: invoice.amount },
        ])
      }
      for (const quarter of [1, 2, 3, 4]) {
        const end = DateTime.fromObject({ year, month: quarter * 3, day: 1 }).endOf('month')
        if (end.toISODate()! > isoToday) break
        const date = end.toISODate()!
        await post(date, 'bank', 'expense_payment', `Frais de tenue de compte T${quarter}`, [
          { accountCode: '643', debit: '18.75' },
          { accountCode: '550', credit: '18.75' },
        ])
        await post(date, 'bank', 'transfer', `Versement au fonds de réserve T${quarter}`, [
          { accountCode: '551', debit: '3000.00' },
          { accountCode: '550', credit: '3000.00' },
        ])
      }
      const june = `${year}-06-30`
      if (june <= isoToday) {
        await post(june, 'bank', 'transfer', 'Intérêts compte épargne 1er semestre', [
          { accountCode: '551', debit: '61.42' },
          { accountCode: '750', credit: '61.42' },
        ])
      }
      const correction = `${year}-02-15`
      if (correction <= isoToday) {
        await post(
          correction,
          'misc',
          'manual',
          'Reclassement : réparation porte de garage imputée en entretien',
          [
            { accountCode: '613', debit: '185.00' },
            { accountCode: '612', credit: '185.00' },
          ]
        )
      }
    }
  })
}

export default async function seedAccountingDemo(organisationId: string) {
  await seedLedgerDemo(organisationId)
  // funds: budgets, calls for funds, payments, reminders (funds half).
  await seedFundsDemo(organisationId)
  await seedLedgerDemoAfterFunds(organisationId)
}
