import env from '#start/env'
import { defineConfig } from '@adonisjs/lucid'
import { appDatabaseUrl, appRoleName } from '#start/database_urls'
import { installRoleSwitch } from '#embedded/role_switch'

/*
| Two connections to the same database:
| - `app` (default): the application role. It owns no table and has no BYPASSRLS, so
|   row-level security applies to every query the web and worker processes make.
| - `owner`: the role that owns the schema. Only migrations, role setup and the
|   test harness use it.
*/
const migrations = {
  naturalSort: true,
  paths: [
    'database/migrations',
    'modules/gdpr/database/migrations',
    'modules/accounting/database/migrations',
    'modules/legal/database/migrations',
    'modules/community/database/migrations',
    'modules/iot/database/migrations',
  ],
}

const pool = { min: 0, max: env.get('DB_POOL_MAX', 10) }

/*
| Embedded mode (EMBEDDED_DB=1, set by scripts/run.mjs with EMBEDDED=1 or as fallback; PGlite): one shared superuser session, so each pooled
| connection switches role per transaction (app role / owner). See app/embedded/role_switch.ts.
*/
const embedded = process.env.EMBEDDED_DB === '1'
const roleSwitch = (role: string) =>
  embedded
    ? {
        afterCreate(conn: any, done: (err: Error | null, conn: unknown) => void) {
          installRoleSwitch(conn, role)
          done(null, conn)
        },
      }
    : {}

export default defineConfig({
  connection: 'app',
  prettyPrintDebugQueries: false,
  connections: {
    app: {
      client: 'pg',
      connection: { connectionString: appDatabaseUrl() },
      pool: { ...pool, ...roleSwitch(appRoleName()) },
      migrations,
    },
    owner: {
      client: 'pg',
      connection: { connectionString: env.get('DATABASE_URL') },
      pool: { min: 0, max: 4, ...roleSwitch('NONE') },
      migrations,
    },
  },
})
