import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { TenantScoped } from '#tenancy/tenant_scoped'
import Unit from '#models/unit'

export default class Building extends compose(BaseModel, TenantScoped) {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare name: string

  @column({ serializeAs: null })
  declare street: string

  @column({ serializeAs: null })
  declare postalCode: string

  @column({ serializeAs: null })
  declare city: string

  @column({ serializeAs: null })
  declare country: string

  @column()
  declare totalQuota: number

  @column()
  declare constructionYear: number | null

  @column()
  declare enterpriseNumber: string | null

  @column()
  declare fiscalYearStartMonth: number

  @column.dateTime({ serializeAs: null })
  declare archivedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => Unit)
  declare units: HasMany<typeof Unit>

  serializeExtras() {
    return {
      address: {
        street: this.street,
        postalCode: this.postalCode,
        city: this.city,
        country: this.country,
      },
      ...(this.$extras.units_count !== undefined
        ? { unitsCount: Number(this.$extras.units_count) }
        : {}),
      ...(this.$extras.allocated_quota !== undefined
        ? { allocatedQuota: Number(this.$extras.allocated_quota) }
        : {}),
    }
  }
}
