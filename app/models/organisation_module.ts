import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { TenantScoped } from '#tenancy/tenant_scoped'

export default class OrganisationModule extends compose(BaseModel, TenantScoped) {
  static table = 'organisation_modules'

  @column({ isPrimary: true })
  declare moduleKey: string

  @column()
  declare enabled: boolean

  @column()
  declare source: 'plan' | 'manual' | 'trial'

  @column()
  declare settings: Record<string, unknown>

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
