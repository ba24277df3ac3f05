import type { HttpContext } from '@adonisjs/core/http'
import Organisation from '#models/organisation'
import Building from '#models/building'
import { ApiError } from '#exceptions/api_error'
import { renderPdf } from '#pdf/pdf_service'
import { requestLocale } from '#services/module_settings_service'
import { currentTenant } from '#tenancy/tenant_context'
import { energyReportHtml } from '../pdf/energy_report_html.js'
import { dateRange, listAnomalies, readings, statistics } from './readings_service.js'

/** PDF energy report of a building over [from, to] (at most 2 years). */
export async function energyReportPdf(
  ctx: HttpContext,
  buildingId: string,
  fromIn: string,
  toIn: string
) {
  const building = await Building.find(buildingId)
  if (!building) throw ApiError.notFound('Building not found')
  const { from, to } = dateRange(fromIn, toIn)
  if (new Date(to).getTime() - new Date(from).getTime() > 731 * 86400_000) {
    throw ApiError.validation('to', 'The period may not exceed 2 years')
  }
  const { trx, organisationId } = currentTenant()
  const org = await Organisation.findOrFail(organisationId, { client: trx })
  const daily = await readings({ buildingId, from, to, granularity: 'day', perPage: 100000 })
  const byDay = new Map<string, number>()
  for (const r of daily.data)
    byDay.set(String(r.local), (byDay.get(String(r.local)) ?? 0) + Number(r.sum ?? 0) / 1000)
  const monthly = await statistics({ buildingId, from, to, period: 'month', perPage: 100 })
  const anomalies = await listAnomalies({ buildingId, from, to, perPage: 100 })
  const devices = await trx
    .from('iot_devices')
    .where('organisation_id', organisationId)
    .where('building_id', buildingId)
    .whereNull('deleted_at')
    .count('* as n')
    .first()
  const html = energyReportHtml({
    locale: requestLocale(ctx, org.locale),
    branding: {
      name: org.name,
      displayName: org.displayName,
      primaryColor: org.primaryColor,
      logoUrl: org.logoUrl,
      address: org.address,
      contactEmail: org.contactEmail,
      contactPhone: org.contactPhone,
      vatNumber: org.vatNumber,
    },
    building: {
      name: building.name,
      address: `${building.street}, ${building.postalCode} ${building.city}`,
    },
    from,
    to,
    daily: [...byDay.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, kwh]) => ({ day, kwh })),
    monthly: monthly.data as any,
    anomalies: anomalies.data.map((a) => ({
      day: a.day,
      deviceName: a.deviceName,
      value: a.value,
      baseline: a.baseline,
    })),
    devices: Number((devices as any)?.n ?? 0),
  })
  return renderPdf(html, { pageNumbers: true })
}
