import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { strToU8, zipSync } from 'fflate'
import type User from '#models/user'
import { exportAccount } from '#gdpr/core_account'
import personalDataRegistry from '#gdpr/personal_data_registry'
import { acrossOrganisations, organisationsOf, subjectIn } from './subjects.js'
import { recordRequest } from './rights_log.js'
import { preferencesOf } from './preferences_service.js'

type Dataset = Record<string, unknown>[]

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : ((v as string | null) ?? null))

export interface PersonalDataExport {
  format: 'vme-gdpr-export/1'
  exportedAt: string
  subject: { userId: string }
  account: Record<string, Dataset>
  organisations: {
    organisation: { id: string; name: string; slug: string }
    role: string
    datasets: Record<string, Dataset>
  }[]
}

/**
 * Art. 15: everything about the caller. Each organisation of the person is read inside its
 * own tenant transaction through every registered contributor (`<contributor>.<dataset>`).
 */
export async function buildExport(ctx: HttpContext, user: User): Promise<PersonalDataExport> {
  const organisations = await organisationsOf(user.id, ctx.organisation?.id)
  const parts: PersonalDataExport['organisations'] = []
  const format = ctx.request.qs().format === 'zip' ? 'zip' : 'json'

  const account = await acrossOrganisations(
    organisations,
    async (organisation, trx) => {
      const subject = await subjectIn(trx, organisation.id, user.id, user.email)
      const datasets: Record<string, Dataset> = {}
      for (const contributor of personalDataRegistry.all()) {
        const sets = await contributor.export(subject, trx)
        for (const [name, rows] of Object.entries(sets))
          datasets[`${contributor.key}.${name}`] = rows
      }
      parts.push({
        organisation: { id: organisation.id, name: organisation.name, slug: organisation.slug },
        role: organisation.role,
        datasets,
      })
      await recordRequest(ctx, trx, {
        organisationId: organisation.id,
        userId: user.id,
        type: 'export',
        status: 'completed',
        action: 'gdpr.export',
        details: { format, datasets: Object.keys(datasets).length },
      })
    },
    async (trx) => {
      const client = trx ?? db
      const datasets: Record<string, Dataset> = await exportAccount(client as any, user.id)
      datasets.gdprPreferences = [{ ...(await preferencesOf(user.id, client)) }]
      const changes = await client
        .from('gdpr_email_changes')
        .where('user_id', user.id)
        .orderBy('created_at')
        .select('id', 'new_email', 'created_at', 'expires_at', 'confirmed_at', 'cancelled_at')
      datasets.emailChanges = changes.map((c) => ({
        id: c.id,
        newEmail: c.new_email,
        requestedAt: iso(c.created_at),
        expiresAt: iso(c.expires_at),
        confirmedAt: iso(c.confirmed_at),
        cancelledAt: iso(c.cancelled_at),
      }))
      return datasets
    }
  )

  return {
    format: 'vme-gdpr-export/1',
    exportedAt: new Date().toISOString(),
    subject: { userId: user.id },
    account,
    organisations: parts,
  }
}

/** RFC 4180 CSV; cells starting with = + @ or a non-numeric - are prefixed with ' (spreadsheet formula injection). */
export function toCsv(rows: Dataset): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))]
  const cell = (value: unknown) => {
    if (value === null || value === undefined) return ''
    let text = typeof value === 'object' ? JSON.stringify(value) : String(value)
    if (/^(?:[=+@\t\r]|-(?![\d.]))/.test(text)) text = `'${text}`
    return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
  }
  const lines = [
    columns.map(cell).join(','),
    ...rows.map((r) => columns.map((c) => cell(r[c])).join(',')),
  ]
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

/** export.json + one CSV per dataset (`account/<name>.csv`, `<org slug>/<dataset>.csv`). */
export function exportZip(data: PersonalDataExport): Uint8Array {
  const files: Record<string, Uint8Array> = {
    'export.json': strToU8(JSON.stringify(data, null, 2)),
  }
  for (const [name, rows] of Object.entries(data.account)) {
    files[`account/${name}.csv`] = strToU8(toCsv(rows))
  }
  for (const part of data.organisations) {
    for (const [name, rows] of Object.entries(part.datasets)) {
      files[`${part.organisation.slug}/${name}.csv`] = strToU8(toCsv(rows))
    }
  }
  return zipSync(files, { level: 6 })
}
