/*
| Ledger benchmark (SPEC §10 / issue #7): export of 1,000,000 journal lines, streamed.
|   1. Own database (vme_bench_ledger, recreated by `ace db:setup --fresh`).
|   2. Builds and starts the real web process (build/bin/server.js, NODE_ENV=production, pool of 10).
|   3. Through the API: sign-up, one building (the chart is seeded by the building hook),
|      two co-owners. Then, as the owner role and in one statement each (generate_series),
|      BENCH_LINES journal lines in entries of 4 balanced lines (triggers skipped with
|      session_replication_role = replica, then ANALYZE).
|   4. GET /api/v1/buildings/:id/journal-entries/export?format=fec and ?format=csv with a
|      bearer token, reading the body as it streams: seconds, bytes, lines; the web
|      process RSS is sampled every 50 ms from /proc/<pid>/status and its peak (VmHWM)
|      read at the end.
|   5. Prints a table and writes benchmarks/results/ledger.md.
|   npx node --import=@poppinss/ts-exec benchmarks/accounting_export.ts
| env: BENCH_LINES (1000000), BENCH_PORT (3356), BENCH_DATABASE_URL, BENCH_REDIS_URL
*/
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { loadavg } from 'node:os'
import pg from 'pg'
import { NODE_MALLOC_ENV, WEB_NODE_FLAGS } from '../scripts/web_node_flags.mjs'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const LINES = Number(process.env.BENCH_LINES ?? 1_000_000)
const PORT = Number(process.env.BENCH_PORT ?? 3356)
const OWNER_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vme_bench_ledger'
const BASE = `http://127.0.0.1:${PORT}`
const TARGETS = { seconds: 10, rssMb: 200 }

const env: NodeJS.ProcessEnv = {
  ...NODE_MALLOC_ENV,
  ...process.env,
  NODE_ENV: 'production',
  PORT: String(PORT),
  HOST: '127.0.0.1',
  APP_KEY: process.env.APP_KEY ?? randomBytes(32).toString('hex'),
  TWO_FACTOR_KEY: process.env.TWO_FACTOR_KEY ?? randomBytes(32).toString('hex'),
  LOG_LEVEL: 'warn',
  DATABASE_URL: OWNER_URL,
  APP_DB_USER: 'vme_app_bench_ledger',
  APP_DB_PASSWORD: 'vme_app_bench_ledger_pw',
  DB_POOL_MAX: '10',
  REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/13',
  QUEUE_PREFIX: 'vme-bench-ledger',
  SESSION_DRIVER: 'cookie',
  LIMITER_STORE: 'memory',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: '2548',
  DRIVE_DISK: 'fs',
}

function rssOf(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 }
}

async function waitForHealth(child: ChildProcess) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error('the web process exited')
    try {
      const res = await fetch(`${BASE}/health`)
      if (res.ok) return
    } catch {}
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error('the web process did not start')
}

async function api(method: string, path: string, token: string | null, body?: unknown) {
  const res = await fetch(`${BASE}/api/v1${path}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      'Accept': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json: any = await res.json().catch(() => null)
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`)
  return json
}

// 1. Database
const setup = spawnSync(process.execPath, ['ace.js', 'db:setup', '--fresh'], {
  cwd: ROOT,
  env: { ...env, NODE_ENV: 'development' },
  stdio: ['ignore', 'ignore', 'inherit'],
})
if (setup.status !== 0) throw new Error('db:setup failed')

// 2. Web process: what `npm start` runs, the compiled build with the same Node flags.
const build = spawnSync(process.execPath, ['scripts/run.mjs', 'build'], {
  cwd: ROOT,
  stdio: ['ignore', 'ignore', 'inherit'],
})
if (build.status !== 0) throw new Error('build failed')
const server = spawn(process.execPath, [...WEB_NODE_FLAGS, 'bin/server.js'], {
  cwd: `${ROOT}build`,
  env,
  stdio: ['ignore', 'ignore', 'inherit'],
})
const stop = () => {
  if (server.exitCode === null) server.kill('SIGTERM')
}
process.on('exit', stop)

