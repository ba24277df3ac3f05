#!/usr/bin/env node
/*
| The README's commands: `npm start`, `npm run demo`, `npm test`.
| Runs on the Node 24 that npm installs (devDependency `node`), checks the services,
| prepares .env, builds the front end when needed, then starts or tests.
*/
import { spawn, spawnSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  readFileSync,
  writeFileSync,
  statSync,
  readdirSync,
} from 'node:fs'
import { randomBytes } from 'node:crypto'
import net from 'node:net'
import { join } from 'node:path'
import { NODE_MALLOC_ENV, WEB_NODE_FLAGS } from './web_node_flags.mjs'

const root = new URL('..', import.meta.url).pathname
const node = process.execPath
const [, , command = 'start', ...rest] = process.argv

function ensureEnvFile() {
  const envPath = join(root, '.env')
  if (existsSync(envPath)) return ensureTwoFactorKey(envPath)
  const example = readFileSync(join(root, '.env.example'), 'utf8')
  writeFileSync(
    envPath,
    example
      .replace(/^APP_KEY=.*$/m, `APP_KEY=${randomBytes(32).toString('hex')}`)
      // 2FA secrets key (AES-256-GCM, 32 bytes): a fresh one per installation.
      .replace(/^TWO_FACTOR_KEY=.*$/m, `TWO_FACTOR_KEY=${randomBytes(32).toString('base64')}`)
  )
  console.log('created .env from .env.example (fresh APP_KEY and TWO_FACTOR_KEY)')
}

/** An .env from before 2FA has no TWO_FACTOR_KEY: production refuses to boot without one. */
function ensureTwoFactorKey(envPath) {
  const text = readFileSync(envPath, 'utf8')
  if (/^TWO_FACTOR_KEY=\S+/m.test(text) || process.env.TWO_FACTOR_KEY) return
  const line = `TWO_FACTOR_KEY=${randomBytes(32).toString('base64')}`
  const next = /^TWO_FACTOR_KEY=\s*$/m.test(text)
    ? text.replace(/^TWO_FACTOR_KEY=\s*$/m, line)
    : `${text.replace(/\n?$/, '\n')}${line}\n`
  writeFileSync(envPath, next)
  console.log('added a fresh TWO_FACTOR_KEY to .env (2FA secrets encryption key)')
}

function readEnv(file) {
  const out = {}
  if (!existsSync(join(root, file))) return out
  for (const line of readFileSync(join(root, file), 'utf8').split('\n')) {
    const m = line.match(/^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/)
    if (m) out[m[1]] = m[2]
  }
  return out
}

function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port), timeout: 1500 })
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
    socket.once('timeout', () => (socket.destroy(), resolve(false)))
  })
}

async function checkServices(env) {
  const db = new URL(process.env.DATABASE_URL ?? env.DATABASE_URL)
  const redis = new URL(process.env.REDIS_URL ?? env.REDIS_URL)
  const problems = []
  if (!(await reachable(db.hostname, db.port || 5432))) {
    problems.push(
      `PostgreSQL is not reachable at ${db.hostname}:${db.port || 5432}.\n` +
        `  Start it (Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start)\n` +
        `  or point DATABASE_URL at a server (owner role, e.g. postgres://postgres@127.0.0.1:5432/vme).`
    )
  }
  if (!(await reachable(redis.hostname, redis.port || 6379))) {
    problems.push(
      `Redis is not reachable at ${redis.hostname}:${redis.port || 6379}.\n` +
        `  Start it (redis-server --daemonize yes --port 6379) or set REDIS_URL.`
    )
  }
  if (problems.length) {
    console.error(problems.join('\n'))
    process.exit(1)
  }
}

function newestMtime(dir) {
  let newest = 0
  if (!existsSync(dir)) return newest
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.(vue|ts|css|edge|json)$/.test(entry.name)) {
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
    }
  }
  return newest
}

/** Builds the pages bundle when it is missing or older than its sources. */
function buildAssets() {
  const manifest = join(root, 'public/assets/.vite/manifest.json')
  const built = existsSync(manifest) ? statSync(manifest).mtimeMs : 0
  const sources = Math.max(
    newestMtime(join(root, 'resources/inertia')),
    newestMtime(join(root, 'modules'))
  )
  if (built > sources) return
  console.log('building front-end assets…')
  const res = spawnSync(
    node,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    }
  )
  if (res.status !== 0) process.exit(res.status ?? 1)
}

function ace(args, { cwd = root, env = {} } = {}) {
  const res = spawnSync(node, ['ace.js', ...args], {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  })
  if (res.status !== 0) process.exit(res.status ?? 1)
}

const SERVER_SOURCES = [
  'app',
  'config',
  'start',
  'modules',
  'database',
  'resources',
  'providers',
  'commands',
  'bin',
]

