import { escapeHtml } from '#pdf/pdf_service'
import { pdfDocument, type PdfBranding } from '#pdf/pdf_layout'
import type {
  balanceSheet,
  incomeStatement,
  ownerBalances,
} from '../../services/ledger/report_service.js'

/*
| CSV and PDF renderings of the three reports. CSV: RFC 4180, comma-separated,
| decimal point (machine-readable); PDF: A4 through the shared layout, numbers in the
| reader's language (1 234,56 in fr/nl/de).
*/
type Locale = 'fr' | 'nl' | 'de' | 'en'
type BalanceSheet = Awaited<ReturnType<typeof balanceSheet>>
type IncomeStatement = Awaited<ReturnType<typeof incomeStatement>>
type OwnerBalances = Awaited<ReturnType<typeof ownerBalances>>
interface OwnerBalanceRow {
  ownerName: string | null
  debit: string
  credit: string
  balance: string
}

const T: Record<Locale, Record<string, string>> = {
  fr: {
    balanceSheet: 'Bilan',
    incomeStatement: 'Compte de résultats',
    ownerBalances: 'Soldes des copropriétaires',
    asOf: 'Au',
    period: 'Exercice',
    assets: 'Actif',
    liabilities: 'Passif',
    account: 'Compte',
    label: 'Libellé',
    amount: 'Montant',
    result: "Résultat de l'exercice en cours",
    total: 'Total',
    charges: 'Charges',
    income: 'Produits',
    netResult: 'Résultat',
    owner: 'Copropriétaire',
    debit: 'Débit',
    credit: 'Crédit',
    balance: 'Solde',
    unknownOwner: 'Sans copropriétaire',
    none: 'Aucun mouvement',
  },
  nl: {
    balanceSheet: 'Balans',
    incomeStatement: 'Resultatenrekening',
    ownerBalances: 'Saldi van de mede-eigenaars',
    asOf: 'Op',
    period: 'Boekjaar',
    assets: 'Activa',
    liabilities: 'Passiva',
    account: 'Rekening',
    label: 'Omschrijving',
    amount: 'Bedrag',
    result: 'Resultaat van het lopende boekjaar',
    total: 'Totaal',
    charges: 'Kosten',
    income: 'Opbrengsten',
    netResult: 'Resultaat',
    owner: 'Mede-eigenaar',
    debit: 'Debet',
    credit: 'Credit',
    balance: 'Saldo',
    unknownOwner: 'Zonder mede-eigenaar',
    none: 'Geen bewegingen',
  },
  de: {
    balanceSheet: 'Bilanz',
    incomeStatement: 'Ergebnisrechnung',
    ownerBalances: 'Salden der Miteigentümer',
    asOf: 'Zum',
    period: 'Geschäftsjahr',
    assets: 'Aktiva',
    liabilities: 'Passiva',
    account: 'Konto',
    label: 'Bezeichnung',
    amount: 'Betrag',
    result: 'Ergebnis des laufenden Geschäftsjahres',
    total: 'Summe',
    charges: 'Aufwendungen',
    income: 'Erträge',
    netResult: 'Ergebnis',
    owner: 'Miteigentümer',
    debit: 'Soll',
    credit: 'Haben',
    balance: 'Saldo',
    unknownOwner: 'Ohne Miteigentümer',
    none: 'Keine Bewegungen',
  },
  en: {
    balanceSheet: 'Balance sheet',
    incomeStatement: 'Income statement',
    ownerBalances: 'Co-owner balances',
    asOf: 'As of',
    period: 'Fiscal year',
    assets: 'Assets',
    liabilities: 'Liabilities',
    account: 'Account',
    label: 'Label',
    amount: 'Amount',
    result: 'Result of the current year',
    total: 'Total',
    charges: 'Charges',
    income: 'Income',
    netResult: 'Result',
    owner: 'Co-owner',
    debit: 'Debit',
    credit: 'Credit',
    balance: 'Balance',
    unknownOwner: 'No co-owner',
    none: 'No movements',
  },
}

export function reportLabels(locale: string) {
  return T[(locale as Locale) in T ? (locale as Locale) : 'fr']
}

