import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { LucidModel } from '@adonisjs/lucid/types/model'
import env from '#start/env'
import { embeddedDatabase } from '#embedded/capabilities'

/*
| Hot statements run on a pg connection directly, without knex's query builder and
| runner, and prepared once per pooled connection: PostgreSQL then parses and plans them
| once per connection instead of on every request. Planning dominates these statements
| (RLS policies, lateral joins: the availability statement 1.7 → 0.9 ms).
*/

/** A statement with `$n` placeholders and the name it is prepared under. */
export interface PreparedStatement {
  name: string
  text: string
}

export type PgConnection = {
  query: (config: { name?: string; text: string; values: unknown[] }) => Promise<{ rows: any[] }>
}

export type KnexClient = {
  acquireConnection(): Promise<PgConnection>
  releaseConnection(connection: PgConnection): Promise<void>
}

/**
 * Names a hot statement. It selects explicit columns, never `*`: a prepared `*` fails
 * ("cached plan must not change result type") once a migration adds a column while the
 * process runs.
 */
export function prepared(text: string): PreparedStatement {
  if (/\.\*|\bselect\s+\*/i.test(text))
    throw new Error('A prepared statement selects explicit columns, not *')
  return { name: `vme_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`, text }
}

/** `alias."column", …`: a prepared statement's select list (never `alias.*`). */
export function columnsOf(alias: string, columns: readonly string[]) {
  return columns.map((column) => `${alias}."${column}"`).join(', ')
}

/** The database columns of a model, for a select list that names them. */
export function modelColumns(model: LucidModel): string[] {
  return [...model.$columnsDefinitions.values()].map((column) => column.columnName)
}

/**
 * Whether statements are prepared under their names: not with `DB_PREPARED_STATEMENTS=
 * false` (a pooler that hands the next transaction another server connection), nor in
 * the embedded database, which serves every connection in one session where a name
 * prepared by one client would collide with another's.
 */
export function namedStatements() {
  return env.get('DB_PREPARED_STATEMENTS', true) && !embeddedDatabase()
}

/** Runs `statement` on `connection`, under its name when `namedStatements()`. */
export function runPrepared<Row>(
  connection: PgConnection,
  statement: PreparedStatement,
  values: unknown[]
): Promise<{ rows: Row[] }> {
  const { name, text } = statement
  return name && namedStatements()
    ? connection.query({ name, text, values })
    : connection.query({ text, values })
}

const dynamic = new Map<string, PreparedStatement>()
const MAX_DYNAMIC = 200

/**
 * A statement built at run time with knex `?` placeholders (no `??`, no `?` operator),
 * as `$n` and prepared: the same text gets the same name. Shapes beyond the first 200
 * stay unnamed (an unnamed statement is planned each time but holds no memory on the
 * server), so a query builder with many variants cannot grow every connection's cache
 * without bound.
 */
export function preparedFromKnex(sql: string): PreparedStatement {
  let statement = dynamic.get(sql)
  if (!statement) {
    let n = 0
    statement = prepared(sql.replace(/\?/g, () => `$${++n}`))
    if (dynamic.size >= MAX_DYNAMIC) return { ...statement, name: '' }
    dynamic.set(sql, statement)
  }
  return statement
}

/** The statement as knex `?` bindings: query logging (debug) runs it through knex. */
export function knexBindings(statement: PreparedStatement, values: unknown[]) {
  const bindings: unknown[] = []
  const sql = statement.text.replace(/\$(\d+)/g, (_, n: string) => {
    bindings.push(values[Number(n) - 1])
    return '?'
  })
  return [sql, bindings as any[]] as const
}

/** A prepared statement on a pooled connection of `connectionName`, outside any transaction. */
export async function pooledQuery<Row = Record<string, any>>(
  connectionName: string | undefined,
  statement: PreparedStatement,
  values: unknown[]
): Promise<{ rows: Row[] }> {
  const query = db.connection(connectionName)
  if (query.debug) return query.rawQuery(...knexBindings(statement, values))
  const client = query.getReadClient().client as unknown as KnexClient
  const connection = await client.acquireConnection()
  try {
    return await runPrepared<Row>(connection, statement, values)
  } finally {
    await client.releaseConnection(connection)
  }
}
