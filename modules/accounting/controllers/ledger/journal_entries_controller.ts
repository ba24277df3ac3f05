import type { HttpContext } from '@adonisjs/core/http'
import {
  createEntry,
  deleteEntry,
  listEntries,
  listFiscalYears,
  reverseEntry,
  showEntry,
  trialBalance,
} from '../../services/ledger/journal_service.js'
import { closeFiscalYear } from '../../services/ledger/closing_service.js'
import { streamJournalExport } from '../../services/ledger/export_service.js'
import { assertBuilding } from '../../services/ledger/account_service.js'
import {
  closingValidator,
  createEntryValidator,
  reverseEntryValidator,
} from '../../validators/ledger/ledger_validators.js'

/** Journal entries, trial balance, year-end closing and export (SPEC §6 "Journal entries"). */
export default class JournalEntriesController {
  async index(ctx: HttpContext) {
    return listEntries(ctx, ctx.params.id)
  }

  async store(ctx: HttpContext) {
    await assertBuilding(ctx.params.id)
    const payload = await ctx.request.validateUsing(createEntryValidator)
    const entry = await createEntry(ctx, ctx.params.id, {
      ...payload,
      buildingId: ctx.params.id,
      lines: payload.lines.map((l) => ({ ...l, debit: l.debit as any, credit: l.credit as any })),
    })
    return ctx.response.created(entry)
  }

  async show(ctx: HttpContext) {
    return showEntry(ctx.params.id)
  }

  async destroy(ctx: HttpContext) {
    await deleteEntry(ctx, ctx.params.id)
    return ctx.response.noContent()
  }

  async reverse(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(reverseEntryValidator)
    return ctx.response.created(await reverseEntry(ctx, ctx.params.id, payload))
  }

  async balance(ctx: HttpContext) {
    return trialBalance(ctx, ctx.params.id)
  }

  async fiscalYears(ctx: HttpContext) {
    return listFiscalYears(ctx.params.id)
  }

  async yearEndClosing(ctx: HttpContext) {
    await assertBuilding(ctx.params.id)
    const { fiscalYear } = await ctx.request.validateUsing(closingValidator)
    return closeFiscalYear(ctx, ctx.params.id, fiscalYear, {
      locale: ctx.organisation?.locale,
      actorId: (ctx.auth.user as { id?: string } | undefined)?.id ?? null,
    })
  }

  async export(ctx: HttpContext) {
    await streamJournalExport(ctx, ctx.params.id)
  }
}
