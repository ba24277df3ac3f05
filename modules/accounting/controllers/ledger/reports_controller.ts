import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import { renderPdf } from '#pdf/pdf_service'
import { resolveLocale } from '#services/locale_service'
import { currentTenant } from '#tenancy/tenant_context'
import {
  balanceSheet,
  incomeStatement,
  ownerBalances,
} from '../../services/ledger/report_service.js'
import {
  balanceSheetCsv,
  balanceSheetHtml,
  incomeStatementCsv,
  incomeStatementHtml,
  ownerBalancesCsv,
  ownerBalancesHtml,
} from '../../pdf/ledger/report_documents.js'

type Format = 'json' | 'csv' | 'pdf'

function formatOf(ctx: HttpContext): Format {
  const format = String(ctx.request.qs().format ?? 'json')
  if (format !== 'json' && format !== 'csv' && format !== 'pdf') {
    throw ApiError.validation('format', 'format must be json, csv or pdf')
  }
  return format
}

async function buildingName(id: string) {
  const res = await currentTenant().trx.rawQuery(`select name from buildings where id = ?`, [id])
  return res.rows[0]?.name ?? ''
}

/** Balance sheet, income statement and co-owner balances as JSON, CSV or PDF. */
export default class ReportsController {
  private async send<T>(
    ctx: HttpContext,
    name: string,
    report: T,
    csv: (r: T) => string,
    html: (r: T, building: string, locale: string, branding: any) => string
  ) {
    const format = formatOf(ctx)
    if (format === 'json') return report
    const stamp = new Date().toISOString().slice(0, 10)
    if (format === 'csv') {
      ctx.response.header('Content-Type', 'text/csv; charset=utf-8')
      ctx.response.header('Content-Disposition', `attachment; filename="${name}-${stamp}.csv"`)
      return csv(report)
    }
    const org = ctx.organisation
    const user = ctx.auth.user as { locale?: string | null } | undefined
    const locale = resolveLocale(ctx, user?.locale ?? null, org.locale)
    const pdf = await renderPdf(
      html(report, await buildingName(ctx.params.id), locale, {
        name: org.name,
        displayName: org.displayName,
        primaryColor: org.primaryColor,
        logoUrl: org.logoUrl,
        address: org.address,
        contactEmail: org.contactEmail,
        contactPhone: org.contactPhone,
        vatNumber: org.vatNumber,
      }),
      { pageNumbers: true }
    )
    ctx.response.header('Content-Type', 'application/pdf')
    ctx.response.header('Content-Disposition', `attachment; filename="${name}-${stamp}.pdf"`)
    return pdf
  }

  async balanceSheet(ctx: HttpContext) {
    formatOf(ctx)
    const report = await balanceSheet(ctx.params.id, ctx.request.qs())
    return this.send(ctx, 'balance-sheet', report, balanceSheetCsv, balanceSheetHtml)
  }

  async incomeStatement(ctx: HttpContext) {
    formatOf(ctx)
    const report = await incomeStatement(ctx.params.id, ctx.request.qs())
    return this.send(ctx, 'income-statement', report, incomeStatementCsv, incomeStatementHtml)
  }

  async ownerBalances(ctx: HttpContext) {
    formatOf(ctx)
    const report = await ownerBalances(ctx.params.id, ctx.request.qs())
    return this.send(ctx, 'owner-balances', report, ownerBalancesCsv, ownerBalancesHtml)
  }
}