function csvCell(value: unknown) {
  const text = value === null || value === undefined ? '' : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv(rows: unknown[][]) {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

export function balanceSheetCsv(r: BalanceSheet) {
  return toCsv([
    ['section', 'accountCode', 'accountName', 'amount'],
    ...r.assets.map((l) => ['assets', l.accountCode, l.accountName, l.amount]),
    ...r.liabilities.map((l) => ['liabilities', l.accountCode, l.accountName, l.amount]),
    ['liabilities', '', 'resultOfPeriod', r.resultOfPeriod],
    ['totals', '', 'totalAssets', r.totalAssets],
    ['totals', '', 'totalLiabilities', r.totalLiabilities],
  ])
}

export function incomeStatementCsv(r: IncomeStatement) {
  return toCsv([
    ['section', 'accountCode', 'accountName', 'amount'],
    ...r.charges.map((l) => ['charges', l.accountCode, l.accountName, l.amount]),
    ...r.income.map((l) => ['income', l.accountCode, l.accountName, l.amount]),
    ['totals', '', 'totalCharges', r.totalCharges],
    ['totals', '', 'totalIncome', r.totalIncome],
    ['totals', '', 'result', r.result],
  ])
}

export function ownerBalancesCsv(r: OwnerBalances) {
  return toCsv([
    ['ownerId', 'ownerName', 'email', 'debit', 'credit', 'balance'],
    ...r.owners.map((o: OwnerBalanceRow & { ownerId: string | null; email: string | null }) => [
      o.ownerId,
      o.ownerName,
      o.email,
      o.debit,
      o.credit,
      o.balance,
    ]),
    ['', 'total', '', r.totals.debit, r.totals.credit, r.totals.balance],
  ])
}

function fmt(amount: string, locale: string) {
  const [units, cents] = amount.replace('-', '').split('.')
  const sep = locale === 'en' ? ',' : locale === 'de' ? '.' : '\u202f'
  const dec = locale === 'en' ? '.' : ','
  const grouped = units.replace(/\B(?=(\d{3})+(?!\d))/g, sep)
  return `${amount.startsWith('-') ? '−' : ''}${grouped}${dec}${cents} €`
}

function fmtDate(date: string, locale: string) {
  const [y, m, d] = date.split('-')
  return locale === 'en' ? `${y}-${m}-${d}` : `${d}/${m}/${y}`
}

function lineTable(
  lines: { accountCode: string; accountName: string; amount: string }[],
  t: Record<string, string>,
  locale: string,
  extra: string[][] = []
) {
  const rows = lines
    .map(
      (l) =>
        `<tr><td>${escapeHtml(l.accountCode)}</td><td>${escapeHtml(l.accountName)}</td><td class="num">${fmt(l.amount, locale)}</td></tr>`
    )
    .join('')
  const more = extra
    .map(
      ([label, amount]) =>
        `<tr class="total"><td></td><td>${escapeHtml(label)}</td><td class="num">${fmt(amount, locale)}</td></tr>`
    )
    .join('')
  return `<table><thead><tr><th>${t.account}</th><th>${t.label}</th><th class="num">${t.amount}</th></tr></thead><tbody>${
    rows || `<tr><td colspan="3" class="muted">${t.none}</td></tr>`
  }${more}</tbody></table>`
}

const CSS = `tr.total td { font-weight: 700; border-top: 2px solid #333; } .cols { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }`

export function balanceSheetHtml(
  r: BalanceSheet,
  building: string,
  locale: string,
  branding: PdfBranding
) {
  const t = reportLabels(locale)
  const body = `<div class="cols"><section><h2>${t.assets}</h2>${lineTable(r.assets, t, locale, [
    [t.total, r.totalAssets],
  ])}</section><section><h2>${t.liabilities}</h2>${lineTable(r.liabilities, t, locale, [
    [t.result, r.resultOfPeriod],
    [t.total, r.totalLiabilities],
  ])}</section></div>`
  return pdfDocument({
    title: `${t.balanceSheet} — ${building}`,
    subtitle: `${t.asOf} ${fmtDate(r.asOf, locale)}`,
    locale,
    branding,
    body,
    css: CSS,
  })
}

export function incomeStatementHtml(
  r: IncomeStatement,
  building: string,
  locale: string,
  branding: PdfBranding
) {
  const t = reportLabels(locale)
  const body = `<h2>${t.charges}</h2>${lineTable(r.charges, t, locale, [[t.total, r.totalCharges]])}
  <h2>${t.income}</h2>${lineTable(r.income, t, locale, [[t.total, r.totalIncome]])}
  <table><tbody><tr class="total"><td>${t.netResult}</td><td class="num">${fmt(r.result, locale)}</td></tr></tbody></table>`
  return pdfDocument({
    title: `${t.incomeStatement} — ${building}`,
    subtitle: `${t.period} ${r.fiscalYear ?? ''} (${fmtDate(r.dateFrom ?? '', locale)} – ${fmtDate(r.dateTo ?? '', locale)})`,
    locale,
    branding,
    body,
    css: CSS,
  })
}

export function ownerBalancesHtml(
  r: OwnerBalances,
  building: string,
  locale: string,
  branding: PdfBranding
) {
  const t = reportLabels(locale)
  const rows = r.owners
    .map(
      (o: OwnerBalanceRow) =>
        `<tr><td>${escapeHtml(o.ownerName ?? t.unknownOwner)}</td><td class="num">${fmt(o.debit, locale)}</td><td class="num">${fmt(o.credit, locale)}</td><td class="num">${fmt(o.balance, locale)}</td></tr>`
    )
    .join('')
  const body = `<table><thead><tr><th>${t.owner}</th><th class="num">${t.debit}</th><th class="num">${t.credit}</th><th class="num">${t.balance}</th></tr></thead><tbody>${
    rows || `<tr><td colspan="4" class="muted">${t.none}</td></tr>`
  }<tr class="total"><td>${t.total}</td><td class="num">${fmt(r.totals.debit, locale)}</td><td class="num">${fmt(r.totals.credit, locale)}</td><td class="num">${fmt(r.totals.balance, locale)}</td></tr></tbody></table>`
  return pdfDocument({
    title: `${t.ownerBalances} — ${building}`,
    subtitle: `${t.asOf} ${fmtDate(r.asOf, locale)} · ${r.accountCode}`,
    locale,
    branding,
    body,
    css: CSS,
  })
}
