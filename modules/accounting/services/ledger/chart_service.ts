import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { currentTenant } from '#tenancy/tenant_context'
import { ApiError } from '#exceptions/api_error'
import { STANDARD_CHART, type Locale } from './standard_chart.js'

export interface AccountRow {
  id: string
  building_id: string
  code: string
  name: string
  class: number
  is_standard: boolean
  created_at: Date
  updated_at: Date
}

export interface AccountJson {
  id: string
  buildingId: string
  code: string
  name: string
  class: number
  isStandard: boolean
  isLeaf: boolean
  hasPostings: boolean
  createdAt: string
  updatedAt: string
}

const LOCALES = new Set(['fr', 'nl', 'de', 'en'])

/**
 * Seeds the standard co-ownership chart for a building, in the organisation's
 * language. Idempotent: accounts whose code already exists are left as they are
 * (buildings created before the module, demo data, a re-run).
 */
export async function ensureChart(
  buildingId: string,
  trx: TransactionClientContract = currentTenant().trx
): Promise<number> {
  const building = await trx.rawQuery(
    `select b.organisation_id, o.locale from buildings b
       join organisations o on o.id = b.organisation_id where b.id = ?`,
    [buildingId]
  )
  const row = building.rows[0]
  if (!row) throw ApiError.notFound('Building not found')
  const locale: Locale = LOCALES.has(row.locale) ? row.locale : 'fr'
  const values = STANDARD_CHART.map((account) => ({
    organisation_id: row.organisation_id,
    building_id: buildingId,
    code: account.code,
    name: account.names[locale],
    class: Number(account.code[0]),
    is_standard: true,
  }))
  const placeholders = values.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')
  const result = await trx.rawQuery(
    `insert into accounting_accounts (organisation_id, building_id, code, name, class, is_standard)
     values ${placeholders}
     on conflict (organisation_id, building_id, code) do nothing`,
    values.flatMap((v) => [
      v.organisation_id,
      v.building_id,
      v.code,
      v.name,
      v.class,
      v.is_standard,
    ])
  )
  return result.rowCount ?? 0
}

/** Columns of an account with its leaf/posting flags, as SQL (alias `a`). */
export const ACCOUNT_SELECT = `a.*,
  not exists (select 1 from accounting_accounts c
              where c.organisation_id = a.organisation_id and c.building_id = a.building_id
                and c.code like a.code || '%' and c.code <> a.code) as is_leaf,
  exists (select 1 from accounting_journal_lines l
          where l.organisation_id = a.organisation_id and l.account_id = a.id) as has_postings`

export function serializeAccount(
  row: AccountRow & { is_leaf?: boolean; has_postings?: boolean }
): AccountJson {
  return {
    id: row.id,
    buildingId: row.building_id,
    code: row.code,
    name: row.name,
    class: Number(row.class),
    isStandard: row.is_standard,
    isLeaf: row.is_leaf ?? true,
    hasPostings: row.has_postings ?? false,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  }
}
