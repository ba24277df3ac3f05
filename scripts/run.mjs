#!/usr/bin/env node
/*
| The README's commands: `npm start`, `npm run demo`, `npm test`.
| Runs on the Node 24 that npm installs (devDependency `node`), checks the services,
| prepares .env, builds the front end when needed, then starts or tests.
*/
import { spawn, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, readFileSync, writeFileSync, statSync, readdirSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import net from 'node:net'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const node = process.execPath
const [, , command = 'start', ...rest] = process.argv

function ensureEnvFile() {
  const envPath = join(root, '.env')
  if (existsSync(envPath)) return
  const example = readFileSync(join(root, '.env.example'), 'utf8')
  writeFileSync(envPath, example.replace(/^APP_KEY=.*$/m, `APP_KEY=${randomBytes(32).toString('hex')}`))
  console.log('created .env from .env.example (fresh APP_KEY)')
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
  const sources = Math.max(newestMtime(join(root, 'resources/inertia')), newestMtime(join(root, 'modules')))
  if (built > sources) return
  console.log('building front-end assets…')
  const res = spawnSync(node, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  })
  if (res.status !== 0) process.exit(res.status ?? 1)
}

function ace(args, { cwd = root, env = {} } = {}) {
  const res = spawnSync(node, ['ace.js', ...args], { cwd, stdio: 'inherit', env: { ...process.env, ...env } })
  if (res.status !== 0) process.exit(res.status ?? 1)
}

const SERVER_SOURCES = ['app', 'config', 'start', 'modules', 'database', 'resources', 'providers', 'commands', 'bin']

/**
 * `npm start` runs what production runs: the compiled build (`node ace build`: server
 * JavaScript + front-end bundle), rebuilt when a source is newer. No TypeScript loader
 * in the web process.
 */
function buildServer() {
  const marker = join(root, 'build/bin/server.js')
  const built = existsSync(marker) ? statSync(marker).mtimeMs : 0
  const sources = Math.max(...SERVER_SOURCES.map((d) => newestMtime(join(root, d))), statSync(join(root, 'adonisrc.ts')).mtimeMs)
  if (built <= sources) {
    console.log('building the application (node ace build)…')
    ace(['build'])
  }
  // The build reads its own .env: the root one is the single source of configuration.
  copyFileSync(join(root, '.env'), join(root, 'build/.env'))
}

/** Web and worker, one process each; NODE_ENV=production, a small V8 young generation (RSS). */
function runProcesses() {
  const env = { ...process.env, NODE_ENV: 'production' }
  const cwd = join(root, 'build')
  const children = [
    spawn(node, ['--max-semi-space-size=4', 'bin/server.js'], { cwd, stdio: 'inherit', env }),
    spawn(node, ['--max-semi-space-size=4', 'ace.js', 'queue:work'], { cwd, stdio: 'inherit', env }),
  ]
  const stop = (signal) => children.forEach((c) => c.exitCode === null && c.kill(signal))
  process.on('SIGINT', () => stop('SIGTERM'))
  process.on('SIGTERM', () => stop('SIGTERM'))
  for (const child of children) child.on('exit', (code) => (stop('SIGTERM'), (process.exitCode ||= code ?? 0)))
}

async function test() {
  const env = { ...readEnv('.env.test') }
  await checkServices(env)
  buildAssets()
  // Japa prints its report; the counts reporter prints `N passed, N failed`. We repeat
  // that line last so CI's last line is always the real count.
  const child = spawn(node, ['ace.js', 'test', ...rest], { cwd: root, stdio: ['inherit', 'pipe', 'inherit'] })
  let counts = null
  let buffer = ''
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk)
    buffer = (buffer + chunk.toString()).slice(-100_000)
    const matches = [...buffer.matchAll(/^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/gm)]
    if (matches.length) counts = matches.at(-1)[0]
  })
  child.on('exit', (code) => {
    console.log(`\n${counts ?? '0 passed, 1 failed'}`)
    process.exit(code ?? 1)
  })
}

ensureEnvFile()
if (command === 'test') {
  await test()
} else if (command === 'build') {
  buildServer()
} else if (command === 'codegen') {
  // Generated types (page names) that the typecheck needs on a fresh clone.
  ace(['codegen'])
} else if (command === 'start' || command === 'demo') {
  await checkServices(readEnv('.env'))
  buildServer()
  const build = { cwd: join(root, 'build'), env: { NODE_ENV: 'production' } }
  ace(['db:setup'], build)
  if (command === 'demo') ace(['db:seed', '--files', 'database/seeders/demo_seeder.js'], build)
  runProcesses()
} else {
  console.error(`unknown command ${command} (start | demo | test | build | codegen)`)
  process.exit(2)
}
