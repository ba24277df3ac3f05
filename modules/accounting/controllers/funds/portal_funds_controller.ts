import type { HttpContext } from '@adonisjs/core/http'
import { portalCheckoutValidator } from '../../validators/funds/payment_validator.js'
import { myOwners, startOwnerCheckout } from '../../services/funds/online_payment_service.js'
import { ownerBalance, ownerStatement } from '../../services/funds/payment_service.js'
import { rows, tenant } from '../../services/funds/db.js'
import { serializeCallLine } from '../../services/funds/call_service.js'
import { renderOwnerCallPdf } from '../../pdf/funds/call_for_funds_pdf.js'
import { contentDisposition } from '#services/document_service'
import { ApiError } from '#exceptions/api_error'
import { isoDate } from '../../services/funds/clock.js'
import { formatStructuredCommunication } from '../../services/funds/structured_communication.js'
import { fromCents, toCents } from '#services/money'

/**
 * Module pages live in modules/accounting/ui/pages (resolved by the front end); the
 * generated page-name types only index resources/inertia/pages, hence the cast.
 */
function renderPage(ctx: HttpContext, page: string, props: Record<string, unknown>) {
  return ctx.inertia.render(page as never, props as never)
}

/*
| The co-owner's own account (portal, SPEC §6): balances, statement, calls with their
| PDFs, paying online. Everything is scoped to the owner records linked to the user.
*/
async function accountOf(userId: string) {
  const owners = await myOwners(userId)
  const accounts = []
  for (const owner of owners) {
    accounts.push({
      balance: await ownerBalance(owner.id),
      statement: await ownerStatement(owner.id),
    })
  }
  return accounts
}

async function callsOf(userId: string) {
  const owners = await myOwners(userId)
  if (!owners.length) return []
  const lines = await rows(
    `select l.*, c.title, c.period, c.period_start, c.status as call_status, c.booked_on, b.name as building_name, b.id as building_id,
            u.number as unit_number
       from accounting_call_lines l
       join accounting_calls_for_funds c on c.organisation_id = l.organisation_id and c.id = l.call_id
       join buildings b on b.organisation_id = c.organisation_id and b.id = c.building_id
       join units u on u.organisation_id = l.organisation_id and u.id = l.unit_id
      where l.organisation_id = :org and l.owner_id = any(:ids) and c.status <> 'draft'
      order by c.booked_on desc, c.created_at desc, l.position`,
    { org: tenant().organisationId, ids: owners.map((o) => o.id) }
  )
  const calls = new Map<string, any>()
  for (const l of lines) {
    const key = `${l.call_id}:${l.owner_id}`
    const entry = calls.get(key) ?? {
      callId: l.call_id,
      ownerId: l.owner_id,
      title: l.title,
      period: l.period,
      periodStart: isoDate(l.period_start),
      bookedOn: isoDate(l.booked_on),
      status: l.call_status,
      buildingId: l.building_id,
      buildingName: l.building_name,
      structuredCommunication: formatStructuredCommunication(l.structured_communication),
      lines: [] as any[],
    }
    entry.lines.push(serializeCallLine(l))
    calls.set(key, entry)
  }
  return [...calls.values()].map((c) => {
    const amount: bigint = c.lines.reduce((a: bigint, l: any) => a + toCents(l.amount), 0n)
    const paid: bigint = c.lines.reduce((a: bigint, l: any) => a + toCents(l.paidAmount), 0n)
    return {
      ...c,
      dueDate: c.lines[0].dueDate,
      amount: fromCents(amount),
      paidAmount: fromCents(paid),
      outstandingAmount: fromCents(amount - paid),
    }
  })
}

export default class PortalFundsController {
  async account(ctx: HttpContext) {
    const user = ctx.auth.user as { id: string }
    return { data: await accountOf(user.id) }
  }

  async checkout(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(portalCheckoutValidator)
    const checkout = await startOwnerCheckout(ctx, {
      buildingId: payload.buildingId,
      ownerId: payload.ownerId,
      slug: ctx.organisation.slug,
      locale: (ctx.auth.user as { locale?: string | null }).locale ?? null,
    })
    return ctx.response.created(checkout)
  }

  // The shared `organisation` prop (id, slug, branding) serves these pages: a page-level
  // one would replace it and lose the syndic's branding in the portal header.
  async accountPage(ctx: HttpContext) {
    const user = ctx.auth.user as { id: string }
    const paid = ctx.request.qs().paid
    return renderPage(ctx, 'accounting/portal/account', {
      accounts: await accountOf(user.id),
      justPaid: typeof paid === 'string' && paid.length > 0,
    })
  }

  async callsPage(ctx: HttpContext) {
    const user = ctx.auth.user as { id: string }
    return renderPage(ctx, 'accounting/portal/calls', {
      calls: await callsOf(user.id),
    })
  }

  /** The owner's own PDF of a call (404 for a call that is not theirs or still a draft). */
  async callPdf(ctx: HttpContext) {
    const user = ctx.auth.user as { id: string }
    const owners = await myOwners(user.id)
    const mine = await rows(
      `select distinct l.owner_id from accounting_call_lines l
         join accounting_calls_for_funds c on c.organisation_id = l.organisation_id and c.id = l.call_id
        where l.organisation_id = :org and l.call_id = :id and c.status <> 'draft' ${owners.length ? 'and l.owner_id = any(:ids)' : 'and false'}`,
      {
        org: tenant().organisationId,
        id: ctx.params.id,
        ...(owners.length ? { ids: owners.map((o) => o.id) } : {}),
      }
    )
    const ownerId = (ctx.request.qs().ownerId as string | undefined) ?? mine[0]?.owner_id
    if (!ownerId || !mine.some((m) => m.owner_id === ownerId))
      throw ApiError.notFound('Call for funds not found')
    const { pdf, filename } = await renderOwnerCallPdf(ctx.params.id, ownerId)
    ctx.response.header('Content-Type', 'application/pdf')
    ctx.response.header('Content-Disposition', contentDisposition(filename))
    return ctx.response.send(pdf)
  }
}
