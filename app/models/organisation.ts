import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export type OrganisationStatus = 'trialing' | 'active' | 'past_due' | 'canceled' | 'suspended'

/** Global table: the tenant itself (a syndic firm). */
export default class Organisation extends BaseModel {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare name: string

  @column()
  declare slug: string

  @column()
  declare vatNumber: string | null

  @column()
  declare address: Record<string, string> | null

  @column()
  declare locale: string

  @column()
  declare displayName: string | null

  @column()
  declare primaryColor: string | null

  @column()
  declare logoUrl: string | null

  @column()
  declare contactEmail: string | null

  @column()
  declare contactPhone: string | null

  @column()
  declare status: OrganisationStatus

  @column()
  declare plan: string | null

  @column.dateTime()
  declare trialEndsAt: DateTime | null

  @column()
  declare settings: Record<string, unknown>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get branding() {
    return {
      displayName: this.displayName ?? this.name,
      primaryColor: this.primaryColor ?? '#1d4ed8',
      logoUrl: this.logoUrl,
    }
  }

  serialize() {
    return {
      id: this.id,
      name: this.name,
      slug: this.slug,
      vatNumber: this.vatNumber,
      address: this.address,
      locale: this.locale,
      status: this.status,
      plan: this.plan,
      trialEndsAt: this.trialEndsAt?.toISO() ?? null,
      contactEmail: this.contactEmail,
      contactPhone: this.contactPhone,
      branding: this.branding,
      createdAt: this.createdAt?.toISO(),
    }
  }
}
