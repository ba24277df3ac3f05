/*
| Starts a private Mosquitto with the dynamic-security plugin on a free port (the
| system broker on 1883 has no dynsec): `mosquitto_ctrl dynsec init` writes the admin,
| a generated config points the plugin at it. Stopped by its PID.
*/
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { createServer, connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'

const PLUGIN = '/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so'

export interface TestBroker {
  url: string
  port: number
  adminUsername: string
  adminPassword: string
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port
      srv.close(() => resolve(port))
    })
  })
}

async function waitForPort(port: number, timeoutMs = 5000) {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1')
      s.once('connect', () => {
        s.destroy()
        resolve(true)
      })
      s.once('error', () => resolve(false))
    })
    if (ok) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`mosquitto did not listen on ${port}`)
}

export async function startMosquitto(): Promise<TestBroker> {
  const dir = mkdtempSync(join(tmpdir(), 'vme-mqtt-'))
  const adminUsername = 'vme-admin'
  const adminPassword = randomBytes(12).toString('hex')
  const dynsec = join(dir, 'dynsec.json')
  execFileSync('mosquitto_ctrl', ['dynsec', 'init', dynsec, adminUsername, adminPassword], {
    stdio: 'ignore',
  })
  // Started as root, mosquitto drops to its own user: it must read and rewrite the file.
  chmodSync(dir, 0o777)
  chmodSync(dynsec, 0o666)
  const port = await freePort()
  const conf = join(dir, 'mosquitto.conf')
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous false',
      `plugin ${PLUGIN}`,
      `plugin_opt_config_file ${dynsec}`,
      'persistence false',
      'log_dest none',
      '',
    ].join('\n')
  )
  const child: ChildProcess = spawn('mosquitto', ['-c', conf], { stdio: 'ignore' })
  await waitForPort(port)
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    adminUsername,
    adminPassword,
    async stop() {
      if (child.exitCode === null && child.pid) {
        const exited = new Promise((r) => child.once('exit', r))
        process.kill(child.pid, 'SIGTERM')
        await exited
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
