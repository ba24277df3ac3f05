import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { TenantScoped } from '#tenancy/tenant_scoped'

export default class Document extends compose(BaseModel, TenantScoped) {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare buildingId: string | null

  @column()
  declare name: string

  @column({ serializeAs: null })
  declare storageKey: string

  @column()
  declare mimeType: string

  /** bigint: the driver returns a string; files are far below 2^53 bytes. */
  @column({ consume: (value) => Number(value) })
  declare size: number

  @column()
  declare checksum: string

  @column()
  declare uploadedBy: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
