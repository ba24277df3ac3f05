import * as echarts from 'echarts'
import { escapeHtml } from '#pdf/pdf_service'
import { pdfDocument, type PdfBranding } from '#pdf/pdf_layout'

/*
| Energy report of a building over a period: a daily bar chart rendered server-side to
| SVG by ECharts (SSR `renderToSVGString`, no browser-side script in the PDF), the
| monthly statistics with MoM / YoY change, and the anomalies.
*/
type Locale = 'fr' | 'nl' | 'de' | 'en'

const L: Record<Locale, Record<string, string>> = {
  fr: {
    title: 'Rapport énergétique',
    period: 'Période',
    daily: 'Consommation journalière (kWh)',
    monthly: 'Par mois',
    month: 'Mois',
    total: 'Total (kWh)',
    avg: 'Moyenne/jour (kWh)',
    mom: 'Variation mensuelle',
    yoy: 'Variation annuelle',
    anomalies: 'Anomalies',
    day: 'Jour',
    device: 'Compteur',
    value: 'Valeur (kWh)',
    baseline: 'Moyenne 7 j (kWh)',
    none: 'Aucune anomalie sur la période.',
    devices: 'Compteurs',
  },
  nl: {
    title: 'Energierapport',
    period: 'Periode',
    daily: 'Dagelijks verbruik (kWh)',
    monthly: 'Per maand',
    month: 'Maand',
    total: 'Totaal (kWh)',
    avg: 'Gemiddeld/dag (kWh)',
    mom: 'Maandelijkse wijziging',
    yoy: 'Jaarlijkse wijziging',
    anomalies: 'Afwijkingen',
    day: 'Dag',
    device: 'Meter',
    value: 'Waarde (kWh)',
    baseline: 'Gemiddelde 7 d (kWh)',
    none: 'Geen afwijkingen in deze periode.',
    devices: 'Meters',
  },
  de: {
    title: 'Energiebericht',
    period: 'Zeitraum',
    daily: 'Täglicher Verbrauch (kWh)',
    monthly: 'Pro Monat',
    month: 'Monat',
    total: 'Summe (kWh)',
    avg: 'Durchschnitt/Tag (kWh)',
    mom: 'Veränderung zum Vormonat',
    yoy: 'Veränderung zum Vorjahr',
    anomalies: 'Anomalien',
    day: 'Tag',
    device: 'Zähler',
    value: 'Wert (kWh)',
    baseline: '7-Tage-Mittel (kWh)',
    none: 'Keine Anomalien im Zeitraum.',
    devices: 'Zähler',
  },
  en: {
    title: 'Energy report',
    period: 'Period',
    daily: 'Daily consumption (kWh)',
    monthly: 'By month',
    month: 'Month',
    total: 'Total (kWh)',
    avg: 'Average/day (kWh)',
    mom: 'Month-over-month',
    yoy: 'Year-over-year',
    anomalies: 'Anomalies',
    day: 'Day',
    device: 'Meter',
    value: 'Value (kWh)',
    baseline: '7-day average (kWh)',
    none: 'No anomaly in this period.',
    devices: 'Meters',
  },
}

export interface EnergyReportInput {
  locale: string
  branding: PdfBranding
  building: { name: string; address: string }
  from: string
  to: string
  daily: Array<{ day: string; kwh: number }>
  monthly: Array<{
    period: string
    total: number | null
    average: number | null
    momChange: string | null
    yoyChange: string | null
  }>
  anomalies: Array<{ day: string; deviceName: string; value: number; baseline: number }>
  devices: number
}

export function dailyChartSvg(
  daily: EnergyReportInput['daily'],
  anomalies: Set<string>,
  colour: string
) {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 700, height: 260 })
  chart.setOption({
    animation: false,
    grid: { left: 50, right: 10, top: 20, bottom: 40 },
    xAxis: { type: 'category', data: daily.map((d) => d.day.slice(5)), axisLabel: { fontSize: 9 } },
    yAxis: { type: 'value', axisLabel: { fontSize: 9 } },
    series: [
      {
        type: 'bar',
        data: daily.map((d) => ({
          value: Math.round(d.kwh * 10) / 10,
          itemStyle: { color: anomalies.has(d.day) ? '#b91c1c' : colour },
        })),
      },
    ],
  })
  const svg = chart.renderToSVGString()
  chart.dispose()
  return svg
}

const fmt = (n: number | null, locale: string) =>
  n === null ? '—' : new Intl.NumberFormat(`${locale}-BE`, { maximumFractionDigits: 1 }).format(n)
const pct = (s: string | null) => (s === null ? '—' : `${Number(s) > 0 ? '+' : ''}${s} %`)

export function energyReportHtml(input: EnergyReportInput): string {
  const locale = (['fr', 'nl', 'de', 'en'].includes(input.locale) ? input.locale : 'fr') as Locale
  const t = L[locale]
  const colour =
    input.branding.primaryColor && /^#[0-9a-f]{6}$/i.test(input.branding.primaryColor)
      ? input.branding.primaryColor
      : '#1d4ed8'
  const svg = dailyChartSvg(input.daily, new Set(input.anomalies.map((a) => a.day)), colour)
  const monthly = input.monthly
    .map(
      (
        m
      ) => `<tr><td>${escapeHtml(m.period)}</td><td class="num">${fmt(m.total === null ? null : m.total / 1000, locale)}</td>
      <td class="num">${fmt(m.average === null ? null : m.average / 1000, locale)}</td><td class="num">${pct(m.momChange)}</td><td class="num">${pct(m.yoyChange)}</td></tr>`
    )
    .join('')
  const anomalies = input.anomalies.length
    ? `<table><thead><tr><th>${t.day}</th><th>${t.device}</th><th class="num">${t.value}</th><th class="num">${t.baseline}</th></tr></thead><tbody>${input.anomalies
        .map(
          (a) =>
            `<tr><td>${escapeHtml(a.day)}</td><td>${escapeHtml(a.deviceName)}</td><td class="num">${fmt(a.value / 1000, locale)}</td><td class="num">${fmt(a.baseline / 1000, locale)}</td></tr>`
        )
        .join('')}</tbody></table>`
    : `<p>${t.none}</p>`
  const body = `
    <p><strong>${escapeHtml(input.building.name)}</strong> — ${escapeHtml(input.building.address)}<br>
    ${t.period}: ${escapeHtml(input.from)} → ${escapeHtml(input.to)} · ${t.devices}: ${input.devices}</p>
    <h2>${t.daily}</h2>
    <div class="chart">${svg}</div>
    <h2>${t.monthly}</h2>
    <table><thead><tr><th>${t.month}</th><th class="num">${t.total}</th><th class="num">${t.avg}</th><th class="num">${t.mom}</th><th class="num">${t.yoy}</th></tr></thead><tbody>${monthly}</tbody></table>
    <h2>${t.anomalies}</h2>
    ${anomalies}`
  return pdfDocument({
    title: `${t.title} — ${input.building.name}`,
    subtitle: `${input.from} → ${input.to}`,
    locale,
    branding: input.branding,
    body,
    css: `.chart svg{width:100%;height:auto} td:first-child,th:first-child{white-space:nowrap} table{width:100%;border-collapse:collapse;font-size:10pt} th,td{border-bottom:1px solid #ddd;padding:3px 6px;text-align:left} .num{text-align:right} h2{font-size:12pt;margin-top:14px}`,
  })
}
