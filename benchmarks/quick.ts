/*
| Quick A/B runs while tuning (not the report: that is `npm run bench`). Uses the
| database `npm run bench` set up (vme_bench) and the compiled build in build/ (run
| `node scripts/run.mjs build` first). Starts the web process with QUICK_FLAGS (default
| the flags of `npm start`, scripts/web_node_flags.mjs), seeds one building of 20 units, then runs autocannon on
| the units list with 1 and 10 connections and prints req/s, p50/p99, CPU ms/request
| and peak RSS (with the memoryUsage breakdown from benchmarks/mem_probe.mjs).
| env: BENCH_PORT, BENCH_DATABASE_URL, BENCH_APP_ROLE, BENCH_REDIS_URL, BENCH_BUILD_DIR
| (default build/), QUICK_FLAGS, QUICK_DURATION, QUICK_PATH, QUICK_CPU_PROF (a directory:
| the server runs with --cpu-prof, profile written there on exit; boot included),
| QUICK_PATH (`{building}` is replaced by the seeded building's id), QUICK_RATE (after the saturation runs, an open-loop run at that many req/s, or `half`
| for half of the 10-connection saturation, with benchmarks/constant_rate.mjs: p50/p99 as
| `npm run bench` reports them), QUICK_STDOUT (a file for the server's stdout, e.g. with
| `--trace-gc` in QUICK_FLAGS), QUICK_SMAPS (a path prefix: the server's /proc smaps is
| copied to <prefix>.idle after boot and <prefix>.load after the runs; summarise them with
| benchmarks/smaps_summary.mjs).
*/
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { randomBytes } from 'node:crypto'
import { openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { constantRate } from './constant_rate_client.js'
import { NODE_MALLOC_ENV, WEB_NODE_FLAGS } from '../scripts/web_node_flags.mjs'

const require = createRequire(import.meta.url)
const autocannon: (opts: Record<string, unknown>) => Promise<any> = require('autocannon')
const ROOT = fileURLToPath(new URL('../', import.meta.url))
const PORT = Number(process.env.BENCH_PORT ?? 3356)
const BASE = `http://127.0.0.1:${PORT}`
const FLAGS = (process.env.QUICK_FLAGS ?? WEB_NODE_FLAGS.join(' ')).split(' ').filter(Boolean)
const DURATION = Number(process.env.QUICK_DURATION ?? 8)
const PROBE = `/tmp/mem_probe_${PORT}.jsonl`
const APP_ROLE = process.env.BENCH_APP_ROLE ?? 'vme_app_bench'
const BUILD_DIR = process.env.BENCH_BUILD_DIR ?? `${ROOT}build`
const CPU_PROF = process.env.QUICK_CPU_PROF
const RATE = process.env.QUICK_RATE
const STDOUT = process.env.QUICK_STDOUT
const SMAPS = process.env.QUICK_SMAPS

const env = {
  ...NODE_MALLOC_ENV,
  ...process.env,
  NODE_ENV: 'production',
  PORT: String(PORT),
  HOST: '127.0.0.1',
  APP_KEY: randomBytes(32).toString('hex'),
  LOG_LEVEL: 'warn',
  DATABASE_URL: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vme_bench',
  APP_DB_USER: APP_ROLE,
  APP_DB_PASSWORD: `${APP_ROLE}_password`,
  DB_POOL_MAX: '10',
  REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/15',
  SESSION_DRIVER: 'cookie',
  LIMITER_STORE: 'memory',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: process.env.BENCH_SMTP_PORT ?? '2545',
  DRIVE_DISK: 'fs',
  MEM_PROBE_FILE: PROBE,
}

async function api(method: string, path: string, token: string | null, body?: object) {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  })
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
  return res.json() as Promise<any>
}

function saveSmaps(pid: number, suffix: string) {
  if (SMAPS) writeFileSync(`${SMAPS}.${suffix}`, readFileSync(`/proc/${pid}/smaps`))
}

function cpuMs(pid: number) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100
}

async function main() {
  rmSync(PROBE, { force: true })
  const probe = `--import=${ROOT}benchmarks/mem_probe.mjs`
  const prof = CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : []
  const child = spawn(process.execPath, [...FLAGS, ...prof, probe, 'bin/server.js'], {
    cwd: BUILD_DIR,
    env,
    stdio: ['ignore', STDOUT ? openSync(STDOUT, 'w') : 'inherit', 'inherit'],
  })
  try {
    for (let i = 0; ; i++) {
      try {
        const health = await fetch(`${BASE}/health`)
        if (health.ok) break
      } catch {}
      if (i > 200) throw new Error('server did not start')
      await new Promise((r) => setTimeout(r, 100))
    }
    saveSmaps(child.pid!, 'idle')
    const suffix = randomBytes(4).toString('hex')
    const signup = await api('POST', '/api/v1/signup', null, {
      organisation: { name: 'Quick', slug: `quick-${suffix}` },
      user: {
        email: `quick-${suffix}@example.test`,
        password: 'Bench-Password-2026!',
        fullName: 'Quick',
      },
    })
    const b = await api('POST', '/api/v1/buildings', signup.token, {
      name: 'Quick',
      address: { street: 'Rue de la Loi 16', postalCode: '1000', city: 'Bruxelles', country: 'BE' },
      totalQuota: 1000,
    })
    for (let i = 1; i <= 20; i++) {
      await api('POST', `/api/v1/buildings/${b.id}/units`, signup.token, {
        number: `A${i}`,
        type: 'apartment',
        quota: 50,
      })
    }
    const path = process.env.QUICK_PATH?.replace('{building}', b.id)
    const url = `${BASE}${path ?? `/api/v1/buildings/${b.id}/units?perPage=20`}`
    const headers = { authorization: `Bearer ${signup.token}` }
    await autocannon({ url, headers, connections: 10, duration: 2 })
    let saturation = 0
    for (const connections of [1, 10]) {
      const cpu0 = cpuMs(child.pid!)
      const r = await autocannon({ url, headers, connections, duration: DURATION })
      const cpu = (cpuMs(child.pid!) - cpu0) / r.requests.total
      saturation = r.requests.average
      console.log(
        `c=${connections}: ${r.requests.average} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ` +
          `cpu ${cpu.toFixed(2)} ms/req, non2xx ${r.non2xx} errors ${r.errors}`
      )
    }
    if (RATE) {
      const rate = RATE === 'half' ? Math.round(saturation / 2) : Number(RATE)
      const r = await constantRate({ url, headers, rate, seconds: DURATION, warmupSeconds: 1 })
      console.log(
        `open loop ${rate} req/s: achieved ${r.achievedRate}, p50 ${r.latency.p50} ms, ` +
          `p99 ${r.latency.p99} ms, p99.9 ${r.latency.p999} ms, max ${r.latency.max} ms, ` +
          `timer lag p99 ${r.timerLag.p99} ms`
      )
    }
    saveSmaps(child.pid!, 'load')
    const lines = readFileSync(PROBE, 'utf8').trim().split('\n')
    console.log(`flags ${FLAGS.join(' ')}; peak: ${lines.at(-1)}`)
  } finally {
    child.kill('SIGTERM')
  }
}

await main()