const owner = new pg.Client({ connectionString: OWNER_URL })
try {
  await waitForHealth(server)
  await owner.connect()

  // 3. Data
  const signup = await api('POST', '/signup', null, {
    organisation: { name: 'Syndic Benchmark', slug: `bench-ledger-${Date.now()}` },
    user: {
      email: `bench-ledger-${Date.now()}@example.test`,
      password: 'Correct-Horse-Battery-42',
      fullName: 'Bench Accountant',
    },
  })
  const token: string = signup.token
  const orgId: string = signup.organisation.id
  const building = await api('POST', '/buildings', token, {
    name: 'Résidence Benchmark',
    address: { street: 'Avenue Louise 100', postalCode: '1050', city: 'Ixelles', country: 'BE' },
  })
  const owners = await Promise.all(
    ['Dupont', 'Peeters'].map((lastName) =>
      api('POST', '/owners', token, {
        kind: 'person',
        firstName: 'Bench',
        lastName,
        email: `${lastName.toLowerCase()}-${Date.now()}@example.test`,
      })
    )
  )
  const accounts = await owner.query(
    `select code, id from accounting_accounts where building_id = $1 and code in ('410','550','600','611','700')`,
    [building.id]
  )
  const id = Object.fromEntries(accounts.rows.map((r) => [r.code, r.id]))
  const entries = Math.ceil(LINES / 4)
  const t0 = performance.now()
  await owner.query('begin')
  await owner.query(`set local session_replication_role = replica`)
  const fy = await owner.query(
    `insert into accounting_fiscal_years (organisation_id, building_id, year, start_date, end_date, last_number)
     values ($1, $2, 2026, '2026-01-01', '2026-12-31', $3) returning id`,
    [orgId, building.id, entries]
  )
  await owner.query(
    `insert into accounting_journal_entries
       (id, organisation_id, building_id, fiscal_year_id, sequence, number, date, journal, type, description)
     select md5('e' || g)::uuid, $1, $2, $3, g, '2026-' || lpad(g::text, 6, '0'),
            date '2026-01-01' + (g % 365), (array['purchases','sales','bank','misc'])[1 + g % 4],
            'manual', 'Écriture de test n° ' || g
       from generate_series(1, $4::int) g`,
    [orgId, building.id, fy.rows[0].id, entries]
  )
  // 4 lines per entry: D 600 a / D 611 b / C 550 a / C 410 b (owner), amounts in cents.
  await owner.query(
    `insert into accounting_journal_lines
       (organisation_id, entry_id, building_id, line_no, account_id, account_code, debit, credit, owner_id, description)
     select $1, md5('e' || g)::uuid, $2, n,
            (array[$3, $4, $5, $6]::uuid[])[n], (array['600','611','550','410'])[n],
            case when n = 1 then (g % 97000) / 100.0 + 1 when n = 2 then (g % 53000) / 100.0 + 1 else 0 end,
            case when n = 3 then (g % 97000) / 100.0 + 1 when n = 4 then (g % 53000) / 100.0 + 1 else 0 end,
            case when n = 4 then (array[$7, $8]::uuid[])[1 + g % 2] else null end,
            case when n = 4 then 'Quote-part copropriétaire' else null end
       from generate_series(1, $9::int) g cross join generate_series(1, 4) n
      where (g - 1) * 4 + n <= $10`,
    [
      orgId,
      building.id,
      id['600'],
      id['611'],
      id['550'],
      id['410'],
      owners[0].id,
      owners[1].id,
      entries,
      LINES,
    ]
  )
  await owner.query('commit')
  await owner.query('analyze accounting_journal_entries; analyze accounting_journal_lines')
  const seeded = await owner.query(
    `select count(*)::int as n from accounting_journal_lines where building_id = $1`,
    [building.id]
  )
  const seedSeconds = (performance.now() - t0) / 1000

  // 4. Streamed exports through HTTP
  const results: {
    format: string
    seconds: number
    firstByteMs: number
    bytes: number
    lines: number
    rssBefore: number
    rssPeak: number
  }[] = []
  // Warm the route once (module loading, prepared plans) with a tiny query.
  await fetch(`${BASE}/api/v1/buildings/${building.id}/journal-entries?perPage=1`, {
    headers: { Authorization: `Bearer ${token}` },
  })
  for (const format of ['fec', 'csv']) {
    const rssBefore = rssOf(server.pid!).rss
    let rssPeak = rssBefore
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, rssOf(server.pid!).rss)
    }, 50)
    const start = performance.now()
    const res = await fetch(
      `${BASE}/api/v1/buildings/${building.id}/journal-entries/export?format=${format}`,
      { headers: { Authorization: `Bearer ${token}` } }
    )
    if (res.status !== 200) throw new Error(`export ${format}: ${res.status} ${await res.text()}`)
    let firstByteMs = 0
    let bytes = 0
    let lines = 0
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      if (!bytes) firstByteMs = performance.now() - start
      bytes += chunk.length
      for (const byte of chunk) if (byte === 10) lines++
    }
    const seconds = (performance.now() - start) / 1000
    clearInterval(sampler)
    rssPeak = Math.max(rssPeak, rssOf(server.pid!).rss)
    results.push({ format, seconds, firstByteMs, bytes, lines: lines - 1, rssBefore, rssPeak })
  }
  const hwm = rssOf(server.pid!).hwm

  // 5. Report
  const mb = (v: number) => `${v.toFixed(0)} MB`
  const out = [
    `## Ledger — journal export, ${new Date().toISOString().slice(0, 10)}, 2 cores shared`,
    '',
    `${seeded.rows[0].n.toLocaleString('en')} journal lines (${entries.toLocaleString('en')} entries of 4 lines) seeded in ${seedSeconds.toFixed(1)} s (generate_series as the owner role).`,
    'Export = `COPY (SELECT … ORDER BY date, number, line) TO STDOUT` on the request’s tenant transaction (RLS applies), piped to the HTTP response with back-pressure.',
    '',
    '| export | lines | size | time (first byte) | web RSS before → peak during | target | |',
    '|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.format.toUpperCase()} | ${r.lines.toLocaleString('en')} | ${(r.bytes / 1024 / 1024).toFixed(0)} MiB | ${r.seconds.toFixed(2)} s (${r.firstByteMs.toFixed(0)} ms) | ${mb(r.rssBefore)} → ${mb(r.rssPeak)} | < ${TARGETS.seconds} s, < ${TARGETS.rssMb} MB | ${r.seconds < TARGETS.seconds && r.rssPeak < TARGETS.rssMb && r.lines === seeded.rows[0].n ? 'PASS' : 'FAIL'} |`
    ),
    '',
    `Peak RSS of the web process over its whole life (VmHWM, includes boot): ${mb(hwm)}. Web process: the compiled build (\`build/bin/server.js\`, as \`npm start\` runs it), \`${WEB_NODE_FLAGS.join(' ')}\`, NODE_ENV=production, DB pool 10.`,
    `Load average while measuring: ${loadavg()
      .map((v) => v.toFixed(1))
      .join(' / ')} on 2 cores shared with the other helpers.`,
    '',
  ].join('\n')
  console.log(out)
  writeFileSync(new URL('./results/ledger.md', import.meta.url), out)
} finally {
  await owner.end().catch(() => {})
  stop()
}
process.exit(0)
