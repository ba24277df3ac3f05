import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { TenantScoped } from '#tenancy/tenant_scoped'
import Owner from '#models/owner'
import Unit from '#models/unit'

/** An ownership of a unit by a co-owner over a period. Ended, never deleted, to keep history. */
export default class UnitOwner extends compose(BaseModel, TenantScoped) {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare unitId: string

  @column()
  declare ownerId: string

  /** numeric(5,2): decimal string ("50.00"). */
  @column()
  declare percentage: string

  @column.date()
  declare startDate: DateTime

  @column.date()
  declare endDate: DateTime | null

  @column()
  declare isPrimaryContact: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Owner)
  declare owner: BelongsTo<typeof Owner>

  @belongsTo(() => Unit)
  declare unit: BelongsTo<typeof Unit>
}
