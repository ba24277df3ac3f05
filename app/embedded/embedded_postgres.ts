/*
| Embedded PostgreSQL for a machine without a PostgreSQL server (zero-setup mode).
|
| PGlite (PostgreSQL 18 compiled to WebAssembly) behind pglite-socket on a private loopback
| port: the app keeps its `pg` driver, its migrations, its RLS policies and extensions.
|
| Where it runs: in the supervisor process `scripts/run.mjs` (start, demo, test). The
| supervisor starts it before any app process, passes DATABASE_URL/EMBEDDED=1 to its
| children (db:setup, db:seed, the web server, the test runner) and stops it last, so the
| data directory has exactly one writer and is closed cleanly on Ctrl-C.
|
| This file is imported by run.mjs through Node's own type stripping: erasable TypeScript
| only (no enums, no parameter properties, no `#` imports).
|
| Role design (see also app/embedded/role_switch.ts): every socket connection shares ONE
| backend session whose session_user is the superuser `postgres`. Setup leaves that session
| at `SET ROLE <app role>` (anything unaccounted for runs without BYPASSRLS), and the app's
| pooled connections switch per transaction with `SET LOCAL ROLE`.
*/
import { mkdirSync } from 'node:fs'
import net from 'node:net'

export interface EmbeddedPostgres {
  /** Owner URL (superuser `postgres`) for DATABASE_URL. */
  url: string
  port: number
  /** Absolute data directory, or 'memory'. */
  dataDir: string
  stop(): Promise<void>
}

export interface EmbeddedOptions {
  /** Data directory (created when missing); 'memory' for a throw-away database (tests). */
  dataDir: string
  /** Loopback port; 0 picks a free one. */
  port?: number
  maxConnections?: number
}

const EMBEDDED_SETTINGS = [
  'shared_buffers = 16MB',
  'work_mem = 4MB',
  'maintenance_work_mem = 32MB',
  'temp_buffers = 4MB',
  'wal_buffers = 1MB',
]

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const [{ PGlite }, { PGLiteSocketServer }, btree, trgm, unaccent, citext] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-socket'),
    import('@electric-sql/pglite/contrib/btree_gist'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/contrib/unaccent'),
    import('@electric-sql/pglite/contrib/citext'),
  ])
  const memory = opts.dataDir === 'memory'
  if (!memory) mkdirSync(opts.dataDir, { recursive: true })
  const db = await PGlite.create({
    ...(memory ? {} : { dataDir: opts.dataDir }),
    // PGlite writes these as its postgresql.conf on every start. Its WebAssembly memory
    // never shrinks, so the buffers are sized for one small single-node installation.
    postgresqlconf: EMBEDDED_SETTINGS,
    extensions: {
      btree_gist: btree.btree_gist,
      pg_trgm: trgm.pg_trgm,
      unaccent: unaccent.unaccent,
      citext: citext.citext,
    },
  })
  const port = opts.port || (await freePort())
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port,
    maxConnections: opts.maxConnections ?? 32,
  })
  await server.start()
  let stopped = false
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir: opts.dataDir,
    async stop() {
      if (stopped) return
      stopped = true
      await server.stop()
      await db.close()
    },
  }
}
