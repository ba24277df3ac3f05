import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import { inProcessJobs } from '#jobs/in_process_queue'

export default class HealthController {
  live() {
    return { status: 'ok' }
  }

  /**
   * Ready when the database and Redis answer within a second each. Single-node mode
   * (in-process jobs, memory stores) uses no Redis: it is reported as not used.
   */
  async ready({ response }: HttpContext) {
    const checks = {
      database: await probe(() => db.rawQuery('select 1')),
      redis: inProcessJobs() ? ('not used' as const) : await probe(() => redis.ping()),
    }
    const ok = Object.values(checks).every((c) => c !== 'down')
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