/**
 * `npm start` runs what production runs: the compiled build (`node ace build`: server
 * JavaScript + front-end bundle), rebuilt when a source is newer. No TypeScript loader
 * in the web process.
 */
function buildServer() {
  const marker = join(root, 'build/bin/server.js')
  // SKIP_BUILD=1: use the existing build as is (benchmarks and CI journeys on a busy tree).
  if (process.env.SKIP_BUILD === '1' && existsSync(marker)) {
    copyFileSync(join(root, '.env'), join(root, 'build/.env'))
    return
  }
  const built = existsSync(marker) ? statSync(marker).mtimeMs : 0
  const sources = Math.max(
    ...SERVER_SOURCES.map((d) => newestMtime(join(root, d))),
    statSync(join(root, 'adonisrc.ts')).mtimeMs
  )
  if (built <= sources) {
    console.log('building the application (node ace build)…')
    // Emit only (tsconfig.build.json: noCheck): types are checked by `npm run typecheck`
    // and CI, not on every start; the emitted JavaScript is the same, in half the time.
    ace(['build', '--tsconfig=tsconfig.build.json'])
  }
  // The build reads its own .env: the root one is the single source of configuration.
  copyFileSync(join(root, '.env'), join(root, 'build/.env'))
}

/** The environment of the web and worker processes: production, malloc settings for RSS (web_node_flags.mjs). */
const productionEnv = () => ({ ...NODE_MALLOC_ENV, ...process.env, NODE_ENV: 'production' })

/** Web and worker, one process each; NODE_ENV=production, V8 and malloc settings for RSS (web_node_flags.mjs). */
function runProcesses() {
  const env = productionEnv()
  const cwd = join(root, 'build')
  const children = [
    spawn(node, [...WEB_NODE_FLAGS, 'bin/server.js'], { cwd, stdio: 'inherit', env }),
    spawn(node, ['--max-semi-space-size=4', 'ace.js', 'queue:work'], {
      cwd,
      stdio: 'inherit',
      env,
    }),
  ]
  const stop = (signal) => children.forEach((c) => c.exitCode === null && c.kill(signal))
  process.on('SIGINT', () => stop('SIGTERM'))
  process.on('SIGTERM', () => stop('SIGTERM'))
  for (const child of children)
    child.on('exit', (code) => (stop('SIGTERM'), (process.exitCode ||= code ?? 0)))
}

/** Demo without a Stripe key: the local fake Stripe (scripts/fake_stripe.mjs) takes the payments. */
function startFakeStripeForDemo() {
  const env = readEnv('.env')
  if (process.env.STRIPE_SECRET_KEY || env.STRIPE_SECRET_KEY) return
  const port = process.env.FAKE_STRIPE_PORT ?? '12111'
  const appPort = process.env.PORT ?? env.PORT ?? '3333'
  process.env.STRIPE_API_URL = `http://127.0.0.1:${port}`
  process.env.STRIPE_WEBHOOK_SECRET ||= env.STRIPE_WEBHOOK_SECRET || 'whsec_fake_local_demo_secret'
  const args = ['scripts/fake_stripe.mjs', '--port', port, '--app', `http://127.0.0.1:${appPort}`]
  const child = spawn(node, args, { cwd: root, stdio: 'inherit', env: process.env })
  process.on('exit', () => child.exitCode === null && child.kill('SIGTERM'))
}

/** Zero-setup helpers (app/embedded/): mode rules, PGlite, banner. Node strips the types. */
const zero = () => import('../app/embedded/supervisor.ts')
const embeddedPg = () => import('../app/embedded/embedded_postgres.ts')

/** Resolves the mode; stops with the precise message when a required service is unreachable. */
async function resolveModeOrExit(env, defaults) {
  const { resolveMode, describeMode } = await zero()
  const mode = await resolveMode(env, defaults, reachable)
  if (mode.problems.length) {
    console.error(mode.problems.join('\n'))
    process.exit(1)
  }
  console.log(`mode: ${describeMode(mode)}`)
  return mode
}

function hasChromium() {
  return existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')
}

/** No Chromium: install Debian's package when we are root with apt; otherwise a reason to skip. */
function ensureChromium() {
  if (hasChromium()) return null
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log("Chromium is missing: installing Debian's chromium (apt-get)…")
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env })
    if (hasChromium()) return null
    return 'apt-get install chromium failed'
  }
  return isRoot
    ? 'no Chromium and no apt-get'
    : 'no Chromium (/usr/bin/chromium) and not root to install it'
}

