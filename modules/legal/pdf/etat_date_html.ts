import { escapeHtml as e } from '#pdf/pdf_service'
import { pdfDocument, type PdfBranding } from '#pdf/pdf_layout'
import { formatCents, toCentsOrNull } from '#services/money'
import type { EtatDateSnapshot, Section } from '../services/etat_date_sections.js'
import { docLocale, docT, type DocLocale } from './etat_date_i18n.js'

/*
| The état daté as a legal document: numbered and titled sections in the notary's
| language, unit and owner identification up front, amounts exactly as the ledger gives
| them (decimal strings, formatted but never recomputed), "page x / y" in the footer.
*/
export function formatMoney(value: unknown, locale: DocLocale): string {
  if (value === null || value === undefined || value === '') return '—'
  // Exact: the amount goes to Intl as a decimal string (never a double), rounded half-up
  // to the cent by the core helper first, so 90071992547409.93 prints as it is.
  const cents = toCentsOrNull(value)
  if (cents === null) return e(value)
  return moneyFormat(locale).format(formatCents(cents) as Intl.StringNumericLiteral)
}

const moneyFormats = new Map<DocLocale, Intl.NumberFormat>()
function moneyFormat(locale: DocLocale): Intl.NumberFormat {
  let format = moneyFormats.get(locale)
  if (!format) {
    format = new Intl.NumberFormat(`${locale}-BE`, {
      style: 'currency',
      currency: 'EUR',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    })
    moneyFormats.set(locale, format)
  }
  return format
}

export function formatDate(value: unknown, locale: DocLocale): string {
  if (!value) return '—'
  const s = String(value).slice(0, 10)
  const [y, m, d] = s.split('-').map(Number)
  if (!y || !m || !d) return e(value)
  return new Intl.DateTimeFormat(`${locale}-BE`, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d))
  )
}

