import drive from '@adonisjs/drive/services/main'
import { escapeHtml as e } from '#pdf/pdf_service'
import { pdfDocument, type PdfBranding } from '#pdf/pdf_layout'
import { formatDate, formatMoney } from './etat_date_html.js'
import type { DocLocale } from './etat_date_i18n.js'

/*
| Work report PDF: header facts, description, materials with totals (as stored), and
| the photos embedded as data: URLs (documents fetch nothing) — thumbnails when made.
*/
const L: Record<DocLocale, Record<string, string>> = {
  fr: {
    title: 'Rapport de travaux',
    contractor: 'Prestataire',
    building: 'Immeuble',
    date: 'Date',
    hours: 'Heures prestées',
    status: 'Statut',
    materials: 'Matériaux',
    name: 'Article',
    qty: 'Quantité',
    price: 'Prix unitaire',
    total: 'Total',
    photos: 'Photos',
    description: 'Description',
    none: 'Néant.',
  },
  nl: {
    title: 'Werkverslag',
    contractor: 'Aannemer',
    building: 'Gebouw',
    date: 'Datum',
    hours: 'Gewerkte uren',
    status: 'Status',
    materials: 'Materialen',
    name: 'Artikel',
    qty: 'Hoeveelheid',
    price: 'Eenheidsprijs',
    total: 'Totaal',
    photos: 'Foto’s',
    description: 'Omschrijving',
    none: 'Geen.',
  },
  de: {
    title: 'Arbeitsbericht',
    contractor: 'Auftragnehmer',
    building: 'Gebäude',
    date: 'Datum',
    hours: 'Arbeitsstunden',
    status: 'Status',
    materials: 'Material',
    name: 'Artikel',
    qty: 'Menge',
    price: 'Einzelpreis',
    total: 'Summe',
    photos: 'Fotos',
    description: 'Beschreibung',
    none: 'Keine.',
  },
  en: {
    title: 'Work report',
    contractor: 'Contractor',
    building: 'Building',
    date: 'Date',
    hours: 'Hours worked',
    status: 'Status',
    materials: 'Materials',
    name: 'Item',
    qty: 'Quantity',
    price: 'Unit price',
    total: 'Total',
    photos: 'Photos',
    description: 'Description',
    none: 'None.',
  },
}

export async function workReportHtml(
  report: Record<string, any>,
  photos: Record<string, any>[],
  branding: PdfBranding,
  locale: DocLocale
) {
  const t = L[locale]
  const images: string[] = []
  for (const p of photos) {
    const key = p.thumbnail_key ?? p.storage_key
    const mime = p.thumbnail_key ? 'image/webp' : p.mime_type
    const bytes = Buffer.from(await drive.use().getBytes(key))
    images.push(
      `<figure><img src="data:${mime};base64,${bytes.toString('base64')}" alt="${e(p.name)}"><figcaption>${e(p.name)}</figcaption></figure>`
    )
  }
  const materials = report.materials as {
    name: string
    quantity: string
    unitPrice: string
    total: string
  }[]
  const body = `
  <table class="kv">
    <tr><th>${e(t.contractor)}</th><td>${e(report.contractor?.name ?? '')}</td></tr>
    <tr><th>${e(t.building)}</th><td>${e(report.building?.name ?? '')}</td></tr>
    <tr><th>${e(t.date)}</th><td>${formatDate(report.workDate, locale)}</td></tr>
    <tr><th>${e(t.hours)}</th><td>${e(report.hoursWorked)}</td></tr>
    <tr><th>${e(t.status)}</th><td>${e(report.status)}</td></tr>
  </table>
  <h2>${e(t.description)}</h2><p style="white-space:pre-line">${e(report.description)}</p>
  <h2>${e(t.materials)}</h2>
  ${
    materials.length
      ? `<table><thead><tr><th>${e(t.name)}</th><th class="num">${e(t.qty)}</th><th class="num">${e(t.price)}</th><th class="num">${e(t.total)}</th></tr></thead><tbody>${materials
          .map(
            (m) =>
              `<tr><td>${e(m.name)}</td><td class="num">${e(m.quantity)}</td><td class="num">${formatMoney(m.unitPrice, locale)}</td><td class="num">${formatMoney(m.total, locale)}</td></tr>`
          )
          .join(
            ''
          )}</tbody><tfoot><tr><th colspan="3">${e(t.total)}</th><th class="num">${formatMoney(report.materialsTotal, locale)}</th></tr></tfoot></table>`
      : `<p class="muted">${e(t.none)}</p>`
  }
  <h2>${e(t.photos)} (${photos.length})</h2>
  <div class="photos">${images.join('') || `<p class="muted">${e(t.none)}</p>`}</div>`
  return pdfDocument({
    title: `${t.title} — ${report.title}`,
    locale,
    branding,
    body,
    css: `table.kv th { width: 30%; background: transparent; }
      .photos { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
      figure { margin: 0; break-inside: avoid; } figure img { width: 100%; max-height: 90mm; object-fit: contain; border: 1px solid #ddd; }
      figcaption { font-size: 8pt; color: #555; }`,
  })
}