async function test() {
  const env = { ...readEnv('.env.test') }
  // For tests only an environment variable makes DATABASE_URL/REDIS_URL explicit.
  const mode = await resolveModeOrExit(env, env)
  const { childEnv, countBrowserTests } = await zero()
  buildAssets()
  let pgServer = null
  if (mode.db === 'embedded') {
    // A fresh in-memory database per run (the bootstrap migrates it), on a private port.
    pgServer = await (await embeddedPg()).startEmbeddedPostgres({ dataDir: 'memory' })
    console.log(`embedded PostgreSQL (PGlite, in memory) on 127.0.0.1:${pgServer.port}`)
  }
  const childVars = childEnv(mode, env, pgServer?.url)
  const testEnv = { ...process.env, ...childVars }
  delete testEnv.EMBEDDED
  // Browser tests need Chromium: installed when possible, else the suite is skipped and counted.
  let args = rest
  let skipped = 0
  const explicitSuites = rest.some((a) => !a.startsWith('-'))
  const missing = explicitSuites && !rest.includes('browser') ? null : ensureChromium()
  if (missing) {
    skipped = countBrowserTests(root)
    console.log(`browser suite skipped (${skipped} tests): ${missing}`)
    args = explicitSuites ? rest.filter((a) => a !== 'browser') : ['unit', 'functional', ...rest]
  }
  // Japa prints its report; the counts reporter prints `N passed, N failed`. We repeat
  // that line last so CI's last line is always the real count.
  const child = spawn(node, ['ace.js', 'test', ...args], {
    cwd: root,
    stdio: ['inherit', 'pipe', 'inherit'],
    env: testEnv,
  })
  let counts = null
  let buffer = ''
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk)
    buffer = (buffer + chunk.toString()).slice(-100_000)
    const matches = [...buffer.matchAll(/^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/gm)]
    if (matches.length) counts = matches.at(-1)
  })
  child.on('exit', async (code) => {
    await pgServer?.stop()
    const [passed, reported, sk] = counts
      ? [counts[1], counts[2], counts[3] ?? '0']
      : ['0', '1', '0']
    console.log(
      `\nmode: ${mode.db === 'embedded' ? 'embedded PostgreSQL (PGlite)' : 'PostgreSQL'} + ${mode.jobs === 'memory' ? 'in-process jobs' : 'Redis (BullMQ)'}`
    )
    // A run can fail outside any test (a group's setup hook, a crash): count it as one
    // failure, so that neither this line nor CI's total reads green.
    const failed = code !== 0 && Number(reported) === 0 ? 1 : Number(reported)
    if (failed !== Number(reported))
      console.log(`the test run failed outside a test (exit code ${code}): counted as 1 failed`)
    console.log(`${passed} passed, ${failed} failed, ${Number(sk) + skipped} skipped`)
    process.exit(code ?? 1)
  })
}

function aceAsync(args, { cwd = root, env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(node, ['ace.js', ...args], {
      cwd,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    })
    child.on('exit', (code) => (code === 0 ? resolve() : process.exit(code ?? 1)))
  })
}

async function waitForHttp(url, timeoutMs = 120_000) {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    try {
      const res = await fetch(url)
      if (res.status < 500) return true
    } catch {}
    await new Promise((r) => setTimeout(r, 200))
  }
  return false
}

/**
 * Embedded mode runs ONE process: this one hosts PGlite and then the compiled web server
 * (which runs the jobs in-process). `npm start`/`npm run demo` start this script with
 * `--liftoff-only` (PGlite's WebAssembly stays on V8's baseline compiler: ~250 MB less
 * code memory than the optimising tier, no slower for short queries) and
 * `--max-semi-space-size=4`. On SIGINT/SIGTERM the app terminates first (HTTP server,
 * jobs), then PGlite closes its data directory.
 */
