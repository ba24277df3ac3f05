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
| No ICU in PGlite: `x COLLATE natural_sort` (ICU numeric ordering on PostgreSQL) is
| rewritten to `natural_sort_key(x)` (migration 1700000000021), the same order in plain SQL.
|
| Defence in depth: setup leaves the shared session at `SET ROLE <app role>`, so a
| statement that escaped the wrapper (a raw client) still runs without BYPASSRLS.
*/

type Callback = (err: Error | null, result?: unknown) => void
type QueryFn = (...args: any[]) => any

const BEGIN = /^\s*(begin|start\s+transaction)\b/i
const END = /^\s*(commit|end|rollback(?!\s+to\b)|abort)\b/i

const NATURAL_SORT = /((?:"?\w+"?\.)?"?\w+"?)\s+collate\s+natural_sort\b/gi

/** `expr COLLATE natural_sort` → `natural_sort_key(expr)` (column references only). */
export function rewriteNaturalSort(text: string) {
  return /natural_sort/i.test(text) ? text.replace(NATURAL_SORT, 'natural_sort_key($1)') : text
}

function quoteIdent(name: string) {
  return '"' + name.replace(/"/g, '""') + '"'
}

export function setLocalRoleSql(role: string | 'NONE') {
  return role === 'NONE' ? 'SET LOCAL ROLE NONE' : `SET LOCAL ROLE ${quoteIdent(role)}`
}

/** Last statement of each connection inside a transaction (diagnostics). */
const openTransactions = new Map<object, string>()

/**
 * ROLE_SWITCH_DEBUG=1: a statement still waiting after 5 s while transactions are open is
 * almost always code that, inside a transaction, awaits a query on ANOTHER connection —
 * PostgreSQL would run both, pglite-socket runs one transaction at a time: a deadlock.
 * Prints the waiting statement's stack and what each open transaction ran last.
 */
function watchStall(text: string | undefined) {
  if (process.env.ROLE_SWITCH_DEBUG !== '1') return () => {}
  const stack = new Error().stack
  const timer = setTimeout(() => {
    const open = [...openTransactions.values()].map((t) => `  open transaction, last: ${t}`)
    console.error(
      `[role_switch] waiting 5 s: ${String(text).slice(0, 160)}
${open.join('\n')}
${stack}`
    )
  }, 5000)
  timer.unref()
  return () => clearTimeout(timer)
}

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

  // Once per pooled connection, not per query: a long-lived closure is what V8 expects here.
  // eslint-disable-next-line no-restricted-syntax
  conn.query = function (config: any, values?: any, callback?: any) {
    const submittable = config && typeof config.submit === 'function'
    if (typeof config === 'string') config = rewriteNaturalSort(config)
    else if (!submittable && typeof config?.text === 'string') {
      config = { ...config, text: rewriteNaturalSort(config.text) }
    }
    const text: string | undefined = typeof config === 'string' ? config : config?.text
    if (typeof values === 'function') {
      callback = values
      values = undefined
    }
    const passthrough = () =>
      values === undefined ? original(config, callback) : original(config, values, callback)

    if (typeof text === 'string' && BEGIN.test(text)) {
      inTransaction = true
      const stall = watchStall(text)
      // The caller sees BEGIN complete only once the role is switched.
      return settle(
        exec(config, values).then(async (r) => {
          stall()
          openTransactions.set(conn, text)
          await exec(switchSql)
          return r
        }),
        callback
      )
    }
    if (typeof text === 'string' && END.test(text)) {
      openTransactions.delete(conn)
      inTransaction = false
      return passthrough()
    }
    if (inTransaction) {
      if (typeof text === 'string') openTransactions.set(conn, text.slice(0, 160))
      return passthrough()
    }

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
      const stall = watchStall(text)
      await exec('BEGIN')
      stall()
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
