import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { TenantScoped } from '#tenancy/tenant_scoped'
import type { Role } from '#policies/permissions'

export default class Invitation extends compose(BaseModel, TenantScoped) {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare email: string

  @column()
  declare role: Role

  @column()
  declare ownerId: string | null

  /** SHA-256 of the token sent by e-mail: the token itself is never stored. */
  @column({ serializeAs: null })
  declare tokenHash: string

  @column()
  declare invitedBy: string | null

  @column.dateTime()
  declare expiresAt: DateTime

  @column.dateTime()
  declare acceptedAt: DateTime | null

  @column.dateTime()
  declare revokedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  get status(): 'pending' | 'accepted' | 'expired' | 'revoked' {
    if (this.acceptedAt) return 'accepted'
    if (this.revokedAt) return 'revoked'
    return this.expiresAt < DateTime.now() ? 'expired' : 'pending'
  }

  serializeExtras() {
    return { status: this.status }
  }
}
