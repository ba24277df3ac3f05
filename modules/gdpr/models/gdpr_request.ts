import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { TenantScoped } from '#tenancy/tenant_scoped'

/** One data-subject rights request (log kept for the organisation's accountability). */
export default class GdprRequest extends compose(BaseModel, TenantScoped) {
  static table = 'gdpr_requests'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare userId: string | null

  @column()
  declare type: string

  @column()
  declare status: string

  @column()
  declare details: Record<string, unknown>

  @column.dateTime({ autoCreate: true, serialize: (v: DateTime) => v?.toUTC().toISO() })
  declare createdAt: DateTime
}
