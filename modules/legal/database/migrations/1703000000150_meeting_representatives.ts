import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantPolicySql } from '#database/rls'

/*
| Designated representative of a unit for one meeting (SPEC §7: a unit held by several
| co-owners votes through one representative — its primary contact unless another is
| designated). One row per (meeting, unit); absent → the primary contact rule applies.
*/
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('legal_meeting_representatives', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      t.uuid('organisation_id')
        .notNullable()
        .references('id')
        .inTable('organisations')
        .onDelete('CASCADE')
      t.unique(['organisation_id', 'id'])
      t.uuid('meeting_id').notNullable()
      t.uuid('unit_id').notNullable()
      t.uuid('owner_id').notNullable()
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.unique(['organisation_id', 'meeting_id', 'unit_id'])
      for (const [column, table, onDelete] of [
        ['meeting_id', 'legal_meetings', 'CASCADE'],
        ['unit_id', 'units', 'CASCADE'],
        ['owner_id', 'owners', 'RESTRICT'],
      ]) {
        t.foreign(['organisation_id', column])
          .references(['organisation_id', 'id'])
          .inTable(table)
          .onDelete(onDelete)
      }
    })
    for (const sql of tenantPolicySql('legal_meeting_representatives')) this.schema.raw(sql)
  }

  async down() {
    this.schema.dropTable('legal_meeting_representatives')
  }
}
