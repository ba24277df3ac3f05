import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column, computed } from '@adonisjs/lucid/orm'
import { TenantScoped } from '#tenancy/tenant_scoped'

const utc = {
  serialize: (value: DateTime | null) => (value ? value.toUTC().toISO() : null),
}

/** Art. 33: the authority must be told within 72 hours of becoming aware of a breach. */
export const AUTHORITY_DEADLINE_HOURS = 72

/** One personal-data breach of the register (Art. 33(5)). */
export default class Incident extends compose(BaseModel, TenantScoped) {
  static table = 'gdpr_incidents'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare title: string

  @column()
  declare description: string

  @column.dateTime(utc)
  declare detectedAt: DateTime

  @column.dateTime(utc)
  declare occurredAt: DateTime | null

  @column()
  declare severity: 'low' | 'medium' | 'high'

  @column()
  declare status: 'open' | 'investigating' | 'notified' | 'closed'

  @column({ prepare: (value: unknown) => JSON.stringify(value ?? []) })
  declare dataCategories: string[]

  @column()
  declare affectedSubjects: number | null

  @column()
  declare consequences: string | null

  @column()
  declare measures: string | null

  @column()
  declare notificationRequired: boolean

  @column.dateTime(utc)
  declare authorityNotifiedAt: DateTime | null

  @column()
  declare authorityReference: string | null

  @column.dateTime(utc)
  declare subjectsNotifiedAt: DateTime | null

  @column.dateTime(utc)
  declare closedAt: DateTime | null

  @column()
  declare reportedBy: string | null

  @column.dateTime({ autoCreate: true, ...utc })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true, ...utc })
  declare updatedAt: DateTime

  /** Detection + 72 h (the clock of Art. 33 starts when the controller becomes aware). */
  @computed()
  get authorityDeadline(): string {
    return this.detectedAt.toUTC().plus({ hours: AUTHORITY_DEADLINE_HOURS }).toISO()!
  }

  /** Whole hours left before the deadline (negative once passed); null when notified or not required. */
  @computed()
  get hoursRemaining(): number | null {
    if (!this.notificationRequired || this.authorityNotifiedAt) return null
    const ms = this.detectedAt.plus({ hours: AUTHORITY_DEADLINE_HOURS }).toMillis() - Date.now()
    return Math.floor(ms / 3_600_000)
  }

  /** The deadline passed without the authority being notified. */
  @computed()
  get overdue(): boolean {
    if (!this.notificationRequired) return false
    const deadline = this.detectedAt.plus({ hours: AUTHORITY_DEADLINE_HOURS })
    const at = this.authorityNotifiedAt ?? DateTime.now()
    return at > deadline
  }
}
