/*
| Role switch for the embedded database (PGlite behind pglite-socket).
|
| Why: all socket connections share ONE backend session whose session_user is the
| superuser `postgres` (the startup user is ignored). A superuser bypasses RLS, and a
| session-wide `SET ROLE` on one connection is seen by every other connection. So the
| role cannot be a property of a connection; it must be a property of each transaction.
|
| How: `installRoleSwitch(conn, role)` wraps a pooled `pg` connection's `query()`:
|  - `BEGIN` is followed, on the same connection, by `SET LOCAL ROLE <role>` (the caller
|    sees BEGIN complete after the switch);
|  - a statement outside a transaction is run as `BEGIN; SET LOCAL ROLE <role>; stmt;
|    COMMIT` (ROLLBACK on error; its callback/promise resolves after the COMMIT).
| The `app` connection uses the app role (no BYPASSRLS, owns nothing); the `owner`
| connection (migrations, the IoT partition DDL, test inspection) uses `NONE`, i.e. back
| to the session user for that transaction only. `SET LOCAL` ends with the transaction.
|
| Why that is safe: pglite-socket's multiplexer serialises transactions (while one
| connection is inside a transaction, only that connection's messages are executed), so
| neither the role nor `set_config('app.tenant_id', x, true)` of one transaction can be
| seen by another — tests/functional/embedded/embedded_isolation.spec.ts checks it. Every
| app statement being inside a transaction also keeps extended-protocol messages
| (Parse/Bind/Execute) of two connections from interleaving.
|
| Defence in depth: setup leaves the shared session at `SET ROLE <app role>`, so a
| statement that escaped the wrapper (a raw client) still runs without BYPASSRLS.
*/

type Callback = (err: Error | null, result?: unknown) => void
type QueryFn = (...args: any[]) => any

const BEGIN = /^\s*(begin|start\s+transaction)\b/i
const END = /^\s*(commit|end|rollback(?!\s+to\b)|abort)\b/i

function quoteIdent(name: string) {
  return '"' + name.replace(/"/g, '""') + '"'
}

export function setLocalRoleSql(role: string | 'NONE') {
  return role === 'NONE' ? 'SET LOCAL ROLE NONE' : `SET LOCAL ROLE ${quoteIdent(role)}`
}

/** Connections currently inside a transaction (diagnostics: ROLE_SWITCH_DEBUG=1). */
let openTransactions = 0

export function installRoleSwitch(conn: { query: QueryFn }, role: string | 'NONE') {
  const marker = conn as { __vmeRoleSwitch?: boolean }
  if (marker.__vmeRoleSwitch) return
  marker.__vmeRoleSwitch = true
  const original: QueryFn = conn.query.bind(conn)
  const switchSql = setLocalRoleSql(role)
  let inTransaction = false
  /** One statement as a promise (never two in flight on this connection: pg 9 forbids it). */
  const exec = (config: any, values?: any) =>
    new Promise<any>((resolve, reject) => {
      const cb: Callback = (err, result) => (err ? reject(err) : resolve(result))
      if (values === undefined) original(config, cb)
      else original(config, values, cb)
    })
  /** Resolves the caller's callback or promise. */
  const settle = (work: Promise<any>, callback?: Callback) => {
    if (callback) {
      work.then(
        (r) => callback(null, r),
        (e) => callback(e)
      )
      return undefined
    }
    return work
  }

  conn.query = function (config: any, values?: any, callback?: any) {
    const submittable = config && typeof config.submit === 'function'
    const text: string | undefined = typeof config === 'string' ? config : config?.text
    if (typeof values === 'function') {
      callback = values
      values = undefined
    }
    const passthrough = () =>
      values === undefined ? original(config, callback) : original(config, values, callback)

    if (process.env.ROLE_SWITCH_DEBUG === '1' && !inTransaction && openTransactions > 0) {
      console.error(
        `[role_switch] statement on another connection during a transaction: ${String(text).slice(0, 120)}\n${new Error().stack}`
      )
    }
    if (typeof text === 'string' && BEGIN.test(text)) {
      inTransaction = true
      openTransactions++
      // The caller sees BEGIN complete only once the role is switched.
      return settle(
        exec(config, values).then(async (r) => {
          await exec(switchSql)
          return r
        }),
        callback
      )
    }
    if (typeof text === 'string' && END.test(text)) {
      if (inTransaction) openTransactions--
      inTransaction = false
      return passthrough()
    }
    if (inTransaction) return passthrough()

    // A statement on its own: give it a transaction of its own with the right role.
    if (submittable) {
      // Streams (rare outside transactions): queued behind BEGIN/SET, COMMIT after them.
      const quiet = (sql: string) => original(sql).catch(() => {})
      quiet('BEGIN')
      quiet(switchSql)
      const result = passthrough()
      quiet('COMMIT')
      return result
    }
    const work = (async () => {
      await exec('BEGIN')
      try {
        await exec(switchSql)
        const result = await exec(config, values)
        await exec('COMMIT')
        return result
      } catch (error) {
        await exec('ROLLBACK').catch(() => {})
        throw error
      }
    })()
    return settle(work, callback)
  }
}
