import type { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { RawQueryBindings } from '@adonisjs/lucid/types/querybuilder'
import { pageParams, type Page } from '#services/pagination'

/**
 * A raw-SQL list in the SPEC's page shape: `fromWhere` is the `from … where …` part,
 * counted once and then read with `select`, `orderBy`, limit and offset.
 */
export async function pagedSql<T>(
  ctx: HttpContext,
  trx: TransactionClientContract,
  q: { select: string; fromWhere: string; bindings: unknown[]; orderBy: string },
  map: (row: any) => T
): Promise<Page<T>> {
  const { page, perPage } = pageParams(ctx)
  const count = await trx.rawQuery(
    `select count(*)::int as n ${q.fromWhere}`,
    q.bindings as RawQueryBindings
  )
  const total = Number(count.rows[0].n)
  const rows = await trx.rawQuery(
    `select ${q.select} ${q.fromWhere} order by ${q.orderBy} limit ? offset ?`,
    [...q.bindings, perPage, (page - 1) * perPage] as RawQueryBindings
  )
  return {
    data: rows.rows.map(map),
    meta: { total, perPage, currentPage: page, lastPage: Math.max(1, Math.ceil(total / perPage)) },
  }
}
