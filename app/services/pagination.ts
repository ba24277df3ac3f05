import type { HttpContext } from '@adonisjs/core/http'
import type { LucidModel, ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import { ApiError } from '#exceptions/api_error'

export interface PageParams {
  page: number
  perPage: number
}

export interface Page<T> {
  data: T[]
  meta: { total: number; perPage: number; currentPage: number; lastPage: number }
}

/** `?page=1&perPage=20` (perPage ≤ 100), validated: bad values are a 422 on that field. */
export function pageParams(ctx: HttpContext): PageParams {
  const qs = ctx.request.qs()
  const page = qs.page === undefined ? 1 : Number(qs.page)
  const perPage = qs.perPage === undefined ? 20 : Number(qs.perPage)
  if (!Number.isInteger(page) || page < 1)
    throw ApiError.validation('page', 'page must be an integer ≥ 1')
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
    throw ApiError.validation('perPage', 'perPage must be an integer between 1 and 100')
  }
  return { page, perPage }
}

/** Runs a Lucid query paged, in the SPEC's list shape `{data, meta}`; `map` serializes a row. */
export async function paginateQuery<Model extends LucidModel, T = Record<string, unknown>>(
  query: ModelQueryBuilderContract<Model, InstanceType<Model>>,
  { page, perPage }: PageParams,
  map: (row: InstanceType<Model>) => T = (row) => row.serialize() as T
): Promise<Page<T>> {
  const result = await query.paginate(page, perPage)
  return {
    data: (result.all() as InstanceType<Model>[]).map((row) => map(row)),
    meta: {
      total: result.total,
      perPage,
      currentPage: page,
      lastPage: Math.max(1, result.lastPage),
    },
  }
}

/** `paginateQuery` with the page read from the request's query string. */
export function paginate<Model extends LucidModel, T = Record<string, unknown>>(
  ctx: HttpContext,
  query: ModelQueryBuilderContract<Model, InstanceType<Model>>,
  map?: (row: InstanceType<Model>) => T
): Promise<Page<T>> {
  return paginateQuery(query, pageParams(ctx), map)
}
