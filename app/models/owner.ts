import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { TenantScoped } from '#tenancy/tenant_scoped'
import UnitOwner from '#models/unit_owner'

/** A co-owner: a person or a company, known to one organisation. */
export default class Owner extends compose(BaseModel, TenantScoped) {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare kind: 'person' | 'company'

  @column()
  declare firstName: string | null

  @column()
  declare lastName: string | null

  @column()
  declare companyName: string | null

  @column()
  declare email: string

  @column()
  declare phone: string | null

  @column()
  declare address: Record<string, string> | null

  @column()
  declare locale: string | null

  @column()
  declare iban: string | null

  @column()
  declare userId: string | null

  @column()
  declare acceptsElectronicNotices: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => UnitOwner)
  declare ownerships: HasMany<typeof UnitOwner>

  get displayName(): string {
    return this.kind === 'company'
      ? (this.companyName ?? '')
      : [this.firstName, this.lastName].filter(Boolean).join(' ')
  }

  serializeExtras() {
    return { displayName: this.displayName }
  }
}
