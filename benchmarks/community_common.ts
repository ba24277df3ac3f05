/*
| Shared boot for the community benchmarks: own database (recreated with db:setup
| --fresh), the app booted in-process (console environment) for the service path, and
| the real web server as a child process for the HTTP path. One organisation with one
| building whose co-owners are seeded with SQL (fast), a staff user with a bearer token.
| Env: BENCH_DATABASE_URL, BENCH_REDIS_URL, BENCH_PORT (3398), BENCH_BUILD_DIR (./build),
| BENCH_N (samples). Run under `flock /tmp/vme-bench.lock` on a shared machine.
*/
/* eslint-disable @unicorn/no-await-expression-member -- a benchmark script reads results inline */
import 'reflect-metadata'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, openSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Ignitor } from '@adonisjs/core'
import { constantRate } from './constant_rate_client.js'
import { NODE_MALLOC_ENV, WEB_NODE_FLAGS } from '../scripts/web_node_flags.mjs'

export const ROOT = new URL('../', import.meta.url)
const PORT = Number(process.env.BENCH_PORT ?? 3398)

export async function bootCommunity(name: string) {
  Object.assign(process.env, {
    NODE_ENV: 'development',
    DATABASE_URL:
      process.env.BENCH_DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/vme_bench_${name}`,
    APP_DB_USER: `vme_app_bench_${name}`,
    APP_DB_PASSWORD: `vme_app_bench_${name}_pw`,
    REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/14',
    QUEUE_PREFIX: `vme-bench-${name}`,
    LOG_LEVEL: 'warn',
    PORT: String(PORT),
    HOST: '127.0.0.1',
  })
  const setup = spawnSync(process.execPath, ['ace.js', 'db:setup', '--fresh'], {
    cwd: fileURLToPath(ROOT),
    env: process.env,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  if (setup.status !== 0) throw new Error('db:setup failed')
  const importer = (filePath: string) =>
    filePath.startsWith('./') || filePath.startsWith('../')
      ? import(new URL(filePath, ROOT).href)
      : import(filePath)
  const app = new Ignitor(ROOT, { importer })
    .tap((a) => a.booting(async () => void (await import('#start/env'))))
    .createApp('console')
  await app.init()
  await app.boot()
  return app
}

/** Organisation, building, `owners` co-owners each owning a unit, an admin with a token. */
export async function seedCommunity(db: any, owners: number) {
  const owner = db.connection('owner')
  const org = (
    await owner.rawQuery(
      `insert into organisations (name, slug) values ('Bench Communauté', 'bench-cm-' || substr(md5(random()::text), 1, 8)) returning id`
    )
  ).rows[0].id as string
  await owner.rawQuery(
    `insert into organisation_modules (organisation_id, module_key, enabled, source) values (?, 'community', true, 'manual')`,
    [org]
  )
  const buildingId = (
    await owner.rawQuery(
      `insert into buildings (organisation_id, name, street, postal_code, city, total_quota) values (?, 'Résidence Bench', 'Rue de la Loi 1', '1000', 'Bruxelles', 100000) returning id`,
      [org]
    )
  ).rows[0].id as string
  await owner.rawQuery(
    `insert into owners (organisation_id, kind, first_name, last_name, email)
     select ?, 'person', 'Prénom' || g, 'Nom' || g, 'owner' || g || '@bench.test' from generate_series(1, ?) g`,
    [org, owners]
  )
  await owner.rawQuery(
    `insert into units (organisation_id, building_id, number, type, quota)
     select ?, ?, 'U' || g, 'apartment', 1 from generate_series(1, ?) g`,
    [org, buildingId, owners]
  )
  await owner.rawQuery(
    `insert into unit_owners (organisation_id, unit_id, owner_id, percentage, start_date)
     select ?, u.id, o.id, 100, '2020-01-01' from owners o
       join units u on u.organisation_id = o.organisation_id and u.number = 'U' || substring(o.email from 'owner([0-9]+)@')
      where o.organisation_id = ?`,
    [org, org]
  )
  const User = (await import('#models/user')).default
  const Membership = (await import('#models/membership')).default
  const user = await User.create({
    email: `bench-${org.slice(0, 8)}@bench.test`,
    password: 'Correct-Horse-Battery-42',
    fullName: 'Bench Admin',
  })
  await Membership.create({ organisationId: org, userId: user.id, role: 'admin' })
  const token = (await User.accessTokens.create(user)).value!.release()
  const ownerIds = (
    await owner.rawQuery(`select id from owners where organisation_id = ? order by email`, [org])
  ).rows.map((r: any) => r.id as string)
  return { org, buildingId, token, userId: user.id as string, ownerIds }
}

/**
 * The web server as production runs it (`npm start`): the compiled build
 * (`node ace build`, in BENCH_BUILD_DIR, default ./build) with NODE_ENV=production,
 * LOG_LEVEL=warn and the same Node flags, as a child process stopped by its pid.
 */
export async function startServer(): Promise<{
  base: string
  stop: () => void
  child: ChildProcess
  buildDir: string
}> {
  const buildDir = process.env.BENCH_BUILD_DIR ?? fileURLToPath(new URL('build/', ROOT))
  if (!existsSync(`${buildDir}/bin/server.js`))
    throw new Error(
      `no compiled build in ${buildDir}: run \`node ace build\` or set BENCH_BUILD_DIR`
    )
  // BENCH_NODE_FLAGS: extra flags for the server (e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`);
  // BENCH_SERVER_STDOUT: a file for the server's stdout (e.g. with `--trace-gc`).
  const extra = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean)
  const child = spawn(process.execPath, [...WEB_NODE_FLAGS, ...extra, 'bin/server.js'], {
    cwd: buildDir,
    env: {
      ...NODE_MALLOC_ENV,
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      APP_KEY: process.env.APP_KEY ?? randomBytes(32).toString('hex'),
      TWO_FACTOR_KEY: randomBytes(32).toString('base64'),
      SESSION_DRIVER: 'cookie',
      LIMITER_STORE: 'memory',
      DRIVE_DISK: 'fs',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: process.env.SMTP_PORT ?? '2545',
    },
    stdio: [
      'ignore',
      process.env.BENCH_SERVER_STDOUT ? openSync(process.env.BENCH_SERVER_STDOUT, 'w') : 'ignore',
      'inherit',
    ],
  })
  const base = `http://127.0.0.1:${PORT}`
  const started = Date.now()
  while (Date.now() - started < 60_000) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
    try {
      const res = await fetch(`${base}/health`)
      if (res.ok) return { base, child, buildDir, stop: () => child.kill('SIGTERM') }
    } catch {}
    await new Promise((r) => setTimeout(r, 250))
  }
  child.kill('SIGTERM')
  throw new Error('server did not start')
}

