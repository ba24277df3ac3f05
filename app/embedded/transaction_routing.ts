import type { Database } from '@adonisjs/lucid/database'
import { maybeTenant } from '#tenancy/tenant_context'

/*
| Embedded database only. pglite-socket runs one transaction at a time, so a query that
| code inside a tenant transaction sends on ANOTHER pooled connection (`db.from(…)`,
| `Model.query()` without `{ client }`) waits for that transaction to end, which waits
| for the query: a deadlock PostgreSQL would never have. Inside an open tenant
| transaction, the default connection therefore hands out that transaction (Lucid does
| the same for its global test transactions).
|
| Differences from PostgreSQL, all on the safe side for a single node: such a query sees
| the tenant's rows where a fresh connection would see none (RLS), and its writes commit
| or roll back with the request. Only the caller's own async context is used (ALS), never
| another request's transaction; other named connections (`owner`) are left alone.
*/
export function routeDefaultConnectionToOpenTransaction(db: Database) {
  const original = db.connection.bind(db)
  // Once at boot: a long-lived closure is what V8 expects here.
  // eslint-disable-next-line no-restricted-syntax
  db.connection = ((name?: string, options?: { mode?: 'read' | 'write' }) => {
    const open = maybeTenant()
    if (
      open &&
      !open.trx.isCompleted &&
      (name ?? db.primaryConnectionName) === db.primaryConnectionName
    ) {
      return open.trx
    }
    return original(name, options)
  }) as Database['connection']
}
