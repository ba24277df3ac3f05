import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import testUtils from '@adonisjs/core/services/test_utils'
import { setupDatabase, setupOptionsFromEnv } from '#services/database_setup_service'
import { countsReporter } from '#tests/helpers/counts_reporter'
import { spec } from '@japa/runner/reporters'

export const plugins: Config['plugins'] = [assert(), apiClient(), pluginAdonisJS(app)]

export const reporters: Config['reporters'] = {
  activated: ['spec', 'counts'],
  list: [spec(), countsReporter()],
}

/** A fresh test database (own name, own app role) for every run, then migrations as the owner. */
export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [
    async () => {
      await setupDatabase(app, { ...(await setupOptionsFromEnv()), fresh: true })
      // Zero-setup (EMBEDDED=1 / QUEUE_BACKEND=memory, set by `npm test` when the services
      // are absent): the database is PGlite started by scripts/run.mjs, jobs are in-process.
      const { inProcessJobs } = await import('#jobs/in_process_queue')
      console.log(
        `test mode: ${process.env.EMBEDDED_DB === '1' ? 'embedded PostgreSQL (PGlite)' : 'PostgreSQL'} + ${inProcessJobs() ? 'in-process jobs' : 'Redis (BullMQ)'}`
      )
      if (inProcessJobs()) return
      const { default: redis } = await import('@adonisjs/redis/services/main')
      await redis.flushdb()
    },
  ],
  teardown: [],
}

export const configureSuite: Config['configureSuite'] = (suite) => {
  if (['browser', 'functional', 'e2e'].includes(suite.name)) {
    return suite.setup(() => testUtils.httpServer().start())
  }
}
