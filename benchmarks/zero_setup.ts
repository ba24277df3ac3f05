/*
| Zero-setup numbers (issue 12), printed and written to benchmarks/results/zero_setup.md:
|
| 1. First start in embedded mode: `node scripts/run.mjs demo` with EMBEDDED=1 and an
|    empty data directory (EMBEDDED_DATA_DIR under tmp/, so storage/embedded is untouched),
|    from spawn to a page served with demo data (login as syndic@demo.vme, GET /app/buildings
|    page and GET /api/v1/buildings with the three demo buildings). The compiled build is
|    reused when it is up to date; run it in a fresh clone after `npm ci` (no build/) to
|    measure a bare machine's first start, build included (the report says which).
| 2. GET /api/v1/buildings/:id/units?perPage=20 (bearer token, tenant transaction):
|    saturation throughput (autocannon) and p50/p99 at a steady half of that rate
|    (constant_rate.mjs): embedded first start,
|    embedded restart, then PostgreSQL + Redis (EMBEDDED=0, own database) in the same run.
| 3. Peak RSS during the load of the serving process: in embedded mode the one process
|    (PGlite + web + jobs); in PostgreSQL mode the web process (the worker is apart).
|
| env: ZS_PORT (3356), ZS_DATABASE_URL (postgres://postgres@127.0.0.1:5432/vme_test_zero),
|      ZS_REDIS_URL (redis://127.0.0.1:6379/15), ZS_DURATION (seconds per load run, 8),
|      ZS_SKIP_PG=1 to measure the embedded mode only.
| Run: npx node --import=@poppinss/ts-exec benchmarks/zero_setup.ts
*/
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { constantRate } from './constant_rate_client.js'

const require = createRequire(import.meta.url)
const autocannon: (opts: Record<string, unknown>) => Promise<any> = require('autocannon')

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const NODE = process.execPath
const PORT = Number(process.env.ZS_PORT ?? 3356)
const BASE = `http://127.0.0.1:${PORT}`
const DURATION = Number(process.env.ZS_DURATION ?? 8)
const PG_URL = process.env.ZS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vme_test_zero'
const REDIS_URL = process.env.ZS_REDIS_URL ?? 'redis://127.0.0.1:6379/15'
const PASSWORD = 'Demo-Password-2026!'
const demoFlags = String(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.demo)
  .split(/\s+/)
  .filter((arg) => arg.startsWith('--'))

interface Run {
  child: ChildProcess
  output: string[]
}

function startDemo(env: NodeJS.ProcessEnv): Run {
  // Exactly `npm run demo`: the same Node flags (package.json).
  const child = spawn(NODE, [...demoFlags, 'scripts/run.mjs', 'demo'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      APP_URL: BASE,
      LOG_LEVEL: 'warn',
      FAKE_STRIPE_PORT: String(PORT + 100),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  const output: string[] = []
  const keep = (c: Buffer) => output.push(c.toString())
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  return { child, output }
}

async function stop(run: Run) {
  if (run.child.exitCode !== null) return
  // The supervisor forwards SIGTERM to its children and closes PGlite.
  run.child.kill('SIGTERM')
  const deadline = Date.now() + 15000
  while (run.child.exitCode === null && Date.now() < deadline) await sleep(100)
  if (run.child.exitCode === null) process.kill(-run.child.pid!, 'SIGKILL')
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function waitFor(run: Run, pattern: RegExp, timeoutMs: number) {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    if (pattern.test(run.output.join(''))) return
    if (run.child.exitCode !== null) break
    await sleep(100)
  }
  throw new Error(`timeout waiting for ${pattern}:\n${run.output.join('').slice(-3000)}`)
}

async function login(email: string) {
  const res = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  })
  if (res.status !== 200) throw new Error(`login ${res.status}: ${await res.text()}`)
  const body = (await res.json()) as { token: string }
  return body.token
}

