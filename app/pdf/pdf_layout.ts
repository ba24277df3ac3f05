import { escapeHtml } from '#pdf/pdf_service'

/*
| The shared frame of every generated document: the organisation's branding (display
| name, colour, logo when it is a data: URL — documents fetch nothing), a title block,
| and print CSS for A4. Modules pass their body HTML (already escaped where it holds
| user text: use `escapeHtml`).
*/
export interface PdfBranding {
  name: string
  displayName?: string | null
  primaryColor?: string | null
  logoUrl?: string | null
  address?: Record<string, string> | null
  contactEmail?: string | null
  contactPhone?: string | null
  vatNumber?: string | null
}

export interface PdfDocumentInput {
  title: string
  subtitle?: string
  locale: 'fr' | 'nl' | 'de' | 'en' | string
  branding: PdfBranding
  body: string
  /** Extra CSS of the document. */
  css?: string
}

const SAFE_COLOUR = /^#[0-9a-fA-F]{6}$/

export function pdfDocument(input: PdfDocumentInput): string {
  const b = input.branding
  const colour = b.primaryColor && SAFE_COLOUR.test(b.primaryColor) ? b.primaryColor : '#1d4ed8'
  const logo =
    b.logoUrl && b.logoUrl.startsWith('data:image/')
      ? `<img class="logo" src="${escapeHtml(b.logoUrl)}" alt="">`
      : ''
  const address = b.address
    ? [b.address.street, [b.address.postalCode, b.address.city].filter(Boolean).join(' ')]
        .filter(Boolean)
        .map(escapeHtml)
        .join(' · ')
    : ''
  const contact = [b.contactEmail, b.contactPhone, b.vatNumber]
    .filter(Boolean)
    .map(escapeHtml)
    .join(' · ')
  return `<!doctype html>
<html lang="${escapeHtml(input.locale)}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(input.title)}</title>
<style>
  @page { size: A4; }
  * { box-sizing: border-box; }
  body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; font-size: 10pt; color: #111; margin: 0; }
  header.brand { display: flex; align-items: center; gap: 12px; border-bottom: 3px solid ${colour}; padding-bottom: 8px; margin-bottom: 14px; }
  header.brand .logo { max-height: 42px; max-width: 160px; }
  header.brand .org { font-size: 13pt; font-weight: 700; color: ${colour}; }
  header.brand .meta { font-size: 8pt; color: #444; }
  h1 { font-size: 16pt; margin: 0 0 4px; }
  .subtitle { color: #444; margin: 0 0 14px; }
  h2 { font-size: 12pt; color: ${colour}; margin: 16px 0 6px; break-after: avoid; }
  table { width: 100%; border-collapse: collapse; margin: 6px 0 10px; }
  th, td { border-bottom: 1px solid #ddd; padding: 4px 6px; text-align: left; vertical-align: top; }
  th { background: #f3f4f6; font-weight: 600; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .muted { color: #555; }
  .box { border: 1px solid #ccc; border-radius: 4px; padding: 8px 10px; margin: 8px 0; break-inside: avoid; }
  ${input.css ?? ''}
</style>
</head>
<body>
<header class="brand">
  ${logo}
  <div>
    <div class="org">${escapeHtml(b.displayName || b.name)}</div>
    <div class="meta">${[address, contact].filter(Boolean).join('<br>')}</div>
  </div>
</header>
<h1>${escapeHtml(input.title)}</h1>
${input.subtitle ? `<p class="subtitle">${escapeHtml(input.subtitle)}</p>` : ''}
${input.body}
</body>
</html>`
}