/**
 * The HTTP path from a separate client process (benchmarks/constant_rate.mjs), one
 * request at a time on a keep-alive connection, so neither this process (a booted app)
 * nor queueing is in the samples. Each phase starts with `n` unmeasured requests: the
 * server is measured in its steady state (optimised code, heap sized), not in its first
 * second after boot. `n` requests to main(i), then `n` to the floor URL (a
 * one-row endpoint behind the same auth, tenant, module and permission middleware: what
 * any request costs here).
 */
export async function measureHttp(
  main: (i: number) => string,
  floor: string,
  headers: Record<string, string>,
  n: number
) {
  const run = async (urls: string[]) => {
    const r = await constantRate({
      urls,
      headers,
      sequential: true,
      count: n,
      warmup: n,
      samples: true,
    })
    if (r.errors || r.non2xx)
      throw new Error(`${r.errors} errors, ${r.non2xx} non-2xx on ${urls[0]}`)
    return stats(r.samples!)
  }
  const mainStats = await run(Array.from({ length: n }, (_, i) => main(i)))
  const floorStats = await run([floor])
  return { main: mainStats, floor: floorStats }
}

/** `1.2 / 0.9 / 0.7` (1, 5 and 15 minutes). */
export function load() {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')
}

export function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
  return {
    n: sorted.length,
    p50: at(50),
    p99: at(99),
    max: sorted[sorted.length - 1],
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  }
}

export function fmtStats(s: ReturnType<typeof stats>) {
  return `n=${s.n} p50=${s.p50.toFixed(2)} ms p99=${s.p99.toFixed(2)} ms max=${s.max.toFixed(2)} ms mean=${s.mean.toFixed(2)} ms`
}

export async function time(fn: () => Promise<unknown>) {
  const t0 = process.hrtime.bigint()
  await fn()
  return Number(process.hrtime.bigint() - t0) / 1e6
}

/** Replaces one `## section` of benchmarks/results/community.md. */
export function writeSection(title: string, body: string) {
  const dir = fileURLToPath(new URL('benchmarks/results/', ROOT))
  mkdirSync(dir, { recursive: true })
  const file = `${dir}community.md`
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Community benchmarks\n'
  const sections = current.split(/^## /m)
  const head = sections.shift()!
  const kept = sections.filter((s) => !s.startsWith(title))
  const out = [
    head.trimEnd() + '\n',
    ...kept.map((s) => `## ${s.trimEnd()}\n`),
    `## ${title}\n\n${body.trim()}\n`,
  ]
  writeFileSync(file, out.join('\n'))
}
