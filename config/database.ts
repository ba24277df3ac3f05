import env from '#start/env'
import { defineConfig } from '@adonisjs/lucid'
import { appDatabaseUrl } from '#start/database_urls'

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

export default defineConfig({
  connection: 'app',
  prettyPrintDebugQueries: false,
  connections: {
    app: {
      client: 'pg',
      connection: { connectionString: appDatabaseUrl() },
      pool,
      migrations,
    },
    owner: {
      client: 'pg',
      connection: { connectionString: env.get('DATABASE_URL') },
      pool: { min: 0, max: 4 },
      migrations,
    },
  },
})
