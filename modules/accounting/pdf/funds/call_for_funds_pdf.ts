import { escapeHtml, renderPdf } from '#pdf/pdf_service'
import { pdfDocument, type PdfBranding } from '#pdf/pdf_layout'
import { ApiError } from '#exceptions/api_error'
import { one, ownerName, tenant } from '../../services/funds/db.js'
import { callLines, callRow } from '../../services/funds/call_service.js'
import { fromCents, money, toCents } from '#services/money'
import { formatStructuredCommunication } from '../../services/funds/structured_communication.js'
import { epcQrSvg } from '../../services/funds/epc_qr.js'
import { isoDate } from '../../services/funds/clock.js'
import { docLocale, docT, formatDate, formatMoney, type DocLocale } from './messages.js'

/*
| One PDF per owner and call (SPEC §6): lots with quota and share, ordinary /
| extraordinary / consumption split, due date, the VME's IBAN, the Belgian structured
| communication and an EPC QR code, in the owner's language. Rendered on demand from
| the stored lines (deterministic): the send job, staff and the portal get the same file.
*/
export interface CallDocumentContext {
  call: Record<string, any>
  building: Record<string, any>
  settings: { iban: string | null; bic: string | null; beneficiary: string | null }
  branding: PdfBranding
  orgLocale: string
}

export async function loadCallDocumentContext(callId: string): Promise<CallDocumentContext> {
  const call = await callRow(callId)
  const { organisationId } = tenant()
  const building = await one(`select * from buildings where id = :id and organisation_id = :org`, {
    id: call.building_id,
    org: organisationId,
  })
  const settings = await one(
    `select iban, bic, beneficiary from accounting_funds_settings where organisation_id = :org and building_id = :b`,
    { org: organisationId, b: call.building_id }
  )
  const org = await one(`select * from organisations where id = :org`, { org: organisationId })
  return {
    call,
    building: building!,
    settings: {
      iban: settings?.iban ?? null,
      bic: settings?.bic ?? null,
      beneficiary: settings?.beneficiary ?? null,
    },
    orgLocale: org?.locale ?? 'fr',
    branding: {
      name: org?.name ?? '',
      displayName: org?.display_name ?? null,
      primaryColor: org?.primary_color ?? null,
      logoUrl: org?.logo_url ?? null,
      address: org?.address ?? null,
      contactEmail: org?.contact_email ?? null,
      contactPhone: org?.contact_phone ?? null,
      vatNumber: org?.vat_number ?? null,
    },
  }
}

function spacedIban(iban: string) {
  return iban.replace(/(.{4})/g, '$1 ').trim()
}

export function beneficiaryOf(ctx: CallDocumentContext) {
  return ctx.settings.beneficiary || `ACP ${ctx.building.name}`.slice(0, 70)
}

export interface OwnerDocument {
  html: string
  filename: string
  locale: DocLocale
  owner: Record<string, any>
  amount: string
  communication: string
}

