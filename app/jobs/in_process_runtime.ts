import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import { inProcessJobs } from '#jobs/in_process_queue'

/*
| Zero-setup (no Redis): the web server process is also the worker. At ready it starts the
| in-process workers for every queue, the repeatable schedules (Europe/Brussels) and the
| worker services (e.g. the MQTT subscriber); on shutdown it stops them in that order.
| Only in the `web` environment: tests start their workers with startTestWorker(), and
| console commands never run jobs. One process, single node.
*/
export function registerInProcessRuntime() {
  if (!inProcessJobs() || app.getEnvironment() !== 'web') return
  app.ready(async () => {
    const { startWorker } = await import('#jobs/worker')
    const { default: scheduler } = await import('#jobs/scheduler')
    const { startWorkerServices } = await import('#jobs/worker_services')
    const handle = startWorker()
    const schedules = await scheduler.start(handle.queues)
    const services = await startWorkerServices((m) => logger.info(m))
    logger.info(
      `in-process jobs: queues ${handle.queues.join(', ')}; ${schedules.length} schedules (Europe/Brussels)`
    )
    app.terminating(async () => {
      await services.stop()
      await handle.close()
    })
  })
}
