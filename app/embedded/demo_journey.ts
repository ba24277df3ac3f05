/*
| CI demo journey in embedded mode (.ci/run): `npm run demo` with EMBEDDED=1 on a free port
| and a fresh data directory, wait for the banner, log in with a demo login over HTTP, fetch
| a list, stop. Prints `1 passed, 0 failed` or `0 passed, 1 failed` (summed by .ci/run).
| Run: node app/embedded/demo_journey.ts (Node strips the types; erasable TypeScript only).
*/
import { spawn } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import net from 'node:net'

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

const root = new URL('../..', import.meta.url).pathname
const port = await freePort()
const base = `http://127.0.0.1:${port}`
const dataDir = join(root, 'tmp', `ci-demo-${Date.now()}`)
const started = Date.now()
// Exactly `npm run demo`: the same Node flags (package.json's script).
const demoFlags = String(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.demo)
  .split(/\s+/)
  .filter((arg) => arg.startsWith('--'))
const child = spawn(process.execPath, [...demoFlags, 'scripts/run.mjs', 'demo'], {
  cwd: root,
  env: {
    ...process.env,
    EMBEDDED: '1',
    EMBEDDED_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    APP_URL: base,
    SMTP_HOST: 'outbox',
    FAKE_STRIPE_PORT: String(await freePort()),
  },
  stdio: ['ignore', 'pipe', 'pipe'],
})
let output = ''
child.stdout.on('data', (c) => (output += c.toString()))
child.stderr.on('data', (c) => (output += c.toString()))

async function journey() {
  const deadline = Date.now() + 240_000
  while (!output.includes('VME is running')) {
    if (child.exitCode !== null) throw new Error(`demo exited with ${child.exitCode}`)
    if (Date.now() > deadline) throw new Error('no banner within 240 s')
    await new Promise((r) => setTimeout(r, 250))
  }
  if (!/mode: embedded PostgreSQL/.test(output)) throw new Error('banner does not say embedded')
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept': 'application/json' },
    body: JSON.stringify({ email: 'syndic@demo.vme', password: 'Demo-Password-2026!' }),
  })
  if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`)
  const { token } = (await login.json()) as { token: string }
  const list = await fetch(`${base}/api/v1/buildings`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  })
  const body = (await list.json()) as { data: { name: string }[] }
  if (list.status !== 200 || body.data.length < 3) {
    throw new Error(`buildings: ${list.status} ${JSON.stringify(body).slice(0, 300)}`)
  }
  console.log(
    `demo journey: banner after ${((Date.now() - started) / 1000).toFixed(1)} s, ` +
      `${body.data.length} buildings (${body.data.map((b) => b.name).join(', ')})`
  )
}

let ok = false
try {
  await journey()
  ok = true
} catch (error) {
  console.error(`demo journey failed: ${(error as Error).message}\n${output.slice(-4000)}`)
} finally {
  child.kill('SIGTERM')
  const until = Date.now() + 15_000
  while (child.exitCode === null && Date.now() < until) await new Promise((r) => setTimeout(r, 100))
  if (child.exitCode === null) child.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
}
console.log(ok ? '1 passed, 0 failed' : '0 passed, 1 failed')
process.exit(ok ? 0 : 1)