function table(headers: string[], rows: string[][], numeric: number[] = []) {
  const th = headers
    .map((h, i) => `<th${numeric.includes(i) ? ' class="num"' : ''}>${e(h)}</th>`)
    .join('')
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`
    )
    .join('')
  return `<table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`
}

function dl(pairs: [string, string][]) {
  return `<table class="kv">${pairs
    .map(([k, v]) => `<tr><th scope="row">${e(k)}</th><td>${v}</td></tr>`)
    .join('')}</table>`
}

function sectionBody(section: Section, l: DocLocale): string {
  const t = (k: string) => docT(l, k)
  if (!section.available) return `<p class="notice">${e(t('noAccounting'))}</p>`
  const d = section.data as Record<string, any>
  const none = `<p class="muted">${e(t('none'))}</p>`
  switch (section.key) {
    case 'identification': {
      const b = d.building
      const u = d.unit
      return (
        dl([
          [t('building'), e(b.name)],
          [t('address'), e(`${b.street}, ${b.postalCode} ${b.city}`)],
          [t('enterpriseNumber'), e(b.enterpriseNumber ?? '—')],
          [t('unit'), e(u.number)],
          [t('unitType'), e(u.type)],
          [t('floor'), e(u.floor ?? '—')],
          [t('area'), e(u.area ?? '—')],
        ]) +
        `<h3>${e(t('owners'))}</h3>` +
        (d.owners.length
          ? table(
              [t('owner'), t('email'), t('share')],
              d.owners.map((o: any) => [e(o.name), e(o.email ?? '—'), `${e(o.percentage)} %`]),
              [2]
            )
          : none)
      )
    }
    case 'quotas':
      return (
        table(
          ['', t('quota'), t('totalQuota')],
          [
            [e(t('ordinary')), e(d.ordinary.quota), e(d.ordinary.total)],
            [e(t('extraordinary')), e(d.extraordinary.quota), e(d.extraordinary.total)],
          ],
          [1, 2]
        ) + (d.singleKey ? `<p class="muted">${e(t('quotaNote'))}</p>` : '')
      )
    case 'financial_situation':
      return d.ownerBalance.length
        ? table(
            [t('owner'), t('balance')],
            d.ownerBalance.map((o: any) => [e(o.name), formatMoney(o.balance, l)]),
            [1]
          )
        : none
    case 'provisions':
      return d.provisions
        ? dl([
            [t('ordinary'), formatMoney(d.provisions.ordinary, l)],
            [t('extraordinary'), formatMoney(d.provisions.extraordinary, l)],
            [t('period'), e(d.provisions.period)],
          ])
        : none
    case 'balance':
      return dl([[t('balanceDue'), `<strong>${formatMoney(d.balanceDue, l)}</strong>`]])
    case 'works_voted_not_called':
      return d.works.length
        ? table(
            [t('description'), t('amount')],
            d.works.map((w: any) => [e(w.description), formatMoney(w.amount, l)]),
            [1]
          )
        : none
    case 'disputes':
    case 'legal_proceedings':
      return d.items.length
        ? table(
            [
              t('description'),
              t('counterparty'),
              t('court'),
              t('openedOn'),
              t('amount'),
              t('status'),
            ],
            d.items.map((x: any) => [
              `<strong>${e(x.title)}</strong>${x.description ? `<br><span class="muted">${e(x.description)}</span>` : ''}`,
              e(x.counterparty ?? '—'),
              e([x.court, x.caseNumber].filter(Boolean).join(' — ') || '—'),
              formatDate(x.openedOn, l),
              formatMoney(x.amountClaimed, l),
              e(t(`status.${x.status}`)),
            ]),
            [4]
          )
        : none
    case 'insurance_claims':
      return d.items.length
        ? table(
            [t('date'), t('description'), t('amount'), t('status')],
            d.items.map((x: any) => [
              formatDate(x.claimDate, l),
              e(x.description),
              formatMoney(x.amount, l),
              e(t(`status.${x.status}`)),
            ]),
            [2]
          )
        : none
    case 'statutes':
      return (
        `<p>${e(t('statutes'))}</p>` +
        (d.documents.length
          ? table(
              [t('documents'), t('date')],
              d.documents.map((x: any) => [e(x.name), formatDate(x.createdAt, l)])
            )
          : none)
      )
    case 'assembly_minutes':
      return d.items.length
        ? d.items
            .map(
              (m: any) =>
                `<div class="box"><strong>${formatDate(m.heldOn, l)}</strong> (${e(m.kind)})<ul>${m.decisions
                  .map((x: string) => `<li>${e(x)}</li>`)
                  .join('')}</ul></div>`
            )
            .join('')
        : `<p class="muted">${e(t('noMinutes'))}</p>`
    case 'insurance_contracts':
      return d.items.length
        ? table(
            [t('insurer'), t('policy'), t('cover'), t('premium'), t('renewal')],
            d.items.map((x: any) => [
              e(x.insurer),
              e(x.policyNumber),
              e(x.cover),
              formatMoney(x.premium, l),
              formatDate(x.renewalDate, l),
            ]),
            [3]
          )
        : none
    case 'service_contracts':
      return d.items.length
        ? table(
            [t('supplier'), t('object'), t('start'), t('end'), t('notice'), t('amount')],
            d.items.map((x: any) => [
              e(x.supplier),
              e(x.object),
              formatDate(x.startDate, l),
              formatDate(x.endDate, l),
              e(x.noticePeriodDays ?? '—'),
              formatMoney(x.amount, l),
            ]),
            [4, 5]
          )
        : none
    case 'charges_history':
      return d.years.length
        ? table(
            [t('fiscalYear'), t('ordinary'), t('extraordinary')],
            d.years.map((y: any) => [
              e(y.fiscalYear),
              formatMoney(y.ordinary, l),
              formatMoney(y.extraordinary, l),
            ]),
            [1, 2]
          )
        : none
    case 'reserve_fund':
      return dl([
        [t('reserveTotal'), formatMoney(d.reserveFund.total, l)],
        [t('unitShare'), `<strong>${formatMoney(d.reserveFund.unitShare, l)}</strong>`],
      ])
    case 'syndic_contact': {
      const s = d.syndic
      const addr = s.address
        ? [s.address.street, [s.address.postalCode, s.address.city].filter(Boolean).join(' ')]
            .filter(Boolean)
            .join(', ')
        : '—'
      return dl([
        [t('syndic'), e(s.name)],
        [t('address'), e(addr)],
        [t('email'), e(s.email ?? '—')],
        [t('phone'), e(s.phone ?? '—')],
        [t('vat'), e(s.vatNumber ?? '—')],
      ])
    }
  }
}

export function etatDateHtml(snapshot: EtatDateSnapshot, branding: PdfBranding): string {
  const l = docLocale(snapshot.locale)
  const t = (k: string) => docT(l, k)
  const ed = snapshot.etatDate
  const head = dl([
    [
      t('requestedBy'),
      e([ed.notaryName, ed.notaryOffice, ed.notaryEmail].filter(Boolean).join(' — ')),
    ],
    [t('requestDate'), formatDate(ed.requestDate, l)],
    [t('dueDate'), formatDate(ed.dueDate, l)],
    [t('saleDate'), formatDate(ed.saleDate, l)],
    [t('reference'), e(ed.reference ?? '—')],
    [t('asOf'), formatDate(snapshot.asOf, l)],
    [t('version'), e(snapshot.version)],
  ])
  const sections = snapshot.sections
    .map(
      (s) =>
        `<section class="s" id="s${s.number}"><h2>${s.number}. ${e(t(`s.${s.number}`))}</h2>${sectionBody(s, l)}</section>`
    )
    .join('\n')
  const body = `<div class="box head">${head}</div>${sections}
<p class="sign">${e(t('generatedOn'))} ${formatDate(snapshot.generatedAt, l)} — ${e(t('signature'))} ${e(branding.displayName || branding.name)}</p>`
  return pdfDocument({
    title: t('title'),
    subtitle: t('subtitle'),
    locale: l,
    branding,
    body,
    css: `
      table.kv th { width: 38%; background: transparent; font-weight: 600; }
      h3 { font-size: 10.5pt; margin: 10px 0 4px; }
      section.s { break-inside: auto; }
      section.s h2 { border-bottom: 1px solid #ddd; padding-bottom: 2px; }
      .notice { border-left: 3px solid #b45309; padding: 4px 8px; background: #fffbeb; }
      .head { background: #f9fafb; }
      .sign { margin-top: 24px; font-style: italic; }
    `,
  })
}
