import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'

export default class HealthController {
  live() {
    return { status: 'ok' }
  }

  /** Ready when the database and Redis answer within a second each. */
  async ready({ response }: HttpContext) {
    const checks = {
      database: await probe(() => db.rawQuery('select 1')),
      redis: await probe(() => redis.ping()),
    }
    const ok = Object.values(checks).every((c) => c === 'ok')
    return response.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', checks })
  }
}

async function probe(fn: () => Promise<unknown>): Promise<'ok' | 'down'> {
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000)),
    ])
    return 'ok'
  } catch {
    return 'down'
  }
}