async function api(token: string, path: string) {
  const res = await fetch(`${BASE}/api/v1${path}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  })
  if (res.status !== 200) throw new Error(`${path} ${res.status}: ${await res.text()}`)
  return res.json() as Promise<any>
}

/** Page with demo data: a web login (session cookie) then the buildings page. */
async function pageWithDemoData() {
  const loginPage = await fetch(`${BASE}/login`)
  const cookies = (loginPage.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0])
  await loginPage.arrayBuffer()
  // Inertia's CSRF: the XSRF-TOKEN cookie echoed in the X-XSRF-TOKEN header.
  const xsrf = cookies.find((c) => c.startsWith('XSRF-TOKEN='))?.slice('XSRF-TOKEN='.length) ?? ''
  const res = await fetch(`${BASE}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/json',
      'cookie': cookies.join('; '),
      'x-xsrf-token': decodeURIComponent(xsrf),
    },
    body: JSON.stringify({ email: 'syndic@demo.vme', password: PASSWORD }),
  })
  // Later Set-Cookie values (the regenerated session) replace the first ones.
  const jar = new Map<string, string>()
  for (const c of [
    ...cookies,
    ...(res.headers.getSetCookie?.() ?? []).map((v) => v.split(';')[0]),
  ]) {
    jar.set(c.slice(0, c.indexOf('=')), c)
  }
  const page = await fetch(`${BASE}/app/buildings`, {
    headers: { cookie: [...jar.values()].join('; ') },
  })
  const text = await page.text()
  return page.status === 200 && text.includes('Tilleuls')
}

function rssKb(pid: number) {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)
    return m ? Number(m[1]) : 0
  } catch {
    return 0
  }
}

/** The web server: the `bin/server.js` child of the supervisor. */
function serverPid(supervisor: number): number | null {
  try {
    const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(supervisor)], {
      encoding: 'utf8',
    })
    const line = out.split('\n').find((l) => l.includes('bin/server.js'))
    return line ? Number(line.trim().split(/\s+/)[0]) : null
  } catch {
    return null
  }
}

async function load(token: string, path: string, organisationId: string) {
  const opts = {
    url: `${BASE}/api/v1${path}`,
    connections: 10,
    duration: DURATION,
    headers: {
      authorization: `Bearer ${token}`,
      ...(organisationId ? { 'x-organisation': organisationId } : {}),
    },
  }
  const saturation = await autocannon(opts)
  const half = Math.max(1, Math.floor(saturation.requests.average / 2))
  // A steady half rate from a separate process (see benchmarks/constant_rate.mjs).
  const paced = await constantRate({
    url: opts.url,
    headers: opts.headers,
    rate: half,
    seconds: DURATION,
    connections: opts.connections,
    warmupSeconds: 1,
  })
  return {
    rps: saturation.requests.average as number,
    non2xx: (saturation.non2xx as number) + paced.non2xx + paced.errors,
    p50: paced.latency.p50,
    p99: paced.latency.p99,
    halfRate: half,
  }
}

async function measureMode(label: string, env: NodeJS.ProcessEnv, firstStart: boolean) {
  const started = Date.now()
  const run = startDemo(env)
  try {
    await waitFor(run, /VME is running/, 300_000)
    const bannerAt = (Date.now() - started) / 1000
    const pageOk = await pageWithDemoData()
    const token = await login('syndic@demo.vme')
    const me = await api(token, '/me').catch(() => null)
    const organisationId: string =
      me?.organisations?.[0]?.id ?? me?.memberships?.[0]?.organisationId ?? ''
    const buildings = await api(token, '/buildings')
    const firstPageAt = (Date.now() - started) / 1000
    const building = buildings.data[0]
    const path = `/buildings/${building.id}/units?perPage=20`
    // Warm-up, then load while sampling RSS.
    await api(token, path)
    // Embedded mode serves from the supervisor itself (one process); otherwise a child.
    const web = env.EMBEDDED === '1' ? run.child.pid! : serverPid(run.child.pid!)
    let peakWeb = 0
    let peakSupervisor = 0
    const timer = setInterval(() => {
      if (web) peakWeb = Math.max(peakWeb, rssKb(web))
      if (web !== run.child.pid) peakSupervisor = Math.max(peakSupervisor, rssKb(run.child.pid!))
    }, 200)
    const result = await load(token, path, organisationId)
    clearInterval(timer)
    return {
      label,
      firstStart,
      bannerAt,
      firstPageAt,
      pageOk,
      demoBuildings: buildings.data.length,
      ...result,
      rssWebMb: peakWeb / 1024,
      rssSupervisorMb: peakSupervisor / 1024,
    }
  } finally {
    await stop(run)
  }
}

