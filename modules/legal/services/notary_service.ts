import { createHash, randomBytes } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import limiter from '@adonisjs/limiter/services/main'
import { errors as limiterErrors } from '@adonisjs/limiter'
import Organisation from '#models/organisation'
import moduleAccess from '#core_modules/module_access'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { notify } from '#services/notification_service'
import { pageParams } from '#services/pagination'
import { withTenant } from '#tenancy/tenant_context'
import { createPaymentCheckout } from '#billing/payment_checkout'
import type { CheckoutCompleted } from '#billing/checkout_hooks'
import { appOrigin } from '#billing/billing_urls'
import legalConfig from '#config/legal'
import { moneyOrNull, toCentsOrNull } from '#services/money'
import { todayInBrussels } from './working_days.js'
import { etatDatePdf, requestEtatDate, serializeEtatDate } from './etat_date_service.js'
import { memberUserIds } from './people.js'
import { findOr404, insert, isoDate, isoTime, pagedRows, table, tenant, update } from './common.js'

/*
| Notary self-service (issue 9): a public page per organisation where a notary asks for
| an état daté, pays the organisation's fee through Stripe Checkout (none when the fee
| is 0) and follows the request through a tracking link. The link's token (256 bits,
| only its SHA-256 is stored) is the notary's only credential: it opens exactly one
| request, never a list. Rate-limited per IP.
*/
export const NOTARY_FEE_PURPOSE = 'legal.notary_fee'

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

/** The organisation of a public notary page: unknown slug or legal off → 404. */
export async function notaryOrganisation(slug: string): Promise<Organisation> {
  const org = await Organisation.findBy('slug', String(slug).toLowerCase())
  if (!org || org.status === 'suspended') throw ApiError.notFound('Page not found')
  if (!(await moduleAccess.isEnabledFor(org.id, 'legal'))) throw ApiError.notFound('Page not found')
  return org
}

/** The organisation's notary fee (module settings of `legal`), decimal string. */
export async function notaryFee(): Promise<string> {
  const row = await table('organisation_modules').where('module_key', 'legal').first()
  const fee = (row?.settings as Record<string, unknown> | undefined)?.notaryFee
  return moneyOrNull(fee ?? legalConfig.notary.defaultFee) ?? '0.00'
}

export async function legalSettings() {
  return { notaryFee: await notaryFee() }
}

export async function updateLegalSettings(ctx: HttpContext, payload: { notaryFee: unknown }) {
  const fee = moneyOrNull(payload.notaryFee)!
  const previous = await notaryFee()
  const { trx, organisationId } = tenant()
  const current = await table('organisation_modules').where('module_key', 'legal').first()
  const settings = { ...((current?.settings as object) ?? {}), notaryFee: fee }
  if (current) {
    await table('organisation_modules')
      .where('module_key', 'legal')
      .update({ settings: JSON.stringify(settings), updated_at: new Date() })
  } else {
    await trx
      .insertQuery()
      .table('organisation_modules')
      .insert({
        organisation_id: organisationId,
        module_key: 'legal',
        enabled: true,
        source: 'manual',
        settings: JSON.stringify(settings),
      })
  }
  await audit(ctx, {
    action: 'legal.settings.updated',
    subjectType: 'module',
    subjectId: 'legal',
    metadata: { notaryFee: { from: previous, to: fee } },
  })
  return { notaryFee: fee }
}

const normalise = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')

/** The unit the notary means: same postal code, same street (accents/spaces ignored), same number. */
async function matchUnit(building: { street: string; postalCode: string }, unitNumber: string) {
  const candidates = await table('buildings')
    .where('postal_code', building.postalCode)
    .select('id', 'street')
  const wanted = normalise(building.street)
  const buildings = candidates.filter((b: any) => {
    const have = normalise(b.street)
    return have === wanted || have.startsWith(wanted) || wanted.startsWith(have)
  })
  if (buildings.length !== 1) return null
  const units = await table('units')
    .where('building_id', buildings[0].id)
    .whereRaw('lower(number) = lower(?)', [unitNumber.trim()])
    .select('id')
  return units.length === 1 ? (units[0].id as string) : null
}

/** Creating requests is tight (5 per IP / 10 min); reading the tracking page is looser. */
function notaryLimiter(scope: 'create' | 'track') {
  return limiter.use({
    requests:
      scope === 'create'
        ? legalConfig.notary.requestsPerWindow
        : legalConfig.notary.trackingPerWindow,
    duration: legalConfig.notary.window,
  })
}

async function throttle(ctx: HttpContext, scope: 'create' | 'track') {
  try {
    await notaryLimiter(scope).consume(`legal_notary:${scope}:${ctx.request.ip()}`)
  } catch (error) {
    if (error instanceof limiterErrors.ThrottleException)
      throw ApiError.tooManyRequests(error.response.availableIn)
    throw error
  }
}

