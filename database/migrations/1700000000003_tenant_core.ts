import { BaseSchema } from '@adonisjs/lucid/schema'
import { appendOnlySql, tenantPolicySql } from '#database/rls'

/**
 * Tenant tables of the core. Each has organisation_id first in its keys, RLS forced,
 * and composite foreign keys (organisation_id, id) so a row cannot point into
 * another organisation.
 */
export default class extends BaseSchema {
  private orgColumn(t: any) {
    t.uuid('organisation_id')
      .notNullable()
      .references('id')
      .inTable('organisations')
      .onDelete('CASCADE')
  }

  private rls(table: string, opts?: { allowNullOrganisation?: boolean }) {
    for (const sql of tenantPolicySql(table, opts)) this.schema.raw(sql)
  }

  async up() {
    this.schema.createTable('organisation_modules', (t) => {
      this.orgColumn(t)
      t.string('module_key', 40).notNullable()
      t.boolean('enabled').notNullable().defaultTo(true)
      t.string('source', 10).notNullable().defaultTo('trial')
      t.jsonb('settings').notNullable().defaultTo('{}')
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.primary(['organisation_id', 'module_key'])
    })
    this.schema.raw(
      `ALTER TABLE organisation_modules ADD CONSTRAINT organisation_modules_source_check CHECK (source IN ('plan','manual','trial'))`
    )
    this.rls('organisation_modules')

    this.schema.createTable('invitations', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      this.orgColumn(t)
      t.specificType('email', 'citext').notNullable()
      t.string('role', 20).notNullable()
      t.uuid('owner_id').nullable()
      t.string('token_hash', 64).notNullable().unique()
      t.uuid('invited_by').nullable().references('id').inTable('users').onDelete('SET NULL')
      t.timestamp('expires_at', { useTz: true }).notNullable()
      t.timestamp('accepted_at', { useTz: true }).nullable()
      t.timestamp('revoked_at', { useTz: true }).nullable()
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.index(['organisation_id', 'email'])
    })
    this.rls('invitations')
    // Accepting an invitation happens before any tenant is known: this owner-defined
    // function reveals only the organisation of one exact token hash.
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION app_invitation_organisation(p_token_hash text) RETURNS uuid
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
      $$ SELECT organisation_id FROM invitations WHERE token_hash = p_token_hash $$
    `)

    this.schema.createTable('audit_logs', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      t.uuid('organisation_id')
        .nullable()
        .references('id')
        .inTable('organisations')
        .onDelete('CASCADE')
      t.uuid('actor_id').nullable()
      t.string('action', 80).notNullable()
      t.string('subject_type', 60).nullable()
      t.string('subject_id', 64).nullable()
      t.string('ip', 64).nullable()
      t.string('user_agent', 500).nullable()
      t.jsonb('metadata').notNullable().defaultTo('{}')
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.index(['organisation_id', 'created_at'])
      t.index(['organisation_id', 'action'])
    })
    this.rls('audit_logs', { allowNullOrganisation: true })
    this.schema.raw(appendOnlySql('audit_logs'))

    this.schema.createTable('notifications', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      this.orgColumn(t)
      t.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      t.string('type', 80).notNullable()
      t.string('title', 300).notNullable()
      t.text('body').nullable()
      t.string('url', 500).nullable()
      t.jsonb('data').notNullable().defaultTo('{}')
      t.timestamp('read_at', { useTz: true }).nullable()
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.index(['organisation_id', 'user_id', 'read_at'])
    })
    this.rls('notifications')

    this.schema.createTable('documents', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      this.orgColumn(t)
      t.uuid('building_id').nullable()
      t.string('name', 255).notNullable()
      t.string('storage_key', 500).notNullable()
      t.string('mime_type', 100).notNullable()
      t.bigInteger('size').notNullable()
      t.string('checksum', 64).notNullable()
      t.uuid('uploaded_by').nullable()
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.index(['organisation_id', 'building_id'])
    })
    this.rls('documents')

    this.schema.createTable('buildings', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      this.orgColumn(t)
      t.string('name', 200).notNullable()
      t.string('street', 200).notNullable()
      t.string('postal_code', 10).notNullable()
      t.string('city', 100).notNullable()
      t.string('country', 2).notNullable().defaultTo('BE')
      t.integer('total_quota').notNullable().defaultTo(1000)
      t.integer('construction_year').nullable()
      t.string('enterprise_number', 20).nullable()
      t.integer('fiscal_year_start_month').notNullable().defaultTo(1)
      t.timestamp('archived_at', { useTz: true }).nullable()
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.unique(['organisation_id', 'id'])
      t.index(['organisation_id', 'name'])
    })
    this.schema.raw(
      `ALTER TABLE buildings ADD CONSTRAINT buildings_total_quota_check CHECK (total_quota > 0 AND total_quota <= 100000)`
    )
    this.schema.raw(
      `ALTER TABLE buildings ADD CONSTRAINT buildings_fy_month_check CHECK (fiscal_year_start_month BETWEEN 1 AND 12)`
    )
    this.rls('buildings')
    this.schema.raw(
      `ALTER TABLE documents ADD CONSTRAINT documents_building_fk FOREIGN KEY (organisation_id, building_id) REFERENCES buildings (organisation_id, id) ON DELETE CASCADE`
    )

    this.schema.createTable('units', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      this.orgColumn(t)
      t.uuid('building_id').notNullable()
      t.string('number', 30).notNullable()
      t.string('type', 20).notNullable()
      t.string('floor', 10).nullable()
      t.decimal('area', 10, 2).nullable()
      t.integer('quota').notNullable()
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.unique(['organisation_id', 'id'])
      t.unique(['organisation_id', 'building_id', 'number'])
      t.foreign(['organisation_id', 'building_id'])
        .references(['organisation_id', 'id'])
        .inTable('buildings')
        .onDelete('RESTRICT')
    })
    this.schema.raw(
      `ALTER TABLE units ADD CONSTRAINT units_quota_check CHECK (quota > 0 AND quota <= 10000)`
    )
    this.schema.raw(
      `ALTER TABLE units ADD CONSTRAINT units_type_check CHECK (type IN ('apartment','house','commercial','office','parking','cellar','storage','other'))`
    )
    this.rls('units')

    this.schema.createTable('owners', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      this.orgColumn(t)
      t.string('kind', 10).notNullable()
      t.string('first_name', 100).nullable()
      t.string('last_name', 100).nullable()
      t.string('company_name', 200).nullable()
      t.specificType('email', 'citext').notNullable()
      t.string('phone', 40).nullable()
      t.jsonb('address').nullable()
      t.string('locale', 2).nullable()
      t.string('iban', 34).nullable()
      t.uuid('user_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      t.boolean('accepts_electronic_notices').notNullable().defaultTo(false)
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.unique(['organisation_id', 'id'])
      t.unique(['organisation_id', 'email'])
      t.index(['organisation_id', 'user_id'])
    })
    this.schema.raw(
      `ALTER TABLE owners ADD CONSTRAINT owners_kind_check CHECK (kind IN ('person','company'))`
    )
    this.rls('owners')
    this.schema.raw(
      `ALTER TABLE invitations ADD CONSTRAINT invitations_owner_fk FOREIGN KEY (organisation_id, owner_id) REFERENCES owners (organisation_id, id) ON DELETE CASCADE`
    )

    this.schema.createTable('unit_owners', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      this.orgColumn(t)
      t.uuid('unit_id').notNullable()
      t.uuid('owner_id').notNullable()
      t.decimal('percentage', 5, 2).notNullable()
      t.date('start_date').notNullable().defaultTo(this.raw('CURRENT_DATE'))
      t.date('end_date').nullable()
      t.boolean('is_primary_contact').notNullable().defaultTo(false)
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.unique(['organisation_id', 'id'])
      t.index(['organisation_id', 'unit_id'])
      t.index(['organisation_id', 'owner_id'])
      t.foreign(['organisation_id', 'unit_id'])
        .references(['organisation_id', 'id'])
        .inTable('units')
        .onDelete('CASCADE')
      t.foreign(['organisation_id', 'owner_id'])
        .references(['organisation_id', 'id'])
        .inTable('owners')
        .onDelete('RESTRICT')
    })
    this.schema.raw(
      `ALTER TABLE unit_owners ADD CONSTRAINT unit_owners_percentage_check CHECK (percentage > 0 AND percentage <= 100)`
    )
    this.schema.raw(
      `ALTER TABLE unit_owners ADD CONSTRAINT unit_owners_dates_check CHECK (end_date IS NULL OR end_date >= start_date)`
    )
    this.rls('unit_owners')
  }

  async down() {
    for (const t of [
      'unit_owners',
      'owners',
      'units',
      'buildings',
      'documents',
      'notifications',
      'audit_logs',
      'invitations',
      'organisation_modules',
    ]) {
      this.schema.dropTableIfExists(t)
    }
    this.schema.raw('DROP FUNCTION IF EXISTS app_invitation_organisation(text)')
  }
}