async function serveInThisProcess(buildDir, pgServer) {
  process.env.NODE_ENV = 'production'
  process.chdir(buildDir)
  await import(join(buildDir, 'bin/server.js'))
  const { default: app } = await import('@adonisjs/core/services/app')
  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    // The server's own SIGTERM listener terminates the app; SIGINT is ours to forward.
    await app.terminate()
    for (let i = 0; i < 100 && !app.isTerminated; i++) await new Promise((r) => setTimeout(r, 100))
    await pgServer.stop()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

/** PGlite hosted by a child process (`run.mjs embedded-host`), as startEmbeddedPostgres. */
async function startEmbeddedHost(dataDir, port) {
  const child = spawn(
    process.execPath,
    [...process.execArgv, join(root, 'scripts/run.mjs'), 'embedded-host', dataDir, String(port)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    }
  )
  // Whatever happens to this process (a failed build exits), the host must not outlive it.
  process.on('exit', () => child.exitCode === null && child.kill('SIGTERM'))
  await new Promise((resolve, reject) => {
    child.stdout.on(
      'data',
      (chunk) => chunk.toString().includes('embedded-host ready') && resolve()
    )
    child.once('exit', (code) =>
      reject(new Error(`the embedded PostgreSQL host stopped (${code})`))
    )
  })
  return {
    child,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      if (child.exitCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    },
  }
}

/** `run.mjs embedded-host <dataDir> <port>`: PGlite on the port until SIGTERM. */
async function embeddedHost([dataDir, port]) {
  const server = await (await embeddedPg()).startEmbeddedPostgres({ dataDir, port: Number(port) })
  const stop = async () => {
    await server.stop()
    process.exit(0)
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  console.log('embedded-host ready')
}

/**
 * start/demo. Embedded mode: this process hosts PGlite (storage/embedded/) on a private
 * port, so the data directory has one writer and is closed cleanly; db:setup and db:seed
 * run as children, then this process serves the app (web + jobs) itself.
 */
async function startApp(demo) {
  const env = readEnv('.env')
  const mode = await resolveModeOrExit(env, readEnv('.env.example'))
  const { childEnv, banner } = await zero()
  let pgServer = null
  let pgPort = 0
  // EMBEDDED_DATA_DIR: another directory (benchmarks measure a first start in a fresh one).
  const dataDir = process.env.EMBEDDED_DATA_DIR ?? join(root, 'storage/embedded')
  // A first start hosts PGlite in a child while it creates the cluster (initdb), migrates
  // and seeds: that work grows PGlite's WebAssembly memory by ~300 MB, which a process
  // never gives back. The child starts before the build (in parallel with it) and stops
  // once the database is ready; then this process, which serves, opens the directory.
  const fresh = mode.db === 'embedded' && !existsSync(join(dataDir, 'PG_VERSION'))
  if (mode.db === 'embedded') {
    pgPort = Number(process.env.EMBEDDED_PG_PORT ?? 0) || (await (await embeddedPg()).freePort())
    if (fresh) pgServer = startEmbeddedHost(dataDir, pgPort)
  }
  buildServer()
  if (mode.db === 'embedded') {
    pgServer = fresh
      ? await pgServer
      : await (await embeddedPg()).startEmbeddedPostgres({ dataDir, port: pgPort })
  }
  const vars = childEnv(mode, env, pgServer?.url)
  const smtpHost = process.env.SMTP_HOST ?? env.SMTP_HOST
  const smtpPort = Number(process.env.SMTP_PORT ?? env.SMTP_PORT ?? 25)
  // No SMTP server answering: the demo keeps its mails in the outbox (/app/outbox).
  const outbox = !smtpHost || smtpHost === 'outbox' || !(await reachable(smtpHost, smtpPort))
  if (outbox) vars.SMTP_HOST = 'outbox'
  // An explicit PORT without an explicit APP_URL: links and the banner follow the port.
  const port = process.env.PORT ?? env.PORT ?? '3333'
  if (!process.env.APP_URL && process.env.PORT) vars.APP_URL = `http://localhost:${port}`
  const url = (
    vars.APP_URL ??
    process.env.APP_URL ??
    env.APP_URL ??
    `http://localhost:${port}`
  ).replace(/\/$/, '')
  Object.assign(process.env, vars)
  delete process.env.EMBEDDED
  const build = { cwd: join(root, 'build'), env: { NODE_ENV: 'production' } }
  await aceAsync(['db:setup'], build)
  if (demo) await aceAsync(['db:seed', '--files', 'database/seeders/demo_seeder.js'], build)
  if (demo) startFakeStripeForDemo()
  if (pgServer?.child) {
    await pgServer.stop()
    pgServer = await (await embeddedPg()).startEmbeddedPostgres({ dataDir, port: pgPort })
  }
  if (pgServer) {
    await serveInThisProcess(build.cwd, pgServer)
  } else if (mode.jobs === 'bullmq') {
    runProcesses()
  } else {
    // Real PostgreSQL without Redis: one web process that also runs the jobs.
    const child = spawn(node, [...WEB_NODE_FLAGS, 'bin/server.js'], {
      cwd: build.cwd,
      stdio: 'inherit',
      env: productionEnv(),
    })
    const stop = () => child.exitCode === null && child.kill('SIGTERM')
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
    child.on('exit', (code) => process.exit(code ?? 0))
  }
  if (await waitForHttp(`http://127.0.0.1:${port}/health`)) {
    console.log(banner({ mode, url, demo, dataDir: pgServer ? dataDir : undefined, outbox }))
  }
}

ensureEnvFile()
if (command === 'test') {
  await test()
} else if (command === 'build') {
  buildServer()
} else if (command === 'codegen') {
  // Generated types (page names) that the typecheck needs on a fresh clone.
  ace(['codegen'])
} else if (command === 'embedded-host') {
  await embeddedHost(rest)
} else if (command === 'start' || command === 'demo') {
  await startApp(command === 'demo')
} else {
  console.error(`unknown command ${command} (start | demo | test | build | codegen)`)
  process.exit(2)
}
