import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import { ThrottledDbAccessTokensProvider } from '#services/access_tokens_provider'
import Membership from '#models/membership'

const AuthFinder = withAuthFinder(() => hash.use('scrypt'), {
  uids: ['email'],
  passwordColumnName: 'password',
})

/** Global table: a person who can log in. Roles live on memberships. */
export default class User extends compose(BaseModel, AuthFinder) {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare email: string

  @column({ serializeAs: null })
  declare password: string

  @column()
  declare fullName: string

  @column()
  declare locale: string | null

  @column()
  declare isSuperadmin: boolean

  @column()
  declare notificationPreferences: Record<string, Record<string, boolean>>

  /** AES-256-GCM ciphertext of the TOTP secret (#services/two_factor_crypto); never serialised. */
  @column({ serializeAs: null })
  declare twoFactorSecret: string | null

  /** Set when the first code was verified; null = 2FA off (or pending enrolment). */
  @column.dateTime({ serializeAs: null })
  declare twoFactorEnabledAt: DateTime | null

  /** Last accepted TOTP time step: a code of that step or earlier is a replay. */
  @column({ serializeAs: null, consume: (v) => (v === null ? null : Number(v)) })
  declare twoFactorLastStep: number | null

  /** Sessions opened before this instant are refused (password change). */
  @column.dateTime({ serializeAs: null })
  declare sessionsRevokedAt: DateTime | null

  get twoFactorEnabled() {
    return !!this.twoFactorEnabledAt
  }

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => Membership)
  declare memberships: HasMany<typeof Membership>

  static accessTokens = ThrottledDbAccessTokensProvider.forModel(User, {
    expiresIn: '30 days',
    prefix: 'vme_',
  })

  serialize() {
    return {
      id: this.id,
      email: this.email,
      fullName: this.fullName,
      locale: this.locale,
      isSuperadmin: this.isSuperadmin,
      createdAt: this.createdAt?.toISO(),
    }
  }
}
