import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { TenantScoped } from '#tenancy/tenant_scoped'

const json = {
  prepare: (value: unknown) => JSON.stringify(value ?? []),
}

/** One entry of the Art. 30 register of processing activities. */
export default class ProcessingActivity extends compose(BaseModel, TenantScoped) {
  static table = 'gdpr_processing_activities'

  @column({ isPrimary: true })
  declare id: string

  @column({ serializeAs: null })
  declare code: string | null

  @column()
  declare title: string

  @column()
  declare purpose: string

  @column()
  declare legalBasis: string

  @column(json)
  declare dataSubjects: string[]

  @column(json)
  declare dataCategories: string[]

  @column(json)
  declare recipients: string[]

  @column()
  declare retention: string

  @column()
  declare transfersOutsideEea: boolean

  @column()
  declare securityMeasures: string | null

  @column()
  declare isStandard: boolean

  @column.dateTime({ autoCreate: true, serialize: (v: DateTime) => v?.toUTC().toISO() })
  declare createdAt: DateTime

  @column.dateTime({
    autoCreate: true,
    autoUpdate: true,
    serialize: (v: DateTime) => v?.toUTC().toISO(),
  })
  declare updatedAt: DateTime
}
