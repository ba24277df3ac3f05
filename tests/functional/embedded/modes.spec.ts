import { test } from '@japa/runner'
import { banner, childEnv, resolveMode } from '../../../app/embedded/supervisor.js'

/*
| The mode rules of `npm start` / `npm run demo` / `npm test` (scripts/run.mjs):
| explicit URLs win, EMBEDDED=1 forces, EMBEDDED=0 refuses, otherwise fall back.
*/
const defaults = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/vme',
  REDIS_URL: 'redis://127.0.0.1:6379/0',
}
const up =
  (...open: number[]) =>
  async (_host: string, port: number) =>
    open.includes(port)

test.group('Zero-setup: mode rules', () => {
  test('both services answer → PostgreSQL + Redis', async ({ assert }) => {
    const mode = await resolveMode(defaults, defaults, up(5432, 6379), {})
    assert.include(mode, { db: 'postgres', jobs: 'bullmq' })
    assert.lengthOf(mode.problems, 0)
  })

  test('nothing answers and nothing is explicit → embedded + in-process jobs', async ({
    assert,
  }) => {
    const mode = await resolveMode(defaults, defaults, up(), {})
    assert.include(mode, { db: 'embedded', jobs: 'memory' })
    assert.lengthOf(mode.problems, 0)
    const env = childEnv(
      mode,
      { SESSION_DRIVER: 'redis' },
      'postgres://postgres@127.0.0.1:1/postgres'
    )
    assert.include(env, { EMBEDDED_DB: '1', QUEUE_BACKEND: 'memory', LIMITER_STORE: 'memory' })
  })

  test('only Redis missing → PostgreSQL with in-process jobs', async ({ assert }) => {
    const mode = await resolveMode(defaults, defaults, up(5432), {})
    assert.include(mode, { db: 'postgres', jobs: 'memory' })
  })

  test('EMBEDDED=1 forces embedded even when the services answer', async ({ assert }) => {
    const mode = await resolveMode(defaults, defaults, up(5432, 6379), { EMBEDDED: '1' })
    assert.include(mode, { db: 'embedded', jobs: 'memory' })
  })

  test('EMBEDDED=0 refuses the fallback and names what is unreachable', async ({ assert }) => {
    const mode = await resolveMode(defaults, defaults, up(6379), { EMBEDDED: '0' })
    assert.lengthOf(mode.problems, 1)
    assert.match(mode.problems[0], /PostgreSQL is not reachable at 127\.0\.0\.1:5432 \(EMBEDDED=0/)
  })

  test('an explicit DATABASE_URL wins: unreachable → stop, no silent fallback', async ({
    assert,
  }) => {
    const mode = await resolveMode(defaults, defaults, up(6379), {
      DATABASE_URL: 'postgres://postgres@db.internal:6543/vme',
    })
    assert.lengthOf(mode.problems, 1)
    assert.match(mode.problems[0], /db\.internal:6543 \(DATABASE_URL is explicit\)/)
  })

  test('the banner says the mode, URL, logins, data and how to switch', ({ assert }) => {
    const text = banner({
      mode: { db: 'embedded', jobs: 'memory', reason: 'EMBEDDED=1', problems: [] },
      url: 'http://localhost:3333',
      demo: true,
      dataDir: '/srv/vme/storage/embedded',
      outbox: true,
    })
    for (const part of [
      'http://localhost:3333',
      'embedded PostgreSQL (PGlite)',
      'syndic@demo.vme',
      '/srv/vme/storage/embedded',
      'EMBEDDED=0',
      '/app/outbox',
    ]) {
      assert.include(text, part)
    }
  })
})
