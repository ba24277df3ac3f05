import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { TenantScoped } from '#tenancy/tenant_scoped'

export const DEVICE_KINDS = ['linky', 'mqtt'] as const
export const PROVIDERS = ['enedis', 'ores'] as const

export default class IotDevice extends compose(BaseModel, TenantScoped) {
  static table = 'iot_devices'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare buildingId: string

  @column()
  declare unitId: string | null

  @column()
  declare kind: (typeof DEVICE_KINDS)[number]

  @column()
  declare provider: (typeof PROVIDERS)[number] | null

  @column()
  declare pointId: string | null

  @column()
  declare name: string

  @column()
  declare active: boolean

  @column()
  declare mqttUsername: string | null

  @column({ serializeAs: null })
  declare mqttPasswordHash: string | null

  @column.dateTime()
  declare lastSyncedAt: DateTime | null

  @column()
  declare lastSyncError: string | null

  @column.dateTime({ serializeAs: null })
  declare deletedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
