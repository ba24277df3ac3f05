import { AsyncLocalStorage } from 'node:async_hooks'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { MissingTenantContext } from '#exceptions/api_error'
import { embeddedDatabase } from '#embedded/capabilities'
import {
  knexBindings,
  runPrepared,
  type KnexClient,
  type PreparedStatement,
} from '#services/prepared_statements'

/*
| The tenant context: which organisation this unit of work belongs to, and the one
| transaction through which it reads and writes. `app.tenant_id` is set transaction-
| locally, so RLS policies see it and a pooled connection never leaks it to the next
| user of that connection.
*/
export interface TenantContext {
  organisationId: string
  trx: TransactionClientContract
}

const storage = new AsyncLocalStorage<TenantContext>()

export function currentTenant(): TenantContext {
  const ctx = storage.getStore()
  if (!ctx) throw new MissingTenantContext()
  return ctx
}

export function maybeTenant(): TenantContext | undefined {
  return storage.getStore()
}

/**
 * A managed transaction that also fails when COMMIT itself fails. Constraints checked
 * at commit (the ledger's deferred balance trigger, deferrable uniques) reject the
 * COMMIT, but knex resolves `commit()` anyway and reports the error only on the
 * transaction's execution promise, so a plain `db.transaction(cb)` would look committed.
 */
async function transaction<T>(fn: (trx: TransactionClientContract) => Promise<T>): Promise<T> {
  const trx = await db.transaction()
  const execution = (trx.knexClient as unknown as { executionPromise?: Promise<unknown> })
    .executionPromise
  // Rejected on rollback too; observed below only after a commit.
  execution?.catch(() => {})
  let result: T
  try {
    result = await fn(trx)
  } catch (error) {
    if (!trx.isCompleted) await trx.rollback()
    throw error
  }
  if (!trx.isCompleted) await trx.commit()
  await execution
  return result
}

/**
 * Runs `fn` inside a tenant transaction for `organisationId`: committed when `fn`
 * resolves, rolled back when it throws. Nested calls for the same organisation reuse
 * the open transaction.
 */
export async function withTenant<T>(
  organisationId: string,
  fn: (trx: TransactionClientContract) => Promise<T>
): Promise<T> {
  const open = storage.getStore()
  if (open && open.organisationId === organisationId && !open.trx.isCompleted) return fn(open.trx)
  if (open && !open.trx.isCompleted && embeddedDatabase())
    return nestedTenant(open, organisationId, fn)

  return transaction(async (trx) => {
    await trx.rawQuery(`select set_config('app.tenant_id', ?, true)`, [organisationId])
    return storage.run({ organisationId, trx }, () => fn(trx))
  })
}

/**
 * Embedded database only: another organisation's unit of work inside an open transaction.
 * pglite-socket runs one transaction at a time, so a second connection's transaction
 * would wait for the open one forever. It runs instead as a savepoint of the open
 * transaction with `app.tenant_id` switched: a rollback to the savepoint restores the
 * outer tenant, a release is followed by setting it back. All-or-nothing across the
 * organisations holds as with nested transactions on PostgreSQL.
 */
async function nestedTenant<T>(
  open: TenantContext,
  organisationId: string,
  fn: (trx: TransactionClientContract) => Promise<T>
): Promise<T> {
  const savepoint = await open.trx.transaction()
  try {
    await savepoint.rawQuery(`select set_config('app.tenant_id', ?, true)`, [organisationId])
    const result = await storage.run({ organisationId, trx: savepoint }, () => fn(savepoint))
    if (!savepoint.isCompleted) await savepoint.commit()
    await open.trx.rawQuery(`select set_config('app.tenant_id', ?, true)`, [open.organisationId])
    return result
  } catch (error) {
    if (!savepoint.isCompleted) await savepoint.rollback()
    throw error
  }
}

/**
 * Opens a tenant transaction whose organisation is found by `resolve`, a query run as
 * the transaction's first statement that also sets `app.tenant_id` (one round trip
 * instead of a lookup + set_config). `resolve` returning null rolls back and throws
 * `missing()`; otherwise `fn` runs in the tenant context like `withTenant`.
 */
export async function withResolvedTenant<R, T>(
  resolve: (trx: TransactionClientContract) => Promise<R | null>,
  organisationIdOf: (resolved: R) => string,
  missing: () => Error,
  fn: (resolved: R) => Promise<T>
): Promise<T> {
  return transaction(async (trx) => {
    const resolved = await resolve(trx)
    if (!resolved) throw missing()
    return storage.run({ organisationId: organisationIdOf(resolved), trx }, () => fn(resolved))
  })
}

/**
 * One precompiled statement on the connection of the transaction `trx` (see
 * `runPrepared`): the hot reads of every tenant request (membership lookup, units list,
 * availability). Same connection, same transaction, same RLS context as `trx.rawQuery`.
 */
export async function trxQuery<Row = Record<string, any>>(
  trx: TransactionClientContract,
  statement: PreparedStatement,
  values: unknown[]
): Promise<{ rows: Row[] }> {
  if (trx.debug) return trx.rawQuery(...knexBindings(statement, values))
  if (trx.isCompleted) throw new Error('Transaction query already complete')
  const client = (trx.knexClient as unknown as { client: KnexClient }).client
  return runPrepared<Row>(await client.acquireConnection(), statement, values)
}
