import { currentTenant } from '#tenancy/tenant_context'
import { ApiError } from '#exceptions/api_error'

/** The tenant transaction and organisation of the current unit of work. */
export function tenant() {
  return currentTenant()
}

export async function rows<T = Record<string, any>>(
  sql: string,
  bindings: Record<string, unknown> | unknown[] = []
) {
  const result = await currentTenant().trx.rawQuery(sql, bindings as any)
  return result.rows as T[]
}

export async function one<T = Record<string, any>>(
  sql: string,
  bindings: Record<string, unknown> | unknown[] = []
) {
  const list = await rows<T>(sql, bindings)
  return list[0] ?? null
}

/** The building row of the tenant (404 otherwise), optionally locked. */
export async function buildingRow(id: string, lock = false) {
  const row = await one<{
    id: string
    name: string
    total_quota: number
    fiscal_year_start_month: number
    street: string
    postal_code: string
    city: string
  }>(
    `select id, name, total_quota, fiscal_year_start_month, street, postal_code, city
       from buildings where id = :id and organisation_id = :org ${lock ? 'for update' : ''}`,
    { id, org: currentTenant().organisationId }
  )
  if (!row) throw ApiError.notFound('Building not found')
  return row
}

export function ownerName(row: {
  kind?: string
  first_name?: string | null
  last_name?: string | null
  company_name?: string | null
}) {
  return row.kind === 'company'
    ? (row.company_name ?? '')
    : [row.first_name, row.last_name].filter(Boolean).join(' ')
}
