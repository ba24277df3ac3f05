import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { TenantScoped } from '#tenancy/tenant_scoped'
import Building from '#models/building'
import UnitOwner from '#models/unit_owner'

export const UNIT_TYPES = [
  'apartment',
  'house',
  'commercial',
  'office',
  'parking',
  'cellar',
  'storage',
  'other',
] as const
export type UnitType = (typeof UNIT_TYPES)[number]

export default class Unit extends compose(BaseModel, TenantScoped) {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare buildingId: string

  @column()
  declare number: string

  @column()
  declare type: UnitType

  @column()
  declare floor: string | null

  /** numeric(10,2) in m²: kept as the driver's decimal string. */
  @column()
  declare area: string | null

  /** Thousandths (or whatever the building's totalQuota is expressed in). */
  @column()
  declare quota: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Building)
  declare building: BelongsTo<typeof Building>

  @hasMany(() => UnitOwner)
  declare ownerships: HasMany<typeof UnitOwner>
}