/** Forgets the notary limits of one IP (tests; support staff unblocking an office). */
export async function resetNotaryLimits(ip: string) {
  for (const scope of ['create', 'track'] as const)
    await notaryLimiter(scope).delete(`legal_notary:${scope}:${ip}`)
}

/** Queues a paid (or free) request: an état daté when the unit is known, else `unmatched`. */
async function queueRequest(row: Record<string, any>) {
  if (row.unit_id) {
    const etatDate = await requestEtatDate(
      null,
      row.unit_id,
      {
        requestedBy: {
          notaryName: row.notary_name,
          notaryEmail: row.email,
          notaryOffice: row.office,
        },
        locale: row.locale,
        saleDate: isoDate(row.sale_date),
        reference: row.reference,
      },
      {
        source: 'notary_portal',
        actor: null,
        // The 15 working days run from the (paid) request, even if matching came later.
        requestDate: todayInBrussels(row.paid_at ? new Date(row.paid_at) : new Date()),
      }
    )
    await update('legal_notary_requests', row.id, {
      status: 'queued',
      etat_date_id: etatDate.id,
    })
    return
  }
  await update('legal_notary_requests', row.id, { status: 'unmatched' })
  await notify({
    userIds: await memberUserIds(),
    type: 'legal.notary_request_unmatched',
    title: `Notary request to match: ${row.street}, ${row.postal_code} — unit ${row.unit_number}`,
    body: `${row.notary_name} (${row.office})`,
    url: `/app/legal/etat-dates`,
    data: { notaryRequestId: row.id },
  })
}

export async function createNotaryRequest(ctx: HttpContext, slug: string, payload: any) {
  const org = await notaryOrganisation(slug)
  await throttle(ctx, 'create')
  const token = randomBytes(32).toString('base64url')
  const origin = appOrigin(ctx)
  const trackingUrl = `${origin}/o/${org.slug}/notary/track/${token}`
  return withTenant(org.id, async () => {
    const fee = await notaryFee()
    const unitId = await matchUnit(payload.building, payload.unitNumber)
    const row = await insert('legal_notary_requests', {
      token_hash: hashToken(token),
      status: 'pending_payment',
      notary_name: payload.notaryName,
      office: payload.office,
      email: payload.email.toLowerCase(),
      locale: payload.locale ?? org.locale ?? 'fr',
      street: payload.building.street,
      postal_code: payload.building.postalCode,
      city: payload.building.city,
      unit_number: payload.unitNumber,
      sale_date: payload.saleDate ?? null,
      reference: payload.reference ?? null,
      fee,
      unit_id: unitId,
    })
    await audit(ctx, {
      action: 'legal.notary_request.created',
      subjectType: 'legal_notary_request',
      subjectId: row.id,
      actorId: null,
      metadata: { fee, matched: !!unitId },
    })
    let checkoutUrl: string | null = null
    if ((toCentsOrNull(fee) ?? 0n) > 0n) {
      const session = await createPaymentCheckout({
        purpose: NOTARY_FEE_PURPOSE,
        organisationId: org.id,
        amount: fee,
        description: `État daté — ${payload.building.street}, ${payload.building.postalCode} ${payload.building.city} — ${payload.unitNumber}`,
        metadata: { notaryRequestId: row.id },
        successUrl: `${trackingUrl}?paid=1`,
        cancelUrl: `${origin}/o/${org.slug}/notary?cancelled=1`,
        customerEmail: row.email,
        locale: row.locale,
      })
      checkoutUrl = session.url
      await update('legal_notary_requests', row.id, { checkout_session_id: session.id })
    } else {
      await update('legal_notary_requests', row.id, { paid_at: new Date() })
      await queueRequest({ ...row, paid_at: new Date() })
    }
    const fresh = await table('legal_notary_requests').where('id', row.id).first()
    return { ...(await trackingView(fresh)), trackingUrl, checkoutUrl }
  })
}

/** Stripe reported the fee paid (billing webhook, inside the organisation's transaction). */
export async function onNotaryFeePaid(event: CheckoutCompleted, _trx: TransactionClientContract) {
  const id = event.metadata.notaryRequestId
  if (!id) return
  const row = await table('legal_notary_requests').where('id', id).forUpdate().first()
  if (!row || row.status !== 'pending_payment') return
  await update('legal_notary_requests', id, { paid_at: new Date() })
  await audit(null, {
    action: 'legal.notary_request.paid',
    subjectType: 'legal_notary_request',
    subjectId: id,
    actorId: null,
    metadata: { sessionId: event.sessionId, amount: event.amountTotal, eventId: event.eventId },
  })
  await queueRequest(row)
}

