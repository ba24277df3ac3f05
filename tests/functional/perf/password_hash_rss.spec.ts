import { test } from '@japa/runner'
import { NODE_MALLOC_ENV } from '../../../scripts/web_node_flags.mjs'
import { RSS_MB_SOURCE, runChildScript } from '#tests/helpers/child_script'

/*
| Password hashes must not leave memory behind. Each scrypt hash (config/hash.ts: cost
| 16384, block size 8) takes a 16 MB buffer on a libuv thread. With glibc's dynamic mmap
| threshold, the first one freed raises the threshold to 16 MB and later buffers stay in
| the threads' arenas: ~16 MB of RSS per thread for the life of the process. The web and
| worker processes run with NODE_MALLOC_ENV (scripts/web_node_flags.mjs); this hashes
| five rounds of four concurrent logins in a child with and without it.
*/
const script = `${RSS_MB_SOURCE}
import crypto from 'node:crypto'
const hash = () => new Promise((resolve, reject) =>
  crypto.scrypt('pw', crypto.randomBytes(16), 64, { N: 16384, r: 8, p: 1, maxmem: 33554432 },
    (error) => (error ? reject(error) : resolve())))
const before = rssMb()
for (let round = 0; round < 5; round++) await Promise.all([hash(), hash(), hash(), hash()])
console.log(rssMb() - before)
`

async function rssGrowthMb(extraEnv: Record<string, string>) {
  // Only `extraEnv` decides the child's malloc setting, not this process's environment.
  const env = { ...process.env, ...extraEnv }
  if (!('MALLOC_MMAP_THRESHOLD_' in extraEnv)) delete env.MALLOC_MMAP_THRESHOLD_
  const stdout = await runChildScript(script, { env })
  return Number(stdout.trim())
}

test.group('Perf: password hash RSS', () => {
  test('twenty password hashes leave no scrypt buffer resident', async ({ assert }) => {
    const shipped = await rssGrowthMb(NODE_MALLOC_ENV)
    const glibcDefault = await rssGrowthMb({})
    assert.isBelow(shipped, 12, `RSS growth with NODE_MALLOC_ENV: ${shipped} MB`)
    // The control shows what the setting prevents (and that this test can fail).
    assert.isAbove(glibcDefault, 32, `RSS growth with glibc's default: ${glibcDefault} MB`)
  }).timeout(60_000)
})
