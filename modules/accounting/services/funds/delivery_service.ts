import { renderPdf } from '#pdf/pdf_service'
import { maybeTenant, withTenant } from '#tenancy/tenant_context'
import { appUrl } from '#jobs/core/invitation_email_job'
import { one, ownerName, rows, tenant } from './db.js'
import { callLines } from './call_service.js'
import { formatStructuredCommunication } from './structured_communication.js'
import { isoDate } from './clock.js'
import { sendFundsMail } from './funds_mail.js'
import {
  loadCallDocumentContext,
  ownerCallDocument,
  type CallDocumentContext,
} from '../../pdf/funds/call_for_funds_pdf.js'
import { docT, formatDate, formatMoney } from '../../pdf/funds/messages.js'

/*
| The send job's work: one PDF per owner of a sent call, e-mailed in the owner's
| language. Each owner is its own short tenant transaction (its lines are marked
| `emailed_at` with the progress counters), so a retry resumes where it stopped and
| never e-mails an owner twice; the counters are visible while the job runs.
*/
export interface DeliveryProgress {
  total: number
  done: number
  failed: number
}

export async function deliverCall(
  organisationId: string,
  callId: string,
  onProgress: (p: DeliveryProgress) => Promise<void> = async () => {},
  concurrency = Math.max(1, Number(process.env.PDF_POOL_SIZE ?? 2))
): Promise<DeliveryProgress & { skipped?: string }> {
  const start = await withTenant(organisationId, async () => {
    const call = await one(
      `select * from accounting_calls_for_funds where id = :id and organisation_id = :org`,
      {
        id: callId,
        org: organisationId,
      }
    )
    if (!call) return null
    if (call.status === 'draft') return { call, pending: [] as string[], total: 0 }
    const pending = await rows<{ owner_id: string }>(
      `select owner_id from accounting_call_lines where organisation_id = :org and call_id = :id
        group by owner_id having bool_or(emailed_at is null) order by min(position)`,
      { org: organisationId, id: callId }
    )
    await rows(
      `update accounting_calls_for_funds set delivery_status = 'running', updated_at = now() where id = :id and organisation_id = :org`,
      { id: callId, org: organisationId }
    )
    return { call, pending: pending.map((p) => p.owner_id), total: Number(call.delivery_total) }
  })
  if (!start) return { total: 0, done: 0, failed: 0, skipped: 'not_found' }
  if (start.call.status === 'draft') return { total: 0, done: 0, failed: 0, skipped: 'draft' }

  const context = await withTenant(organisationId, () => loadCallDocumentContext(callId))
  const progress: DeliveryProgress = {
    total: start.total,
    done: start.total - start.pending.length,
    failed: 0,
  }
  let next = 0
  const worker = async () => {
    while (next < start.pending.length) {
      const ownerId = start.pending[next++]
      let ok = true
      try {
        await deliverToOwner(organisationId, context, ownerId)
      } catch {
        ok = false
      }
      await withTenant(organisationId, () =>
        rows(
          `update accounting_calls_for_funds set ${ok ? 'delivery_done = delivery_done + 1' : 'delivery_failed = delivery_failed + 1'}
            where id = :id and organisation_id = :org`,
          { id: callId, org: organisationId }
        )
      )
      if (ok) progress.done++
      else progress.failed++
      await onProgress({ ...progress })
    }
  }
  // Owners run in parallel only when each gets its own transaction: called inside an open
  // tenant transaction (a caller's, or a test's), withTenant reuses it, and one pg
  // connection must not run queries concurrently.
  const shared = maybeTenant()
  const parallel =
    shared && shared.organisationId === organisationId && !shared.trx.isCompleted ? 1 : concurrency
  await Promise.all(Array.from({ length: Math.min(parallel, start.pending.length || 1) }, worker))
  await withTenant(organisationId, () =>
    rows(
      `update accounting_calls_for_funds set delivery_status = :s, updated_at = now() where id = :id and organisation_id = :org`,
      { s: progress.failed ? 'failed' : 'done', id: callId, org: organisationId }
    )
  )
  if (progress.failed) {
    // Let BullMQ retry: the owners already served are skipped next time.
    throw new Error(`${progress.failed} owner(s) of call ${callId} could not be served`)
  }
  return progress
}

async function deliverToOwner(
  organisationId: string,
  context: CallDocumentContext,
  ownerId: string
) {
  await withTenant(organisationId, async () => {
    const owner = await one(`select * from owners where id = :id and organisation_id = :org`, {
      id: ownerId,
      org: tenant().organisationId,
    })
    if (!owner) return
    const lines = await callLines(context.call.id, ownerId)
    const doc = await ownerCallDocument(context, owner, lines)
    const pdf = await renderPdf(doc.html, {
      footerText: `${context.call.title} – ${formatStructuredCommunication(doc.communication)}`,
    })
    const locale = doc.locale
    const vars = {
      title: context.call.title,
      building: context.building.name,
      name: ownerName(owner),
      amount: formatMoney(doc.amount, locale),
      due: formatDate(isoDate(context.call.due_date)!, locale),
      iban: context.settings.iban ?? '',
      communication: formatStructuredCommunication(doc.communication),
    }
    await sendFundsMail({
      to: { address: owner.email, name: ownerName(owner) },
      locale,
      subject: docT(locale, 'mail.call.subject', vars),
      greeting: docT(locale, 'mail.call.greeting', vars),
      paragraphs: [docT(locale, 'mail.call.body', vars), docT(locale, 'mail.call.pay', vars)],
      highlight: vars.communication,
      url: `${appUrl()}/o/${encodeURIComponent(await orgSlug(organisationId))}/accounting/calls`,
      cta: docT(locale, 'call.title', vars),
      attachments: [{ filename: doc.filename, content: pdf }],
    })
    await rows(
      `update accounting_call_lines set emailed_at = now() where organisation_id = :org and call_id = :id and owner_id = :o`,
      { org: organisationId, id: context.call.id, o: ownerId }
    )
  })
}

const slugs = new Map<string, string>()
async function orgSlug(organisationId: string) {
  let slug = slugs.get(organisationId)
  if (!slug) {
    const row = await one<{ slug: string }>(`select slug from organisations where id = :id`, {
      id: organisationId,
    })
    slug = row?.slug ?? ''
    slugs.set(organisationId, slug)
  }
  return slug
}
