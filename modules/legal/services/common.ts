import type { HttpContext } from '@adonisjs/core/http'
import { currentTenant } from '#tenancy/tenant_context'
import { ApiError } from '#exceptions/api_error'

/*
| Small helpers shared by the legal services: the tenant transaction, and the JSON
| formats of SPEC §2 (decimal strings, YYYY-MM-DD dates, ISO timestamps).
*/
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function tenant() {
  return currentTenant()
}

/** Inserts/updates/queries on a legal table through the tenant transaction, filtered on the org. */
export function table(name: string) {
  const { trx, organisationId } = currentTenant()
  return trx.from(name).where(`${name}.organisation_id`, organisationId)
}

export function insert(name: string, row: Record<string, unknown>) {
  const { trx, organisationId } = currentTenant()
  return trx
    .insertQuery()
    .table(name)
    .insert({ organisation_id: organisationId, ...row })
    .returning('*')
    .then((rows: any[]) => rows[0])
}

export async function update(name: string, id: string, changes: Record<string, unknown>) {
  const { trx, organisationId } = currentTenant()
  const rows = await trx
    .from(name)
    .where('organisation_id', organisationId)
    .where('id', id)
    .update({
      ...changes,
      ...(name === 'legal_inspection_alerts' ? {} : { updated_at: new Date() }),
    })
    .returning('*')
  return rows[0]
}

/** A row by id (or 404), optionally locked for update. */
export async function findOr404(name: string, id: string, message: string, lock = false) {
  if (!UUID_RE.test(id)) throw ApiError.notFound(message)
  const q = table(name).where(`${name}.id`, id)
  if (lock) q.forUpdate()
  const row = await q.first()
  if (!row) throw ApiError.notFound(message)
  return row
}

/** A `date` column (pg gives a local-midnight Date) → YYYY-MM-DD. */
export function isoDate(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) {
    const y = value.getFullYear()
    const m = String(value.getMonth() + 1).padStart(2, '0')
    const d = String(value.getDate()).padStart(2, '0')
    return `${y}-${m}-${d}`
  }
  return String(value).slice(0, 10)
}

export function isoTime(value: unknown): string | null {
  if (value === null || value === undefined) return null
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()
}

export function actorId(ctx: HttpContext | null): string | null {
  return ((ctx?.auth?.user as { id?: string } | undefined)?.id as string | undefined) ?? null
}

/** Lucid's list meta shape from a count + page. */
export function pageMeta(total: number, page: number, perPage: number) {
  return { total, perPage, currentPage: page, lastPage: Math.max(1, Math.ceil(total / perPage)) }
}

/** Runs a knex list query paged: `{data, meta}`. */
export async function pagedRows(
  query: any,
  params: { page: number; perPage: number },
  map: (row: any) => unknown,
  order: [string, 'asc' | 'desc'][]
) {
  const countRow = await query.clone().clearSelect().clearOrder().count('* as total').first()
  const total = Number(countRow?.total ?? 0)
  for (const [col, dir] of order) query.orderBy(col, dir)
  const rows = await query.limit(params.perPage).offset((params.page - 1) * params.perPage)
  return { data: rows.map(map), meta: pageMeta(total, params.page, params.perPage) }
}