const results = []
const dataDir = join(ROOT, 'tmp', `zero-setup-bench-${Date.now()}`)
mkdirSync(join(ROOT, 'tmp'), { recursive: true })
// After `npm ci` on a bare machine there is no build: the first start includes it.
const buildIncluded = !existsSync(join(ROOT, 'build/bin/server.js'))
const embeddedEnv = { EMBEDDED: '1', EMBEDDED_DATA_DIR: dataDir, SMTP_HOST: 'outbox' }
try {
  console.log('embedded mode: first start with an empty data directory…')
  results.push(
    await measureMode('embedded, first start (PGlite + in-process jobs)', embeddedEnv, true)
  )
  console.log('embedded mode: restart on the same data directory…')
  results.push(await measureMode('embedded, restart', embeddedEnv, false))
  if (process.env.ZS_SKIP_PG !== '1') {
    console.log('PostgreSQL + Redis mode…')
    results.push(
      await measureMode(
        'PostgreSQL + Redis (BullMQ)',
        {
          EMBEDDED: '0',
          DATABASE_URL: PG_URL,
          APP_DB_USER: 'vme_app_test_zero',
          REDIS_URL,
          QUEUE_PREFIX: 'vme-zero',
          SMTP_HOST: 'outbox',
        },
        false
      )
    )
  }
} finally {
  if (existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true })
}

const rows = results.map(
  (r) =>
    `| ${r.label} | ${r.firstStart ? r.firstPageAt.toFixed(1) + ' s' : '—'} | ${r.bannerAt.toFixed(1)} s | ${r.pageOk ? 'yes' : 'NO'} (${r.demoBuildings} buildings) | ${r.rps.toFixed(0)} | ${r.p50} ms / ${r.p99} ms at ${r.halfRate}/s | ${r.rssWebMb.toFixed(0)} MB | ${r.rssSupervisorMb.toFixed(0)} MB | ${r.non2xx} |`
)
const embedded = results[0]
const embeddedPeak = Math.max(results[0].rssWebMb, results[1].rssWebMb)
const report = `# Zero-setup (issue 12) — benchmarks/zero_setup.ts

Machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), shared with other work; ${new Date().toISOString()}.
Endpoint: \`GET /api/v1/buildings/:id/units?perPage=20\` (bearer token, tenant transaction), 10 connections, ${DURATION} s saturation (autocannon) then ${DURATION} s at a steady half rate (\`benchmarks/constant_rate.mjs\`, open loop, latency from each request's due time).

| mode | first start → page with demo data | banner after | demo page served | req/s (saturation) | p50 / p99 at half rate | peak RSS of the serving process (embedded: PGlite + web + jobs) | peak RSS of run.mjs (PostgreSQL mode: supervisor only) | non-2xx |
|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

Targets: first start < 30 s → **${embedded.firstPageAt < 30 ? 'met' : 'not met'}** (${embedded.firstPageAt.toFixed(1)} s from \`npm run demo\` to the page, ${buildIncluded ? 'including `node ace build` (no build existed: as after `npm ci`)' : 'with the compiled build already present'}, then PGlite's initdb, migrations, demo seed and boot);
RSS of the single embedded process < 256 MB → **${embeddedPeak < 256 ? 'met' : 'not met'}** (peak ${embeddedPeak.toFixed(0)} MB under the load above; on a first start PGlite's initdb, migrations and seed run in a child host that then stops, so the serving process opens a ready directory).
`
console.log(report)
mkdirSync(join(ROOT, 'benchmarks/results'), { recursive: true })
writeFileSync(join(ROOT, 'benchmarks/results/zero_setup.md'), report)
process.exit(0)
