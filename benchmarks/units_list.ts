/*
| `npm run bench`: SPEC §10, authenticated tenant-scoped list of 20 rows.
|
| 1. Creates its own database (vme_bench) with `node ace db:setup --fresh`
|    (setupDatabase: database, app role, migrations as owner, grants).
| 2. Starts the real web process (the compiled build, as `npm start` runs it) and seeds, through the API, one
|    organisation with a building of 20 units.
| 3. Measures GET /api/v1/buildings/:id/units?perPage=20 with a bearer token, then the
|    same work on a bare node:http + pg server (benchmarks/bare_server.mjs): saturation
|    throughput (autocannon, connections 10), then p50/p99 at a steady half of that
|    rate (benchmarks/constant_rate.mjs, open loop, see why there), peak RSS of the server process and peak PostgreSQL connections of
|    the app role, sampled during the load.
| 4. Prints a table and PASS/FAIL per target, writes benchmarks/RESULTS.md.
|
| The two servers run one after the other on the same port, each alone on the machine.
| env: BENCH_PORT (3355), BENCH_DATABASE_URL (owner URL, .../vme_bench), BENCH_REDIS_URL,
|      BENCH_DURATION (seconds per run, 10), BENCH_WARMUP (seconds before it, 10; 2 until
|      2026-12-01), BENCH_CONNECTIONS (10),
|      BENCH_APP_ROLE (vme_app_bench), BENCH_BUILD_DIR (the compiled build to run, default
|      build/; when set, it is used as is: build it yourself, e.g. into a private copy on
|      a shared tree), BENCH_SMTP_PORT (2545)
*/
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { constantRate } from './constant_rate_client.js'
import { NODE_MALLOC_ENV, WEB_NODE_FLAGS } from '../scripts/web_node_flags.mjs'

const require = createRequire(import.meta.url)
const autocannon: (opts: Record<string, unknown>) => Promise<any> = require('autocannon')

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const NODE = process.execPath
const PORT = Number(process.env.BENCH_PORT ?? 3355)
const OWNER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vme_bench'
const APP_ROLE = process.env.BENCH_APP_ROLE ?? 'vme_app_bench'
const APP_PASSWORD = `${APP_ROLE}_password`
const BUILD_DIR = process.env.BENCH_BUILD_DIR
const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10)
const BASE = `http://127.0.0.1:${PORT}`

const TARGETS = { throughputRatio: 0.5, p99Ms: 5, rssMb: 128, dbConnections: 10 }

function appUrl() {
  const url = new URL(OWNER_URL)
  url.username = APP_ROLE
  url.password = APP_PASSWORD
  return url.toString()
}

const serverEnv = {
  ...NODE_MALLOC_ENV,
  ...process.env,
  NODE_ENV: 'production',
  PORT: String(PORT),
  HOST: '127.0.0.1',
  APP_KEY: process.env.APP_KEY ?? randomBytes(32).toString('hex'),
  LOG_LEVEL: 'warn',
  DATABASE_URL: OWNER_URL,
  APP_DB_USER: APP_ROLE,
  APP_DB_PASSWORD: APP_PASSWORD,
  DB_POOL_MAX: '10',
  REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/15',
  SESSION_DRIVER: 'cookie',
  LIMITER_STORE: 'memory',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: process.env.BENCH_SMTP_PORT ?? '2545',
  DRIVE_DISK: 'fs',
}

const children = new Set<ChildProcess>()

