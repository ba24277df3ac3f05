import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * `node ace queue:work [--queues=core,accounting] [--concurrency=5] [--no-scheduler]`
 * The worker process, separate from the web server so each scales on its own. Starts
 * the workers and the repeatable-job scheduler; on SIGTERM/SIGINT it stops taking jobs,
 * waits for the running ones, closes Redis connections and the app.
 */
export default class QueueWork extends BaseCommand {
  static commandName = 'queue:work'
  static description = 'Run background jobs (BullMQ workers and the scheduler)'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.string({ description: 'Comma-separated queues (default: every queue with jobs)' })
  declare queues?: string

  @flags.number({ description: 'Parallel jobs per queue' })
  declare concurrency?: number

  @flags.boolean({ description: 'Register the repeatable jobs', default: true })
  declare scheduler: boolean

  async run() {
    const { startWorker } = await import('#jobs/worker')
    const { default: scheduler } = await import('#jobs/scheduler')
    const { closeQueues } = await import('#jobs/dispatcher')

    const queues = this.queues
      ?.split(',')
      .map((q) => q.trim())
      .filter(Boolean)
    const handle = startWorker({ queues, concurrency: this.concurrency })
    this.logger.info(`worker started on queues: ${handle.queues.join(', ')}`)

    if (this.scheduler !== false) {
      const schedules = await scheduler.start(handle.queues)
      for (const s of schedules) this.logger.info(`scheduled ${s.job} (${s.cron}, Europe/Brussels)`)
    }

    // Module services that live with the worker (e.g. the IoT MQTT subscriber).
    const { startWorkerServices } = await import('#jobs/worker_services')
    const services = await startWorkerServices((m) => this.logger.info(m))

    let stopping = false
    const shutdown = async (signal: string) => {
      if (stopping) return
      stopping = true
      this.logger.info(`${signal} received: finishing running jobs…`)
      try {
        await services.stop()
        await handle.close()
        await closeQueues()
      } finally {
        await this.app.terminate()
        process.exit(0)
      }
    }
    process.once('SIGTERM', () => void shutdown('SIGTERM'))
    process.once('SIGINT', () => void shutdown('SIGINT'))
  }
}
