import { BaseSchema } from '@adonisjs/lucid/schema'
import { appendOnlySql, tenantPolicySql } from '#database/rls'

/*
| General assemblies (SPEC §7, issue 10; Civil Code art. 3.87–3.89): meetings, agenda
| items (+ attached documents), attendance, proxies, resolutions, the append-only vote
| ledger, notices (convocations, reminders, minutes) per co-owner, requests for an
| extraordinary meeting, council members. organisation_id first, RLS forced, composite FKs.
*/
export default class extends BaseSchema {
  private base(t: any) {
    t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
    t.uuid('organisation_id')
      .notNullable()
      .references('id')
      .inTable('organisations')
      .onDelete('CASCADE')
    t.unique(['organisation_id', 'id'])
  }

  private stamps(t: any) {
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
  }

  private fk(t: any, column: string, table: string, onDelete = 'CASCADE') {
    t.foreign(['organisation_id', column])
      .references(['organisation_id', 'id'])
      .inTable(table)
      .onDelete(onDelete)
  }

  private finish(table: string, checks: string[] = []) {
    for (const check of checks) this.schema.raw(`ALTER TABLE ${table} ADD CHECK (${check})`)
    for (const sql of tenantPolicySql(table)) this.schema.raw(sql)
  }

  async up() {
    this.schema.createTable('legal_meeting_requests', (t) => {
      this.base(t)
      t.uuid('building_id').notNullable()
      t.uuid('owner_id').notNullable()
      t.text('reason').notNullable()
      t.integer('votes').notNullable()
      t.uuid('meeting_id').nullable()
      t.timestamp('threshold_reached_at', { useTz: true }).nullable()
      this.stamps(t)
      t.index(['organisation_id', 'building_id'])
      this.fk(t, 'building_id', 'buildings')
      this.fk(t, 'owner_id', 'owners', 'RESTRICT')
    })
    this.finish('legal_meeting_requests')

    this.schema.createTable('legal_meetings', (t) => {
      this.base(t)
      t.uuid('building_id').notNullable()
      t.string('kind', 20).notNullable()
      t.string('title', 200).notNullable()
      t.timestamp('scheduled_at', { useTz: true }).notNullable()
      t.string('place', 300).nullable()
      t.string('video_url', 500).nullable()
      t.string('status', 20).notNullable().defaultTo('draft')
      t.uuid('first_meeting_id').nullable()
      t.boolean('quorum_required').notNullable().defaultTo(true)
      t.jsonb('quorum').nullable()
      t.timestamp('convened_at', { useTz: true }).nullable()
      t.timestamp('opened_at', { useTz: true }).nullable()
      t.timestamp('closed_at', { useTz: true }).nullable()
      t.timestamp('reminder_sent_at', { useTz: true }).nullable()
      t.timestamp('minutes_sent_at', { useTz: true }).nullable()
      t.timestamp('minutes_reminded_at', { useTz: true }).nullable()
      t.string('final_digest', 64).nullable()
      t.uuid('created_by').nullable()
      this.stamps(t)
      t.index(['organisation_id', 'building_id', 'scheduled_at'])
      this.fk(t, 'building_id', 'buildings')
    })
    this.schema.raw(
      `ALTER TABLE legal_meetings ADD FOREIGN KEY (organisation_id, first_meeting_id) REFERENCES legal_meetings (organisation_id, id) ON DELETE SET NULL (first_meeting_id)`
    )
    this.schema.raw(
      `ALTER TABLE legal_meeting_requests ADD FOREIGN KEY (organisation_id, meeting_id) REFERENCES legal_meetings (organisation_id, id) ON DELETE SET NULL (meeting_id)`
    )
    this.finish('legal_meetings', [
      `kind IN ('ordinary','extraordinary')`,
      `status IN ('draft','convened','open','no_quorum','closed','cancelled')`,
    ])

    this.schema.createTable('legal_agenda_items', (t) => {
      this.base(t)
      t.uuid('meeting_id').notNullable()
      t.integer('position').notNullable()
      t.string('title', 300).notNullable()
      t.text('description').nullable()
      t.string('majority', 20).notNullable()
      t.uuid('proposed_by_owner_id').nullable()
      this.stamps(t)
      t.index(['organisation_id', 'meeting_id', 'position'])
      this.fk(t, 'meeting_id', 'legal_meetings')
      this.fk(t, 'proposed_by_owner_id', 'owners', 'RESTRICT')
    })
    this.finish('legal_agenda_items', [
      `majority IN ('absolute','two_thirds','four_fifths','unanimity')`,
    ])

    this.schema.createTable('legal_agenda_item_documents', (t) => {
      this.base(t)
      t.uuid('agenda_item_id').notNullable()
      t.uuid('document_id').notNullable()
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.unique(['organisation_id', 'agenda_item_id', 'document_id'])
      this.fk(t, 'agenda_item_id', 'legal_agenda_items')
      t.foreign(['document_id']).references(['id']).inTable('documents').onDelete('CASCADE')
    })
    this.finish('legal_agenda_item_documents')

    this.schema.createTable('legal_meeting_attendance', (t) => {
      this.base(t)
      t.uuid('meeting_id').notNullable()
      t.uuid('owner_id').notNullable()
      t.string('status', 20).notNullable()
      t.boolean('remote').notNullable().defaultTo(false)
      t.uuid('recorded_by').nullable()
      this.stamps(t)
      t.unique(['organisation_id', 'meeting_id', 'owner_id'])
      this.fk(t, 'meeting_id', 'legal_meetings')
      this.fk(t, 'owner_id', 'owners', 'RESTRICT')
    })
    this.finish('legal_meeting_attendance', [`status IN ('present','represented','absent')`])

    this.schema.createTable('legal_meeting_proxies', (t) => {
      this.base(t)
      t.uuid('meeting_id').notNullable()
      t.uuid('grantor_owner_id').notNullable()
      t.uuid('holder_owner_id').nullable()
      t.string('holder_name', 200).nullable()
      t.string('holder_email', 254).nullable()
      this.stamps(t)
      t.unique(['organisation_id', 'meeting_id', 'grantor_owner_id'])
      this.fk(t, 'meeting_id', 'legal_meetings')
      this.fk(t, 'grantor_owner_id', 'owners', 'RESTRICT')
      this.fk(t, 'holder_owner_id', 'owners', 'RESTRICT')
    })
    this.finish('legal_meeting_proxies', [
      `holder_owner_id IS NOT NULL OR holder_name IS NOT NULL`,
      `holder_owner_id IS NULL OR holder_owner_id <> grantor_owner_id`,
    ])

    this.schema.createTable('legal_resolutions', (t) => {
      this.base(t)
      t.uuid('meeting_id').notNullable()
      t.uuid('agenda_item_id').notNullable()
      t.string('majority', 20).notNullable()
      t.string('status', 20).notNullable().defaultTo('open')
      t.jsonb('result').nullable()
      t.boolean('adopted').nullable()
      t.timestamp('opened_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.timestamp('closed_at', { useTz: true }).nullable()
      this.stamps(t)
      t.unique(['organisation_id', 'agenda_item_id'])
      t.index(['organisation_id', 'meeting_id'])
      this.fk(t, 'meeting_id', 'legal_meetings')
      this.fk(t, 'agenda_item_id', 'legal_agenda_items')
    })
    this.finish('legal_resolutions', [`status IN ('open','closed')`])

    // The vote ledger: append-only for the app role, each receipt chained to the previous one.
    this.schema.createTable('legal_votes', (t) => {
      this.base(t)
      t.uuid('meeting_id').notNullable()
      t.uuid('resolution_id').notNullable()
      t.integer('seq').notNullable()
      t.uuid('unit_id').notNullable()
      t.uuid('owner_id').notNullable()
      t.uuid('cast_by_owner_id').nullable()
      t.uuid('recorded_by').nullable()
      t.string('channel', 10).notNullable()
      t.string('choice', 10).notNullable()
      t.integer('votes').notNullable()
      t.timestamp('cast_at', { useTz: true }).notNullable()
      t.string('previous_receipt', 64).notNullable()
      t.string('receipt', 64).notNullable()
      t.unique(['organisation_id', 'resolution_id', 'unit_id'])
      t.unique(['organisation_id', 'meeting_id', 'seq'])
      this.fk(t, 'meeting_id', 'legal_meetings')
      this.fk(t, 'resolution_id', 'legal_resolutions')
      this.fk(t, 'unit_id', 'units', 'RESTRICT')
      this.fk(t, 'owner_id', 'owners', 'RESTRICT')
    })
    this.finish('legal_votes', [
      `choice IN ('yes','no','abstain')`,
      `channel IN ('room','remote')`,
      `votes >= 0`,
    ])
    this.schema.raw(appendOnlySql('legal_votes'))

    this.schema.createTable('legal_meeting_notices', (t) => {
      this.base(t)
      t.uuid('meeting_id').notNullable()
      t.uuid('owner_id').notNullable()
      t.string('kind', 20).notNullable()
      t.string('channel', 20).notNullable()
      t.string('locale', 2).notNullable()
      t.string('status', 20).notNullable()
      t.string('email', 254).nullable()
      t.text('error').nullable()
      t.timestamp('sent_at', { useTz: true }).nullable()
      t.timestamp('printed_at', { useTz: true }).nullable()
      this.stamps(t)
      t.unique(['organisation_id', 'meeting_id', 'owner_id', 'kind'])
      this.fk(t, 'meeting_id', 'legal_meetings')
      this.fk(t, 'owner_id', 'owners', 'RESTRICT')
    })
    this.finish('legal_meeting_notices', [
      `kind IN ('convocation','reminder','minutes')`,
      `channel IN ('email','registered_letter')`,
      `status IN ('queued','sent','to_print','printed','failed')`,
    ])

    this.schema.createTable('legal_council_members', (t) => {
      this.base(t)
      t.uuid('building_id').notNullable()
      t.uuid('owner_id').notNullable()
      t.string('role', 20).notNullable().defaultTo('member')
      t.date('mandate_start').notNullable()
      t.date('mandate_end').nullable()
      this.stamps(t)
      t.index(['organisation_id', 'building_id'])
      this.fk(t, 'building_id', 'buildings')
      this.fk(t, 'owner_id', 'owners', 'RESTRICT')
    })
    this.finish('legal_council_members', [
      `role IN ('president','member','auditor')`,
      `mandate_end IS NULL OR mandate_end >= mandate_start`,
    ])
  }

  async down() {
    for (const table of [
      'legal_council_members',
      'legal_meeting_notices',
      'legal_votes',
      'legal_resolutions',
      'legal_meeting_proxies',
      'legal_meeting_attendance',
      'legal_agenda_item_documents',
      'legal_agenda_items',
      'legal_meeting_requests',
      'legal_meetings',
    ]) {
      this.schema.raw(`DROP TABLE IF EXISTS ${table} CASCADE`)
    }
  }
}
