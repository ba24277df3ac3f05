import type { HttpContext } from '@adonisjs/core/http'
import { createPaymentCheckout } from '#billing/payment_checkout'
import type { CheckoutCompleted } from '#billing/checkout_hooks'
import { withTenant } from '#tenancy/tenant_context'
import { appUrl } from '#jobs/core/invitation_email_job'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { one, ownerName, rows, tenant } from './db.js'
import { fromCents, toCents } from '#services/money'
import { fundsToday } from './clock.js'
import { ownerBalance, recordPayment } from './payment_service.js'

/*
| Paying online from the owner portal (SPEC §6): a Stripe Checkout session for the
| owner's outstanding balance in one building (card, Bancontact, SEPA), through the
| billing seam. The billing webhook calls `handleOwnerCheckout` once per event; the
| unique index on accounting_payments.stripe_session_id makes a second delivery a no-op,
| so the payment is posted exactly once.
*/
export const OWNER_PAYMENT_PURPOSE = 'accounting.owner_payment'

/** The owner records of the signed-in user in the current organisation. */
export async function myOwners(userId: string) {
  return rows(
    `select * from owners where organisation_id = :org and user_id = :u order by created_at`,
    {
      org: tenant().organisationId,
      u: userId,
    }
  )
}

export async function startOwnerCheckout(
  ctx: HttpContext,
  input: { buildingId: string; ownerId?: string; slug: string; locale?: string | null }
) {
  const user = ctx.auth.user as { id: string }
  const owners = await myOwners(user.id)
  const candidates = input.ownerId ? owners.filter((o) => o.id === input.ownerId) : owners
  if (!candidates.length) throw ApiError.notFound('No co-owner account of yours was found')
  let chosen: { owner: Record<string, any>; due: bigint } | null = null
  for (const owner of candidates) {
    const balance = await ownerBalance(owner.id)
    const inBuilding = balance.buildings.find((b) => b.buildingId === input.buildingId)
    if (inBuilding && toCents(inBuilding.balance) > 0n) {
      chosen = { owner, due: toCents(inBuilding.balance) }
      break
    }
  }
  if (!chosen) throw ApiError.invalidState('Nothing to pay for this building')
  const building = await one(
    `select name from buildings where id = :id and organisation_id = :org`,
    {
      id: input.buildingId,
      org: tenant().organisationId,
    }
  )
  if (!building) throw ApiError.notFound('Building not found')
  // Back to the host the owner is using (the portal may be served on its own domain).
  const origin = ctx.request.host() ? `${ctx.request.protocol()}://${ctx.request.host()}` : appUrl()
  const base = `${origin}/o/${encodeURIComponent(input.slug)}/accounting`
  const checkout = await createPaymentCheckout({
    purpose: OWNER_PAYMENT_PURPOSE,
    organisationId: tenant().organisationId,
    amount: fromCents(chosen.due),
    description: `${building.name} – ${ownerName(chosen.owner)}`,
    metadata: { ownerId: chosen.owner.id, buildingId: input.buildingId, userId: user.id },
    successUrl: `${base}?paid={CHECKOUT_SESSION_ID}`,
    cancelUrl: base,
    customerEmail: chosen.owner.email,
    paymentMethodTypes: ['card', 'bancontact', 'sepa_debit'],
    locale: input.locale ?? chosen.owner.locale ?? null,
  })
  await audit(ctx, {
    action: 'accounting.online_payment.started',
    subjectType: 'owner',
    subjectId: chosen.owner.id,
    metadata: {
      buildingId: input.buildingId,
      amount: fromCents(chosen.due),
      sessionId: checkout.id,
    },
  })
  return { ...checkout, amount: fromCents(chosen.due) }
}

export async function handleOwnerCheckout(event: CheckoutCompleted) {
  await withTenant(event.organisationId, async () => {
    const existing = await one(
      `select id from accounting_payments where organisation_id = :org and stripe_session_id = :s`,
      { org: event.organisationId, s: event.sessionId }
    )
    if (existing) return
    const { ownerId, buildingId, userId } = event.metadata
    if (!ownerId || !buildingId) return
    await recordPayment(
      null,
      buildingId,
      {
        ownerId,
        amount: event.amountTotal,
        date: fundsToday(),
        method: 'card',
        reference: `Stripe ${event.paymentIntentId ?? event.sessionId}`.slice(0, 140),
      },
      { stripeSessionId: event.sessionId, createdBy: userId ?? null }
    )
  })
}