/** What the notary sees: this request only. */
async function trackingView(row: Record<string, any>) {
  const etatDate = row.etat_date_id
    ? await table('legal_etat_dates').where('id', row.etat_date_id).first()
    : null
  const ed = etatDate ? serializeEtatDate(etatDate) : null
  const delivered = ed?.status === 'delivered'
  return {
    status: ed ? ed.status : row.status,
    requestStatus: row.status,
    fee: moneyOrNull(row.fee),
    paid: !!row.paid_at,
    requestedAt: isoTime(row.created_at),
    requestDate: ed?.requestDate ?? todayInBrussels(new Date(row.created_at)),
    unitNumber: row.unit_number,
    building: { street: row.street, postalCode: row.postal_code, city: row.city },
    notaryName: row.notary_name,
    office: row.office,
    dueDate: ed?.dueDate ?? null,
    daysRemaining: ed?.daysRemaining ?? null,
    deliveredAt: ed?.deliveredAt ?? null,
    validUntil: ed?.validUntil ?? null,
    pdfAvailable: delivered,
  }
}

export async function findByToken(slug: string, token: string) {
  const org = await notaryOrganisation(slug)
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw ApiError.notFound('Request not found')
  return { org, tokenHash: hashToken(token) }
}

export async function trackNotaryRequest(ctx: HttpContext, slug: string, token: string) {
  const { org, tokenHash } = await findByToken(slug, token)
  await throttle(ctx, 'track')
  return withTenant(org.id, async () => {
    const row = await table('legal_notary_requests').where('token_hash', tokenHash).first()
    if (!row) throw ApiError.notFound('Request not found')
    return {
      ...(await trackingView(row)),
      organisation: { name: org.branding.displayName, slug: org.slug },
    }
  })
}

export async function notaryPdf(ctx: HttpContext, slug: string, token: string) {
  const { org, tokenHash } = await findByToken(slug, token)
  await throttle(ctx, 'track')
  return withTenant(org.id, async () => {
    const row = await table('legal_notary_requests').where('token_hash', tokenHash).first()
    if (!row || !row.etat_date_id) throw ApiError.notFound('Request not found')
    const ed = await table('legal_etat_dates').where('id', row.etat_date_id).first()
    if (!ed || ed.status !== 'delivered')
      throw ApiError.invalidState('The état daté has not been delivered yet')
    const pdf = await etatDatePdf(ed.id)
    await audit(ctx, {
      action: 'legal.notary_request.pdf_downloaded',
      subjectType: 'legal_notary_request',
      subjectId: row.id,
      actorId: null,
      metadata: { etatDateId: ed.id },
    })
    return pdf
  })
}

export function serializeNotaryRequest(row: Record<string, any>) {
  return {
    id: row.id,
    status: row.status,
    notaryName: row.notary_name,
    office: row.office,
    email: row.email,
    locale: row.locale,
    building: { street: row.street, postalCode: row.postal_code, city: row.city },
    unitNumber: row.unit_number,
    saleDate: isoDate(row.sale_date),
    reference: row.reference,
    fee: moneyOrNull(row.fee),
    paidAt: isoTime(row.paid_at),
    unitId: row.unit_id,
    etatDateId: row.etat_date_id,
    createdAt: isoTime(row.created_at),
  }
}

export async function listNotaryRequests(ctx: HttpContext) {
  const status = ctx.request.qs().status
  const allowed = ['pending_payment', 'queued', 'unmatched', 'cancelled']
  const query = table('legal_notary_requests').select('*')
  if (status !== undefined) {
    if (!allowed.includes(status))
      throw ApiError.validation('status', `status must be one of ${allowed.join(', ')}`)
    query.where('status', status)
  }
  return pagedRows(query, pageParams(ctx), serializeNotaryRequest, [
    ['created_at', 'desc'],
    ['id', 'asc'],
  ])
}

/** Staff links an unmatched (paid) request to the right unit: the état daté is created then. */
export async function assignNotaryRequest(ctx: HttpContext, id: string, unitId: string) {
  const row = await findOr404('legal_notary_requests', id, 'Notary request not found', true)
  if (row.status !== 'unmatched')
    throw ApiError.invalidState(`A ${row.status} request cannot be assigned`)
  if (!(await table('units').where('id', unitId).first()))
    throw ApiError.validation('unitId', 'Unknown unit')
  await update('legal_notary_requests', id, { unit_id: unitId })
  await queueRequest({ ...row, unit_id: unitId })
  await audit(ctx, {
    action: 'legal.notary_request.assigned',
    subjectType: 'legal_notary_request',
    subjectId: id,
    metadata: { unitId },
  })
  return serializeNotaryRequest(await table('legal_notary_requests').where('id', id).first())
}