function start(args: string[], env: NodeJS.ProcessEnv, label: string, cwd = ROOT): ChildProcess {
  const child = spawn(NODE, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(child)
  const tail: string[] = []
  const keep = (chunk: Buffer) => {
    tail.push(chunk.toString())
    if (tail.length > 50) tail.shift()
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  child.on('exit', (code) => {
    children.delete(child)
    if (code && code !== 0 && !stopping.has(child)) {
      console.error(`${label} exited with ${code}:\n${tail.join('')}`)
    }
  })
  return child
}

const stopping = new Set<ChildProcess>()
async function stop(child: ChildProcess) {
  if (child.exitCode !== null || !child.pid) return
  stopping.add(child)
  const exited = new Promise((resolve) => child.once('exit', resolve))
  process.kill(child.pid, 'SIGTERM')
  const timer = setTimeout(
    () => child.pid && child.exitCode === null && process.kill(child.pid, 'SIGKILL'),
    5000
  )
  await exited
  clearTimeout(timer)
}

async function waitFor(url: string, child: ChildProcess, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (child.exitCode !== null)
      throw new Error(`server exited (${child.exitCode}) before ${url} answered`)
    try {
      const res = await fetch(url)
      await res.arrayBuffer()
      if (res.status < 500) return
    } catch {}
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`)
}

async function api(method: string, path: string, token: string | null, body?: unknown) {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      'accept': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json: any = await res.json().catch(() => null)
  if (res.status >= 300)
    throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`)
  return json
}

async function seed() {
  const suffix = randomBytes(4).toString('hex')
  const signup = await api('POST', '/api/v1/signup', null, {
    organisation: { name: 'Bench Syndic', slug: `bench-${suffix}` },
    user: {
      email: `bench-${suffix}@example.test`,
      password: 'Bench-Password-2026!',
      fullName: 'Bench',
    },
  })
  const token: string = signup.token
  const building = await api('POST', '/api/v1/buildings', token, {
    name: 'Résidence Bench',
    address: { street: 'Rue de la Loi 16', postalCode: '1000', city: 'Bruxelles', country: 'BE' },
    totalQuota: 1000,
  })
  for (let i = 1; i <= 20; i++) {
    await api('POST', `/api/v1/buildings/${building.id}/units`, token, {
      number: `A${i}`,
      type: 'apartment',
      floor: String(Math.ceil(i / 4)),
      quota: 50,
    })
  }
  return {
    token,
    organisationId: signup.organisation.id as string,
    buildingId: building.id as string,
  }
}

/** Peak RSS of `pid` and peak connections of the app role while `fn` runs. */
async function sampled<T>(pid: number, fn: () => Promise<T>) {
  const owner = new pg.Client({ connectionString: OWNER_URL })
  await owner.connect()
  let rssKb = 0
  let dbConnections = 0
  let busy = false
  const timer = setInterval(async () => {
    if (busy) return
    busy = true
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8')
      const m = status.match(/VmRSS:\s+(\d+) kB/)
      if (m) rssKb = Math.max(rssKb, Number(m[1]))
      const res = await owner.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = $1 AND datname = current_database()`,
        [APP_ROLE]
      )
      dbConnections = Math.max(dbConnections, res.rows[0].n)
    } catch {
    } finally {
      busy = false
    }
  }, 250)
  try {
    const result = await fn()
    return { result, rssMb: rssKb / 1024, dbConnections }
  } finally {
    clearInterval(timer)
    await owner.end()
  }
}

/** Database work per request: transactions, rows updated and inserted (pg_stat_database). */
async function dbStats() {
  const owner = new pg.Client({ connectionString: OWNER_URL })
  await owner.connect()
  try {
    // Backends flush their counters about once a second.
    await new Promise((r) => setTimeout(r, 1500))
    const res = await owner.query(
      `SELECT xact_commit::bigint AS commits, tup_updated::bigint AS updated, tup_inserted::bigint AS inserted
         FROM pg_stat_database WHERE datname = current_database()`
    )
    const row = res.rows[0]
    return {
      commits: Number(row.commits),
      updated: Number(row.updated),
      inserted: Number(row.inserted),
    }
  } finally {
    await owner.end()
  }
}

interface Measure {
  saturationRps: number
  saturationP99: number
  halfRate: number
  halfRps: number
  p50: number
  p99: number
  p999: number
  timerLagP99: number
  rssMb: number
  dbConnections: number
  errors: number
  perRequest: { commits: number; updated: number; inserted: number }
  cpuPerRequest: number
  /** p50/p99 at another server's half-saturation rate (`measure`'s `alsoAtRate`). */
  atRate?: { rate: number; p50: number; p99: number }
}

async function measure(
  pid: number,
  url: string,
  headers: Record<string, string>,
  alsoAtRate?: number
): Promise<Measure> {
  // Warm-up (JIT tiering, pools, heap sizing: the server in its steady state), then
  // saturation at CONNECTIONS, then half of that rate.
  await autocannon({ url, headers, connections: CONNECTIONS, duration: WARMUP })
  const statsBefore = await dbStats()
  const cpuBefore = cpuMs(pid)
  const sat = await sampled(pid, () =>
    autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION })
  )
  const cpuPerRequest = (cpuMs(pid) - cpuBefore) / Math.max(1, sat.result.requests.total)
  const statsAfter = await dbStats()
  const total = Math.max(1, sat.result.requests.total)
  const perRequest = {
    commits: (statsAfter.commits - statsBefore.commits) / total,
    updated: (statsAfter.updated - statsBefore.updated) / total,
    inserted: (statsAfter.inserted - statsBefore.inserted) / total,
  }
  const saturationRps = sat.result.requests.average
  const halfRate = Math.max(1, Math.floor(saturationRps / 2))
  const openLoop = (rate: number) =>
    sampled(pid, () =>
      constantRate({
        url,
        headers,
        rate,
        seconds: DURATION,
        connections: CONNECTIONS,
        warmupSeconds: 1,
      })
    )
  const half = await openLoop(halfRate)
  // The same request rate as the other server's half saturation: what this machine
  // (2 cores shared with PostgreSQL and the load generator) gives at that rate.
  const other = alsoAtRate ? await openLoop(alsoAtRate) : undefined
  return {
    atRate: other && {
      rate: alsoAtRate!,
      p50: other.result.latency.p50,
      p99: other.result.latency.p99,
    },
    saturationRps,
    saturationP99: sat.result.latency.p99,
    halfRate,
    halfRps: half.result.achievedRate,
    p50: half.result.latency.p50,
    p99: half.result.latency.p99,
    p999: half.result.latency.p999,
    timerLagP99: half.result.timerLag.p99,
    rssMb: Math.max(sat.rssMb, half.rssMb),
    dbConnections: Math.max(sat.dbConnections, half.dbConnections),
    errors:
      sat.result.non2xx +
      sat.result.errors +
      sat.result.timeouts +
      half.result.non2xx +
      half.result.errors +
      (other ? other.result.non2xx + other.result.errors : 0),
    perRequest,
    cpuPerRequest,
  }
}

/** CPU time (user + system) of a process in ms, from /proc/<pid>/stat (100 ticks/s). */
function cpuMs(pid: number) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

function rssMb(pid: number) {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)
  return m ? Number(m[1]) / 1024 : Number.NaN
}

function fmt(n: number, digits = 1) {
  return Number.isFinite(n) ? n.toFixed(digits) : String(n)
}

async function main() {
  console.log(`setting up ${new URL(OWNER_URL).pathname.slice(1)} (db:setup --fresh)…`)
  const setup = spawnSync(NODE, ['ace.js', 'db:setup', '--fresh'], {
    cwd: ROOT,
    env: { ...serverEnv, NODE_ENV: 'development' },
    encoding: 'utf8',
  })
  if (setup.status !== 0) throw new Error(`db:setup failed:\n${setup.stdout}\n${setup.stderr}`)

  const path = (buildingId: string) => `/api/v1/buildings/${buildingId}/units?perPage=20`

  // --- the application
  // Measure what `npm start` runs: the compiled build with the same Node flags.
  if (!BUILD_DIR) {
    const build = spawnSync(NODE, ['scripts/run.mjs', 'build'], { cwd: ROOT, stdio: 'inherit' })
    if (build.status !== 0) throw new Error('build failed')
  }
  const app = start(
    [...WEB_NODE_FLAGS, 'bin/server.js'],
    serverEnv,
    'web server',
    BUILD_DIR ?? `${ROOT}build`
  )
  await waitFor(`${BASE}/health`, app)
  const fixture = await seed()
  const check = await api('GET', path(fixture.buildingId), fixture.token)
  if (check.data?.length !== 20)
    throw new Error(`expected 20 units, got ${JSON.stringify(check).slice(0, 200)}`)
  console.log(`measuring the app (pid ${app.pid}) on ${path(fixture.buildingId)}…`)
  const appIdleRss = rssMb(app.pid!)
  const appResult = await measure(app.pid!, `${BASE}${path(fixture.buildingId)}`, {
    authorization: `Bearer ${fixture.token}`,
  })
  // Context: where the app's time goes, from no work at all to the full list.
  const floors: { path: string; rps: number; cpu: number }[] = []
  for (const [label, floorPath] of [
    ['GET /health (no auth, no DB)', '/health'],
    ['GET /api/v1/me (token + user + memberships)', '/api/v1/me'],
    [
      'GET /api/v1/buildings/:id (tenant transaction, 1 row)',
      `/api/v1/buildings/${fixture.buildingId}`,
    ],
  ] as const) {
    const before = cpuMs(app.pid!)
    const r = await autocannon({
      url: `${BASE}${floorPath}`,
      headers: { authorization: `Bearer ${fixture.token}` },
      connections: CONNECTIONS,
      duration: Math.max(3, Math.round(DURATION / 2)),
    })
    floors.push({
      path: label,
      rps: r.requests.average,
      cpu: (cpuMs(app.pid!) - before) / Math.max(1, r.requests.total),
    })
  }
  await stop(app)

  // --- the bare reference, same port, same app role, same data
  const bare = start(
    ['benchmarks/bare_server.mjs'],
    {
      ...process.env,
      BARE_DATABASE_URL: appUrl(),
      BARE_PORT: String(PORT),
      BARE_ORGANISATION_ID: fixture.organisationId,
      BARE_POOL_MAX: '10',
    },
    'bare server'
  )
  await waitFor(`${BASE}/`, bare)
  const bareCheck = await api('GET', path(fixture.buildingId), null)
  if (bareCheck.data?.length !== 20) throw new Error('bare server does not return 20 units')
  console.log(`measuring the bare node:http + pg server (pid ${bare.pid})…`)
  const bareIdleRss = rssMb(bare.pid!)
  const bareResult = await measure(
    bare.pid!,
    `${BASE}${path(fixture.buildingId)}`,
    {},
    appResult.halfRate
  )
  await stop(bare)

  // --- report
  const ratio = appResult.saturationRps / bareResult.saturationRps
  const rows: [string, string, string][] = [
    [
      'saturation throughput (req/s, 10 connections)',
      fmt(appResult.saturationRps, 0),
      fmt(bareResult.saturationRps, 0),
    ],
    ['p99 at saturation (ms)', fmt(appResult.saturationP99, 0), fmt(bareResult.saturationP99, 0)],
    [
      'half-saturation rate requested (req/s)',
      String(appResult.halfRate),
      String(bareResult.halfRate),
    ],
    [
      'half-saturation rate achieved (req/s)',
      fmt(appResult.halfRps, 0),
      fmt(bareResult.halfRps, 0),
    ],
    ['p50 at half saturation (ms)', fmt(appResult.p50, 2), fmt(bareResult.p50, 2)],
    ['p99 at half saturation (ms)', fmt(appResult.p99, 2), fmt(bareResult.p99, 2)],
    ['p99.9 at half saturation (ms)', fmt(appResult.p999, 2), fmt(bareResult.p999, 2)],
    [
      `p50 / p99 at the app's half-saturation rate, ${appResult.halfRate} req/s (ms)`,
      `${fmt(appResult.p50, 2)} / ${fmt(appResult.p99, 2)}`,
      `${fmt(bareResult.atRate!.p50, 2)} / ${fmt(bareResult.atRate!.p99, 2)}`,
    ],
    [
      'load generator timer lag p99 (ms)',
      fmt(appResult.timerLagP99, 2),
      fmt(bareResult.timerLagP99, 2),
    ],
    ['peak RSS of the server process (MB)', fmt(appResult.rssMb), fmt(bareResult.rssMb)],
    [
      'peak PostgreSQL connections of the app role',
      String(appResult.dbConnections),
      String(bareResult.dbConnections),
    ],
    ['non-2xx / errors / timeouts', String(appResult.errors), String(bareResult.errors)],
    [
      'DB transactions per request',
      fmt(appResult.perRequest.commits, 2),
      fmt(bareResult.perRequest.commits, 2),
    ],
    [
      'DB rows updated / inserted per request',
      `${fmt(appResult.perRequest.updated, 2)} / ${fmt(appResult.perRequest.inserted, 2)}`,
      `${fmt(bareResult.perRequest.updated, 2)} / ${fmt(bareResult.perRequest.inserted, 2)}`,
    ],
    ['idle RSS after boot (MB)', fmt(appIdleRss), fmt(bareIdleRss)],
    [
      'server CPU per request at saturation (ms)',
      fmt(appResult.cpuPerRequest, 2),
      fmt(bareResult.cpuPerRequest, 2),
    ],
  ]
  const checks: [string, boolean, string][] = [
    ['throughput ≥ 50 % of bare', ratio >= TARGETS.throughputRatio, `${fmt(ratio * 100)} %`],
    ['p99 < 5 ms at half saturation', appResult.p99 < TARGETS.p99Ms, `${fmt(appResult.p99, 2)} ms`],
    ['RSS < 128 MB', appResult.rssMb < TARGETS.rssMb, `${fmt(appResult.rssMb)} MB`],
    [
      '≤ 10 DB connections',
      appResult.dbConnections <= TARGETS.dbConnections,
      String(appResult.dbConnections),
    ],
    ['no failed requests', appResult.errors === 0, String(appResult.errors)],
  ]

  const floorRows = floors.map((f) => `| ${f.path} | ${fmt(f.rps, 0)} | ${fmt(f.cpu, 2)} |`)
  const width = Math.max(...rows.map((r) => r[0].length))
  const lines = [
    `${'metric'.padEnd(width)} | ${'app'.padStart(9)} | ${'bare'.padStart(9)}`,
    `${'-'.repeat(width)}-|-${'-'.repeat(9)}-|-${'-'.repeat(9)}`,
    ...rows.map(([m, a, b]) => `${m.padEnd(width)} | ${a.padStart(9)} | ${b.padStart(9)}`),
  ]
  console.log('\n' + lines.join('\n') + '\n')
  console.log('app context (saturation, same connections):')
  for (const f of floors) {
    console.log(
      `  ${f.path.padEnd(56)} ${fmt(f.rps, 0).padStart(6)} req/s  ${fmt(f.cpu, 2)} ms CPU/req`
    )
  }
  console.log('')
  for (const [name, ok, value] of checks) console.log(`${ok ? 'PASS' : 'FAIL'} ${name}: ${value}`)

  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
  const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'cpu'}), ${fmt(totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}`
  const md = [
    '# Benchmark: authenticated tenant-scoped list (SPEC §10)',
    '',
    `Run: ${new Date().toISOString()} — \`npm run bench\` (benchmarks/units_list.ts), ${machine}.`,
    '',
    `Endpoint: \`GET /api/v1/buildings/:id/units?perPage=20\` with a bearer token (one organisation, one building, 20 units), ` +
      `web process: the compiled build (\`build/bin/server.js\`${BUILD_DIR ? ', a private copy (BENCH_BUILD_DIR)' : ''}, \`${WEB_NODE_FLAGS.join(' ')}\`, as \`npm start\` runs it; NODE_ENV=production, LOG_LEVEL=warn, DB pool max 10). ` +
      `Reference: \`benchmarks/bare_server.mjs\`, node:http + pg (pool 10) as the same app role doing the same database work ` +
      `(BEGIN; set_config('app.tenant_id'); count; page of 20 with the owners count; COMMIT) without framework or auth lookup. ` +
      `Saturation: autocannon, ${CONNECTIONS} connections, ${DURATION} s after a ${WARMUP} s warm-up (its latencies have 1 ms resolution). ` +
      `Half saturation: \`benchmarks/constant_rate.mjs\` in its own process, an open-loop steady rate (request i due at i / rate, the wrk2 method) on ${CONNECTIONS} keep-alive connections for ${DURATION} s after 1 s, latency counted from each request's due time (coordinated omission corrected), 0.01 ms resolution; the bare server also at the app's half-saturation rate (same machine, same rate: the floor the machine itself sets). ` +
      `Each server measured alone on the same port. ` +
      `Load average when the report was written: ${load} ` +
      `(other processes on the machine share its ${cpus().length} cores with PostgreSQL and autocannon).`,
    '',
    '| metric | app | bare |',
    '|---|---:|---:|',
    ...rows.map(([m, a, b]) => `| ${m} | ${a} | ${b} |`),
    '',
    'Context: the same web process on lighter endpoints (saturation, same connections), to show where its time goes.',
    '',
    '| endpoint | req/s | server CPU per request (ms) |',
    '|---|---:|---:|',
    ...floorRows,
    '',
    '| target | result | value |',
    '|---|---|---|',
    ...checks.map(([name, ok, value]) => `| ${name} | ${ok ? 'PASS' : 'FAIL'} | ${value} |`),
    '',
  ].join('\n')
  // Hand-written notes (what changed, before/after, the RSS investigation) follow the table.
  const notesUrl = new URL('./NOTES.md', import.meta.url)
  const notes = existsSync(notesUrl) ? `\n${readFileSync(notesUrl, 'utf8')}` : ''
  writeFileSync(new URL('./RESULTS.md', import.meta.url), md + notes)
  console.log('\nwritten benchmarks/RESULTS.md')
  return checks.every(([, ok]) => ok)
}

const cleanup = async () => {
  for (const child of [...children]) await stop(child)
}
process.on('SIGINT', () => cleanup().then(() => process.exit(130)))

main()
  .then(async (ok) => {
    await cleanup()
    process.exit(ok ? 0 : 1)
  })
  .catch(async (error) => {
    console.error(error)
    await cleanup()
    process.exit(2)
  })
