import pg from 'pg'
import type { ApplicationService } from '@adonisjs/core/types'
import { MigrationRunner } from '@adonisjs/lucid/migration'
import { installRoleSwitch } from '../embedded/role_switch.js'

/** Embedded mode (PGlite): one database, one shared superuser session (app/embedded/). */
const embedded = () => process.env.EMBEDDED_DB === '1'

/** A raw owner client; in embedded mode each of its statements runs as the session user. */
function ownerClient(connectionString: string) {
  const client = new pg.Client({ connectionString })
  if (embedded()) installRoleSwitch(client as any, 'NONE')
  return client
}

/*
| Creates what the database needs before the app can run: the database itself, the
| application role (LOGIN, no superuser, no BYPASSRLS) and its grants. Runs as the
| owner role of DATABASE_URL. Idempotent: safe on every start.
*/
export interface SetupOptions {
  ownerUrl: string
  appRole: string
  appPassword: string
}

function quoteIdent(name: string) {
  return '"' + name.replace(/"/g, '""') + '"'
}

function quoteLiteral(value: string) {
  return "'" + value.replace(/'/g, "''") + "'"
}

export async function ensureDatabase(ownerUrl: string, opts: { recreate?: boolean } = {}) {
  // PGlite has a single database; tests start a fresh in-memory one instead of recreating.
  if (embedded()) return
  const url = new URL(ownerUrl)
  const dbName = decodeURIComponent(url.pathname.slice(1))
  url.pathname = '/postgres'
  const client = new pg.Client({ connectionString: url.toString() })
  await client.connect()
  try {
    if (opts.recreate) {
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(dbName)} WITH (FORCE)`)
    }
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName])
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${quoteIdent(dbName)}`)
  } finally {
    await client.end()
  }
}

export async function ensureAppRole({ ownerUrl, appRole, appPassword }: SetupOptions) {
  const client = ownerClient(ownerUrl)
  await client.connect()
  try {
    const role = quoteIdent(appRole)
    const found = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [appRole])
    const attrs = `LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD ${quoteLiteral(appPassword)}`
    if (found.rowCount === 0) {
      // Two processes may race here (web and worker starting together).
      await client.query(
        `DO $$ BEGIN CREATE ROLE ${role} ${attrs}; EXCEPTION WHEN duplicate_object THEN NULL; END $$`
      )
    } else {
      await client.query(`ALTER ROLE ${role} ${attrs}`)
    }
  } finally {
    await client.end()
  }
}

/** Grants after migrations: full DML on every table except append-only ones and Lucid's own. */
export async function grantAppRole({ ownerUrl, appRole }: SetupOptions) {
  const client = ownerClient(ownerUrl)
  await client.connect()
  try {
    const role = quoteIdent(appRole)
    await client.query(`GRANT USAGE ON SCHEMA public TO ${role}`)
    await client.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`
    )
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`)
    await client.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${role}`)
    await client.query(`REVOKE ALL ON adonis_schema, adonis_schema_versions FROM ${role}`)
    const appendOnly = await client.query<{ relname: string }>(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r','p') AND obj_description(c.oid, 'pg_class') = 'append-only'`
    )
    for (const { relname } of appendOnly.rows) {
      await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${quoteIdent(relname)} FROM ${role}`)
    }
  } finally {
    await client.end()
  }
}

/** Everything in order: database, role, migrations as the owner, grants. Returns applied migrations. */
export async function setupDatabase(
  app: ApplicationService,
  opts: SetupOptions & { fresh?: boolean }
) {
  await ensureDatabase(opts.ownerUrl, { recreate: opts.fresh })
  await ensureAppRole(opts)
  const db = await app.container.make('lucid.db')
  const migrator = new MigrationRunner(db, app, { direction: 'up', connectionName: 'owner' })
  await migrator.run()
  if (migrator.error) throw migrator.error
  await grantAppRole(opts)
  if (embedded()) await parkSessionOnAppRole(opts)
  return Object.values(migrator.migratedFiles).filter((f) => f.status === 'completed').length
}

/**
 * Embedded mode: the shared session's default role becomes the app role, so any statement
 * that is not wrapped by the role switch still runs without BYPASSRLS (defence in depth).
 */
export async function parkSessionOnAppRole({ ownerUrl, appRole }: SetupOptions) {
  const client = new pg.Client({ connectionString: ownerUrl })
  await client.connect()
  try {
    await client.query(`SET ROLE ${quoteIdent(appRole)}`)
  } finally {
    await client.end()
  }
}

export async function setupOptionsFromEnv(): Promise<SetupOptions> {
  const { default: env } = await import('#start/env')
  const { appRoleName } = await import('#start/database_urls')
  return {
    ownerUrl: env.get('DATABASE_URL'),
    appRole: appRoleName(),
    appPassword: env.get('APP_DB_PASSWORD', 'vme_app_password'),
  }
}
