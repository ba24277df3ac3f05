import type { HttpContext } from '@adonisjs/core/http'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { pageParams, type Page } from '#services/pagination'
import { ApiError } from '#exceptions/api_error'
import { moneyOf } from '#services/money'

/** ISO 8601 UTC with milliseconds, or null. */
export function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null
  const d = value instanceof Date ? value : new Date(String(value))
  return Number.isNaN(d.getTime()) ? null : d.toISOString()
}

/** `YYYY-MM-DD` for a date column (pg returns Date at local midnight or a string). */
export function isoDate(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value.slice(0, 10)
  const d = value as Date
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** A numeric column as a 2-decimal string (core money: no float), or null. */
export function money(value: string | number | null | undefined): string | null {
  return value === null || value === undefined ? null : moneyOf(value)
}

/** Pages a query-builder query in the SPEC's `{data, meta}` shape. */
export function pageOf<T>(
  ctx: HttpContext,
  query: DatabaseQueryBuilderContract<any>,
  map: (row: any) => T | Promise<T>
): Promise<Page<T>> {
  return pageWith(pageParams(ctx), query, map)
}

export async function pageWith<T>(
  { page, perPage }: { page: number; perPage: number },
  query: DatabaseQueryBuilderContract<any>,
  map: (row: any) => T | Promise<T>
): Promise<Page<T>> {
  const countQuery = query.clone().clearSelect().clearOrder().count('* as total')
  const [{ total }] = await countQuery
  const rows = await query.limit(perPage).offset((page - 1) * perPage)
  const data: T[] = []
  for (const row of rows) data.push(await map(row))
  const n = Number(total)
  return {
    data,
    meta: { total: n, perPage, currentPage: page, lastPage: Math.max(1, Math.ceil(n / perPage)) },
  }
}

/** Enum query filter: absent → undefined; present and not allowed → 422. */
export function enumFilter<T extends string>(
  ctx: HttpContext,
  name: string,
  allowed: readonly T[]
): T | undefined {
  const raw = ctx.request.qs()[name]
  if (raw === undefined || raw === '') return undefined
  if (!allowed.includes(raw))
    throw ApiError.validation(name, `${name} must be one of ${allowed.join(', ')}`)
  return raw as T
}

/** A Postgres error code of a failed statement (23505 unique, 23P01 exclusion…). */
export function pgCode(error: unknown): string | undefined {
  return (error as { code?: string } | null)?.code
}
