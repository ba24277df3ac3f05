import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Organisation from '#models/organisation'
import User from '#models/user'
import type { Role } from '#policies/permissions'

/** Global table: a user's role in one organisation. */
export default class Membership extends BaseModel {
  @column({ isPrimary: true })
  declare id: string

  @column()
  declare organisationId: string

  @column()
  declare userId: string

  @column()
  declare role: Role

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @belongsTo(() => Organisation)
  declare organisation: BelongsTo<typeof Organisation>

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>
}