export async function ownerCallDocument(
  ctx: CallDocumentContext,
  owner: Record<string, any>,
  lines: Record<string, any>[]
): Promise<OwnerDocument> {
  if (!lines.length) throw ApiError.notFound('This owner has no line in this call for funds')
  const locale = docLocale(owner.locale ?? ctx.orgLocale)
  const t = (key: Parameters<typeof docT>[1], vars?: Record<string, unknown>) =>
    escapeHtml(docT(locale, key, vars))
  const m = (v: string) => formatMoney(money(v), locale)
  const call = ctx.call
  let ord = 0n
  let ext = 0n
  let cons = 0n
  for (const l of lines) {
    ord += toCents(l.ordinary_amount)
    ext += toCents(l.extraordinary_amount)
    cons += toCents(l.consumption_amount)
  }
  const total = fromCents(ord + ext + cons)
  const communication = lines[0].structured_communication as string
  const due = isoDate(call.due_date)!
  const hasConsumption = cons > 0n
  const name = ownerName(owner)
  const address = owner.address
    ? [
        owner.address.street,
        [owner.address.postalCode, owner.address.city].filter(Boolean).join(' '),
      ].filter(Boolean)
    : []

  const lotRows = lines
    .map(
      (l) => `<tr>
        <td>${escapeHtml(l.unit_number)}</td>
        <td class="num">${Number(l.quota)} / ${Number(l.total_quota)}</td>
        <td class="num">${formatMoney(money(l.percentage), locale)} %</td>
        <td class="num">${m(l.ordinary_amount)}</td>
        <td class="num">${m(l.extraordinary_amount)}</td>
        ${hasConsumption ? `<td class="num">${m(l.consumption_amount)}</td>` : ''}
        <td class="num"><strong>${m(l.amount)}</strong></td>
      </tr>`
    )
    .join('')

  const consumptionRows = lines.flatMap((l) =>
    (l.consumption ?? []).map(
      (c: any) => `<tr>
        <td>${escapeHtml(l.unit_number)}</td>
        <td>${escapeHtml(c.label)}</td>
        <td>${escapeHtml(formatDate(c.from, locale))} – ${escapeHtml(formatDate(c.to, locale))}</td>
        <td class="num">${escapeHtml(c.quantity)} ${escapeHtml(c.unit)}</td>
        <td class="num">${escapeHtml(c.totalQuantity)} ${escapeHtml(c.unit)}</td>
        <td class="num">${m(c.amount)}</td>
      </tr>`
    )
  )

  const iban = ctx.settings.iban
  const qr =
    iban && toCents(total) > 0n
      ? await epcQrSvg({
          bic: ctx.settings.bic,
          name: beneficiaryOf(ctx),
          iban,
          amount: total,
          structuredCommunication: communication,
        })
      : ''

  const body = `
  <div class="top">
    <div class="box addressee">
      <div class="muted">${t('call.to')}</div>
      <strong>${escapeHtml(name)}</strong><br>
      ${address.map(escapeHtml).join('<br>')}
    </div>
    <table class="facts">
      <tr><th>${t('call.building')}</th><td>${escapeHtml(ctx.building.name)}<br><span class="muted">${escapeHtml(ctx.building.street)}, ${escapeHtml(ctx.building.postal_code)} ${escapeHtml(ctx.building.city)}</span></td></tr>
      <tr><th>${t('call.period')}</th><td>${t(`period.${call.period}` as any)} – ${t('call.periodStart', { date: formatDate(isoDate(call.period_start)!, locale) })}</td></tr>
      <tr><th>${t('call.issued')}</th><td>${escapeHtml(formatDate(isoDate(call.booked_on) ?? isoDate(call.created_at)!, locale))}</td></tr>
      <tr><th>${t('call.dueDate')}</th><td><strong>${escapeHtml(formatDate(due, locale))}</strong></td></tr>
    </table>
  </div>
  <h2>${t('call.lots')}</h2>
  <table>
    <thead><tr>
      <th>${t('call.lot')}</th><th class="num">${t('call.quota')}</th><th class="num">${t('call.share')}</th>
      <th class="num">${t('call.ordinary')}</th><th class="num">${t('call.extraordinary')}</th>
      ${hasConsumption ? `<th class="num">${t('call.consumption')}</th>` : ''}
      <th class="num">${t('call.total')}</th>
    </tr></thead>
    <tbody>${lotRows}</tbody>
    <tfoot><tr class="sum">
      <td colspan="3">${t('call.total')}</td>
      <td class="num">${m(fromCents(ord))}</td><td class="num">${m(fromCents(ext))}</td>
      ${hasConsumption ? `<td class="num">${m(fromCents(cons))}</td>` : ''}
      <td class="num"><strong>${m(total)} €</strong></td>
    </tr></tfoot>
  </table>
  ${
    consumptionRows.length
      ? `<h2>${t('call.consumptionTitle')}</h2>
  <table><thead><tr><th>${t('call.lot')}</th><th></th><th>${t('call.period')}</th><th class="num">${t('call.quantity')}</th><th class="num">${t('call.allQuantity')}</th><th class="num">${t('call.total')}</th></tr></thead>
  <tbody>${consumptionRows.join('')}</tbody></table>`
      : ''
  }
  <h2>${t('call.payment')}</h2>
  <div class="box pay">
    <div class="pay-facts">
      <div class="amount">${t('call.totalDue')}: <strong>${m(total)} €</strong></div>
      <table class="facts">
        <tr><th>${t('call.beneficiary')}</th><td>${escapeHtml(beneficiaryOf(ctx))}</td></tr>
        <tr><th>${t('call.iban')}</th><td class="mono">${escapeHtml(iban ? spacedIban(iban) : '—')}</td></tr>
        ${ctx.settings.bic ? `<tr><th>${t('call.bic')}</th><td class="mono">${escapeHtml(ctx.settings.bic)}</td></tr>` : ''}
        <tr><th>${t('call.communication')}</th><td class="mono ogm">${escapeHtml(formatStructuredCommunication(communication))}</td></tr>
        <tr><th>${t('call.dueDate')}</th><td>${escapeHtml(formatDate(due, locale))}</td></tr>
      </table>
      <p class="muted">${t('call.note')}</p>
    </div>
    ${qr ? `<div class="qr">${qr}<div class="muted">${t('call.scan')}</div></div>` : ''}
  </div>`

  const html = pdfDocument({
    title: `${docT(locale, 'call.title')} – ${call.title}`,
    subtitle: ctx.building.name,
    locale,
    branding: ctx.branding,
    body,
    css: `
      .top { display: flex; gap: 16px; align-items: flex-start; }
      .top .addressee { width: 45%; min-height: 80px; }
      .top .facts { width: 55%; }
      table.facts th { width: 38%; background: none; font-weight: 600; }
      tr.sum td { font-weight: 700; border-top: 2px solid #333; }
      .pay { display: flex; gap: 16px; align-items: center; }
      .pay-facts { flex: 1; }
      .amount { font-size: 13pt; margin-bottom: 6px; }
      .mono { font-family: "DejaVu Sans Mono", monospace; }
      .ogm { font-size: 12pt; font-weight: 700; letter-spacing: 0.5px; }
      .qr { width: 150px; text-align: center; font-size: 7.5pt; }
      .qr svg { width: 140px; height: 140px; }
    `,
  })
  const filename = `${docT(locale, 'call.title').replace(/\s+/g, '-').toLowerCase()}-${String(
    call.title
  )
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .slice(0, 40)}-${name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 30)}.pdf`
  return { html, filename, locale, owner, amount: total, communication }
}

/** Owner's PDF of one call (404 when the owner has no line in it). */
export async function renderOwnerCallPdf(callId: string, ownerId: string) {
  const ctx = await loadCallDocumentContext(callId)
  const owner = await one(`select * from owners where id = :id and organisation_id = :org`, {
    id: ownerId,
    org: tenant().organisationId,
  })
  if (!owner) throw ApiError.notFound('Owner not found')
  const lines = await callLines(callId, ownerId)
  const doc = await ownerCallDocument(ctx, owner, lines)
  const pdf = await renderPdf(doc.html, {
    footerText: `${ctx.call.title} – ${formatStructuredCommunication(doc.communication)}`,
  })
  return { pdf, filename: doc.filename }
}
