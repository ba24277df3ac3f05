import type { ApplicationService } from '@adonisjs/core/types'
import moduleRegistry from '#core_modules/module_registry'
import jobRegistry from '#jobs/job_registry'
import scheduler from '#jobs/scheduler'
import { registerWorkerService } from '#jobs/worker_services'
import personalDataRegistry from '#gdpr/personal_data_registry'
import { registerNotificationMessages } from '#services/notification_messages'
import manifest from './module.js'
import { iotPersonalData } from './gdpr.js'
import { iotNotificationMessages } from './services/notification_messages.js'

export default class IotModuleProvider {
  constructor(protected app: ApplicationService) {}

  register() {
    moduleRegistry.register(manifest)
    personalDataRegistry.register(iotPersonalData)
    registerNotificationMessages(iotNotificationMessages)
    jobRegistry
      .register('iot.sync_linky', () => import('./jobs/sync_linky_job.js'))
      .register('iot.nightly_sync', () => import('./jobs/nightly_sync_job.js'))
      .register('iot.maintain_partitions', () => import('./jobs/maintain_partitions_job.js'))
    // Linky/Ores daily sync at 02:00 Brussels; partitions kept sliding at 01:30.
    scheduler.define({ job: 'iot.nightly_sync', cron: '0 2 * * *' })
    scheduler.define({ job: 'iot.maintain_partitions', cron: '30 1 * * *' })
    registerWorkerService('iot.mqtt_subscriber', async () => {
      const { MqttIngestor } = await import('./services/mqtt_ingest_service.js')
      return new MqttIngestor().start()
    })
  }

  async start() {
    await import('./routes.js')
    const { registerCatalogEntries } = await import('#services/openapi_service')
    const { iotOpenApi } = await import('./openapi.js')
    registerCatalogEntries(iotOpenApi)
  }
}
