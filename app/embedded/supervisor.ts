/*
| Zero-setup decisions for scripts/run.mjs (start, demo, test): which database and which
| job backend, the environment handed to the children, and the start banner.
| Imported by run.mjs through Node's type stripping: erasable TypeScript only.
|
| Rules (README "Two commands"):
|  - EMBEDDED=1 forces the embedded database (PGlite) and in-process jobs;
|  - EMBEDDED=0 refuses any fallback: an unreachable service stops with what is unreachable;
|  - an explicit DATABASE_URL / REDIS_URL (set in the environment, or changed in .env from
|    the .env.example default) wins: unreachable → stop, never a silent fallback;
|  - otherwise a service that does not answer is replaced: PostgreSQL → PGlite in
|    storage/embedded/ (then jobs run in-process too: one process), Redis → in-process
|    jobs, memory rate limiter, memory sessions if they were on Redis.
*/
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export type EnvMap = Record<string, string | undefined>

export interface Mode {
  db: 'postgres' | 'embedded'
  jobs: 'bullmq' | 'memory'
  /** Why this mode (printed). */
  reason: string
  /** Non-empty: stop with these messages. */
  problems: string[]
}

type Reachable = (host: string, port: number) => Promise<boolean>

function hostPort(raw: string | undefined, defaultPort: number) {
  try {
    const url = new URL(raw ?? '')
    return { host: url.hostname, port: Number(url.port || defaultPort) }
  } catch {
    return null
  }
}

export async function resolveMode(
  env: EnvMap,
  defaults: EnvMap,
  reachable: Reachable,
  processEnv: EnvMap = process.env
): Promise<Mode> {
  const forced = processEnv.EMBEDDED ?? env.EMBEDDED
  if (forced === '1') {
    return { db: 'embedded', jobs: 'memory', reason: 'EMBEDDED=1', problems: [] }
  }
  const dbUrl = processEnv.DATABASE_URL || env.DATABASE_URL
  const redisUrl = processEnv.REDIS_URL || env.REDIS_URL
  const explicitDb =
    Boolean(processEnv.DATABASE_URL) ||
    Boolean(env.DATABASE_URL && env.DATABASE_URL !== defaults.DATABASE_URL)
  const explicitRedis =
    Boolean(processEnv.REDIS_URL) || Boolean(env.REDIS_URL && env.REDIS_URL !== defaults.REDIS_URL)
  const db = hostPort(dbUrl, 5432) ?? { host: '127.0.0.1', port: 5432 }
  const redis = hostPort(redisUrl, 6379) ?? { host: '127.0.0.1', port: 6379 }
  const [dbUp, redisUp] = await Promise.all([
    dbUrl ? reachable(db.host, db.port) : Promise.resolve(false),
    redisUrl ? reachable(redis.host, redis.port) : Promise.resolve(false),
  ])
  const problems: string[] = []
  const strict = forced === '0'
  const why = strict ? ' (EMBEDDED=0: no embedded fallback)' : ' (DATABASE_URL is explicit)'
  if (!dbUp && (strict || explicitDb)) {
    problems.push(
      `PostgreSQL is not reachable at ${db.host}:${db.port}${why}.\n` +
        `  Start it (Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start),\n` +
        `  point DATABASE_URL at a server, or run with EMBEDDED=1 for the embedded database.`
    )
  }
  if (!redisUp && (strict || explicitRedis)) {
    problems.push(
      `Redis is not reachable at ${redis.host}:${redis.port}${strict ? ' (EMBEDDED=0: no in-process fallback)' : ' (REDIS_URL is explicit)'}.\n` +
        `  Start it (redis-server --daemonize yes --port 6379), set REDIS_URL, or run with EMBEDDED=1.`
    )
  }
  const dbMode = dbUp ? 'postgres' : 'embedded'
  const jobs = dbMode === 'embedded' || !redisUp ? 'memory' : 'bullmq'
  const reason =
    dbMode === 'embedded'
      ? `nothing answers on ${db.host}:${db.port}`
      : jobs === 'memory'
        ? `nothing answers on ${redis.host}:${redis.port}`
        : 'PostgreSQL and Redis answer'
  return { db: dbMode, jobs, reason, problems }
}

/** Environment for the app processes of a mode (PGlite URL when embedded). */
export function childEnv(mode: Mode, env: EnvMap, embeddedUrl?: string): EnvMap {
  const out: EnvMap = {}
  // The app processes read EMBEDDED_DB (EMBEDDED itself is the user's choice, read here).
  if (mode.db === 'embedded') {
    out.EMBEDDED_DB = '1'
    out.DATABASE_URL = embeddedUrl
  }
  if (mode.jobs === 'memory') {
    out.QUEUE_BACKEND = 'memory'
    out.LIMITER_STORE = 'memory'
    const session = process.env.SESSION_DRIVER ?? env.SESSION_DRIVER
    if (session === 'redis') out.SESSION_DRIVER = 'memory'
  }
  return out
}

export function describeMode(mode: Mode) {
  const db = mode.db === 'embedded' ? 'embedded PostgreSQL (PGlite)' : 'PostgreSQL'
  const jobs = mode.jobs === 'memory' ? 'in-process jobs (single node)' : 'Redis (BullMQ)'
  return `${db} + ${jobs} — ${mode.reason}`
}

export const DEMO_LOGINS = [
  ['admin@demo.vme', 'admin'],
  ['syndic@demo.vme', 'syndic'],
  ['accountant@demo.vme', 'accountant'],
  ['board@demo.vme', 'board member + co-owner'],
  ['owner@demo.vme', 'co-owner (portal)'],
  ['staff@vme.local', 'platform superadmin'],
]

export function banner(opts: {
  mode: Mode
  url: string
  demo: boolean
  dataDir?: string
  outbox: boolean
}) {
  const lines = [
    '',
    '────────────────────────────────────────────────────────────────────',
    ` VME is running: ${opts.url}`,
    ` mode: ${describeMode(opts.mode)}`,
  ]
  if (opts.mode.db === 'embedded') {
    lines.push(
      ` data: ${opts.dataDir} (delete it to start over)`,
      ' single node: the web server runs the jobs and the schedules itself'
    )
  } else {
    lines.push(' data: the PostgreSQL database of DATABASE_URL')
  }
  if (opts.outbox)
    lines.push(` e-mail: no SMTP server, mails go to the outbox: ${opts.url}/app/outbox`)
  if (opts.demo) {
    lines.push(' demo logins (password Demo-Password-2026!):')
    for (const [email, role] of DEMO_LOGINS) lines.push(`   ${email.padEnd(22)} ${role}`)
  }
  lines.push(
    ' switch: start PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379 (or set',
    '   DATABASE_URL / REDIS_URL) for the real services; EMBEDDED=1 forces the embedded',
    '   mode, EMBEDDED=0 refuses it.',
    '────────────────────────────────────────────────────────────────────',
    ''
  )
  return lines.join('\n')
}

/** Number of tests in the browser suite (for the skipped count when Chromium is missing). */
export function countBrowserTests(root: string): number {
  const dirs = [join(root, 'tests/browser')]
  const modules = join(root, 'modules')
  if (existsSync(modules)) {
    for (const m of readdirSync(modules)) dirs.push(join(modules, m, 'tests/browser'))
  }
  let count = 0
  for (const dir of dirs) {
    if (!existsSync(dir)) continue
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.spec.ts')) continue
      const source = readFileSync(join(entry.parentPath, entry.name), 'utf8')
      count += [...source.matchAll(/(^|[^.\w])test\(/g)].length
    }
  }
  return count
}
