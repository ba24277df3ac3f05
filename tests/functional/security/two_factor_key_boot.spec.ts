import { test } from '@japa/runner'
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'

/*
| TWO_FACTOR_KEY is validated at boot: in production a missing or wrong-length key
| stops the web process with a clear message (before it listens).
*/
function bootProduction(key: string): Promise<{ code: number | null; output: string }> {
  const env: Record<string, string> = {}
  for (const line of readFileSync('.env.test', 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim())
    if (m) env[m[1]] = m[2]
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import=@poppinss/ts-exec', 'bin/server.ts'], {
      env: {
        ...process.env,
        ...env,
        NODE_ENV: 'production',
        PORT: String(Number(process.env.PORT ?? 3334) + 500),
        TWO_FACTOR_KEY: key,
      },
    })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    // A process that is still up after 30 s booted despite the bad key: stop it.
    const timer = setTimeout(() => child.kill('SIGTERM'), 30_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

test.group('2FA key validated at boot (production)', () => {
  test('missing key stops the app with a clear message', async ({ assert }) => {
    const { code, output } = await bootProduction('')
    assert.notEqual(code, 0)
    assert.include(output, 'TWO_FACTOR_KEY is missing')
  }).timeout(45_000)

  test('a key of the wrong length stops the app', async ({ assert }) => {
    const { code, output } = await bootProduction(Buffer.alloc(16, 1).toString('base64'))
    assert.notEqual(code, 0)
    assert.include(output, 'TWO_FACTOR_KEY must be exactly 32 bytes')
    assert.include(output, 'got 16 bytes')
  }).timeout(45_000)
})
