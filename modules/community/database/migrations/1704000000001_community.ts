import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantPolicySql } from '#database/rls'

/**
 * Community module tables (polls, notices, skills, bookings). Tenant rules as in core:
 * organisation_id first in every key, RLS forced, composite FKs (organisation_id, id).
 */
export default class extends BaseSchema {
  private base(t: any) {
    t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
    t.uuid('organisation_id')
      .notNullable()
      .references('id')
      .inTable('organisations')
      .onDelete('CASCADE')
  }

  private fk(t: any, column: string, table: string, onDelete = 'CASCADE') {
    t.foreign(['organisation_id', column])
      .references(['organisation_id', 'id'])
      .inTable(table)
      .onDelete(onDelete)
  }

  private rls(table: string) {
    for (const sql of tenantPolicySql(table)) this.schema.raw(sql)
  }

  private check(table: string, name: string, expr: string) {
    this.schema.raw(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_${name} CHECK (${expr})`)
  }

  async up() {
    // unaccent() is only STABLE (it reads a dictionary): a generated column or an index
    // needs an IMMUTABLE wrapper that names the dictionary explicitly.
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION community_unaccent(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
      $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
    `)

    // ------------------------------------------------------------------ polls
    this.schema.createTable('community_polls', (t) => {
      this.base(t)
      t.uuid('building_id').notNullable()
      t.string('question', 500).notNullable()
      t.text('description').nullable()
      t.string('type', 20).notNullable()
      t.boolean('allow_multiple').notNullable().defaultTo(false)
      t.boolean('anonymous').notNullable().defaultTo(false)
      t.string('status', 12).notNullable().defaultTo('draft')
      t.timestamp('starts_at', { useTz: true }).nullable()
      t.timestamp('ends_at', { useTz: true }).notNullable()
      t.uuid('created_by').nullable()
      t.timestamp('published_at', { useTz: true }).nullable()
      t.timestamp('closed_at', { useTz: true }).nullable()
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.unique(['organisation_id', 'id'])
      t.index(['organisation_id', 'building_id', 'status'])
      t.index(['organisation_id', 'status', 'ends_at'])
      this.fk(t, 'building_id', 'buildings')
    })
    this.check(
      'community_polls',
      'type',
      `type IN ('yes_no','multiple_choice','rating','open_ended')`
    )
    this.check('community_polls', 'status', `status IN ('draft','active','closed','cancelled')`)
    this.rls('community_polls')

    this.schema.createTable('community_poll_options', (t) => {
      this.base(t)
      t.uuid('poll_id').notNullable()
      t.string('label', 300).notNullable()
      t.smallint('position').notNullable()
      t.unique(['organisation_id', 'id'])
      t.index(['organisation_id', 'poll_id'])
      this.fk(t, 'poll_id', 'community_polls')
    })
    this.rls('community_poll_options')

    // Who took part (for the one-vote rule), without what they chose.
    this.schema.createTable('community_poll_participations', (t) => {
      t.uuid('organisation_id').notNullable()
      t.uuid('poll_id').notNullable()
      t.uuid('owner_id').notNullable()
      t.primary(['organisation_id', 'poll_id', 'owner_id'])
      this.fk(t, 'poll_id', 'community_polls')
      this.fk(t, 'owner_id', 'owners')
    })
    this.rls('community_poll_participations')

    // What was chosen; owner_id only on non-anonymous polls, no timestamp on anonymous ones
    // (so the ballot cannot be matched to a participation by time).
    this.schema.createTable('community_poll_votes', (t) => {
      this.base(t)
      t.uuid('poll_id').notNullable()
      t.uuid('owner_id').nullable()
      t.specificType('option_ids', 'uuid[]').notNullable().defaultTo('{}')
      t.smallint('rating').nullable()
      t.string('text', 2000).nullable()
      t.timestamp('created_at', { useTz: true }).nullable()
      t.unique(['organisation_id', 'id'])
      t.index(['organisation_id', 'poll_id'])
      this.fk(t, 'poll_id', 'community_polls')
      this.fk(t, 'owner_id', 'owners', 'RESTRICT')
    })
    this.check('community_poll_votes', 'rating', 'rating IS NULL OR rating BETWEEN 1 AND 5')
    this.schema.raw(
      `CREATE UNIQUE INDEX community_poll_votes_owner_unique ON community_poll_votes (organisation_id, poll_id, owner_id) WHERE owner_id IS NOT NULL`
    )
    this.rls('community_poll_votes')

    // ---------------------------------------------------------------- notices
    this.schema.createTable('community_notices', (t) => {
      this.base(t)
      t.uuid('building_id').notNullable()
      t.uuid('author_user_id').nullable()
      t.uuid('author_owner_id').nullable()
      t.string('category', 20).notNullable()
      t.string('title', 200).notNullable()
      t.text('body').notNullable()
      t.string('visibility', 10).notNullable().defaultTo('building')
      t.decimal('price', 14, 2).nullable()
      t.date('event_date').nullable()
      t.timestamp('expires_at', { useTz: true }).nullable()
      t.string('status', 12).notNullable().defaultTo('draft')
      t.boolean('hidden').notNullable().defaultTo(false)
      t.string('hidden_reason', 500).nullable()
      t.uuid('hidden_by').nullable()
      t.timestamp('hidden_at', { useTz: true }).nullable()
      t.timestamp('published_at', { useTz: true }).nullable()
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.unique(['organisation_id', 'id'])
      t.index(['organisation_id', 'building_id', 'status'])
      t.index(['organisation_id', 'author_user_id'])
      t.index(['organisation_id', 'status', 'expires_at'])
      this.fk(t, 'building_id', 'buildings')
      this.fk(t, 'author_owner_id', 'owners', 'RESTRICT')
    })
    this.check(
      'community_notices',
      'category',
      `category IN ('announcement','for_sale','event','lost_found','service')`
    )
    this.check('community_notices', 'visibility', `visibility IN ('building','public')`)
    this.check(
      'community_notices',
      'status',
      `status IN ('draft','published','archived','expired')`
    )
    this.check('community_notices', 'price', `price IS NULL OR price > 0`)
    this.check('community_notices', 'for_sale', `category <> 'for_sale' OR price IS NOT NULL`)
    this.check('community_notices', 'event', `category <> 'event' OR event_date IS NOT NULL`)
    this.rls('community_notices')

    this.schema.createTable('community_notice_comments', (t) => {
      this.base(t)
      t.uuid('notice_id').notNullable()
      t.uuid('parent_id').nullable()
      t.uuid('author_user_id').nullable()
      t.uuid('author_owner_id').nullable()
      t.string('body', 1000).notNullable()
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.unique(['organisation_id', 'id'])
      t.index(['organisation_id', 'notice_id', 'created_at'])
      this.fk(t, 'notice_id', 'community_notices')
      this.fk(t, 'parent_id', 'community_notice_comments')
      this.fk(t, 'author_owner_id', 'owners', 'RESTRICT')
    })
    this.rls('community_notice_comments')

    this.schema.createTable('community_notice_photos', (t) => {
      this.base(t)
      t.uuid('notice_id').notNullable()
      t.uuid('document_id').notNullable()
      t.smallint('position').notNullable().defaultTo(0)
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.unique(['organisation_id', 'id'])
      t.index(['organisation_id', 'notice_id'])
      this.fk(t, 'notice_id', 'community_notices')
      // documents has no (organisation_id, id) key: plain FK, same-tenant checked by RLS on insert.
      t.foreign('document_id').references('id').inTable('documents').onDelete('CASCADE')
    })
    this.rls('community_notice_photos')

    // ----------------------------------------------------------------- skills
    this.schema.createTable('community_skills', (t) => {
      this.base(t)
      t.uuid('owner_id').notNullable()
      t.string('category', 20).notNullable()
      t.string('name', 200).notNullable()
      t.text('description').nullable()
      t.string('level', 20).notNullable()
      t.decimal('hourly_rate', 14, 2).nullable()
      t.boolean('available').notNullable().defaultTo(true)
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.unique(['organisation_id', 'id'])
      t.index(['organisation_id', 'owner_id'])
      t.index(['organisation_id', 'category'])
      this.fk(t, 'owner_id', 'owners')
    })
    this.check(
      'community_skills',
      'category',
      `category IN ('professional','hobby','language','other')`
    )
    this.check(
      'community_skills',
      'level',
      `level IN ('beginner','intermediate','advanced','expert')`
    )
    this.check('community_skills', 'rate', `hourly_rate IS NULL OR hourly_rate >= 0`)
    // French and Dutch stemming over unaccented text; names weigh more than descriptions.
    this.schema.raw(`
      ALTER TABLE community_skills ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('french'::regconfig, community_unaccent(coalesce(name, ''))), 'A') ||
        setweight(to_tsvector('dutch'::regconfig, community_unaccent(coalesce(name, ''))), 'A') ||
        setweight(to_tsvector('french'::regconfig, community_unaccent(coalesce(description, ''))), 'B') ||
        setweight(to_tsvector('dutch'::regconfig, community_unaccent(coalesce(description, ''))), 'B')
      ) STORED
    `)
    this.schema.raw(
      `CREATE INDEX community_skills_search_idx ON community_skills USING gin (search_vector)`
    )
    this.schema.raw(
      `CREATE INDEX community_skills_trgm_idx ON community_skills USING gin ((community_unaccent(lower(name))) gin_trgm_ops)`
    )
    this.rls('community_skills')

    this.schema.createTable('community_skill_endorsements', (t) => {
      this.base(t)
      t.uuid('skill_id').notNullable()
      t.uuid('endorser_owner_id').nullable()
      t.uuid('endorser_user_id').nullable()
      t.string('comment', 1000).nullable()
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.unique(['organisation_id', 'id'])
      t.unique(['organisation_id', 'skill_id', 'endorser_owner_id'])
      this.fk(t, 'skill_id', 'community_skills')
      this.fk(t, 'endorser_owner_id', 'owners', 'RESTRICT')
    })
    this.rls('community_skill_endorsements')

    // --------------------------------------------------------------- bookings
    this.schema.createTable('community_resources', (t) => {
      this.base(t)
      t.uuid('building_id').notNullable()
      t.string('name', 200).notNullable()
      t.string('type', 20).notNullable()
      t.text('description').nullable()
      t.integer('capacity').nullable()
      t.decimal('hourly_rate', 14, 2).nullable()
      t.decimal('daily_rate', 14, 2).nullable()
      t.decimal('deposit_amount', 14, 2).nullable()
      t.boolean('requires_approval').notNullable().defaultTo(false)
      t.integer('max_booking_hours').notNullable().defaultTo(12)
      t.integer('advance_booking_days').notNullable().defaultTo(30)
      t.integer('max_concurrent_bookings').notNullable().defaultTo(2)
      t.jsonb('opening_hours').nullable()
      t.string('ical_token', 64).notNullable().unique()
      t.timestamp('archived_at', { useTz: true }).nullable()
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.unique(['organisation_id', 'id'])
      t.index(['organisation_id', 'building_id', 'type'])
      this.fk(t, 'building_id', 'buildings')
    })
    this.check(
      'community_resources',
      'type',
      `type IN ('room','laundry','parking','guest_room','garden','bbq','equipment','other')`
    )
    this.check(
      'community_resources',
      'limits',
      `max_booking_hours BETWEEN 1 AND 2160 AND advance_booking_days BETWEEN 1 AND 90 AND max_concurrent_bookings BETWEEN 1 AND 50`
    )
    this.check(
      'community_resources',
      'money',
      `coalesce(hourly_rate, 0) >= 0 AND coalesce(daily_rate, 0) >= 0 AND coalesce(deposit_amount, 0) >= 0`
    )
    this.rls('community_resources')

    this.schema.createTable('community_bookings', (t) => {
      this.base(t)
      t.uuid('resource_id').notNullable()
      t.uuid('building_id').notNullable()
      t.uuid('owner_id').nullable()
      t.uuid('booked_by').nullable()
      t.timestamp('starts_at', { useTz: true }).notNullable()
      t.timestamp('ends_at', { useTz: true }).notNullable()
      t.string('status', 12).notNullable()
      t.string('notes', 1000).nullable()
      t.decimal('amount', 14, 2).notNullable().defaultTo(0)
      t.decimal('deposit_amount', 14, 2).notNullable().defaultTo(0)
      t.boolean('deposit_retained').notNullable().defaultTo(false)
      t.string('deposit_retained_reason', 30).nullable()
      t.string('payment_status', 15).notNullable().defaultTo('not_required')
      t.string('checkout_session_id', 255).nullable()
      t.text('checkout_url').nullable()
      t.uuid('decided_by').nullable()
      t.timestamp('decided_at', { useTz: true }).nullable()
      t.string('rejection_reason', 500).nullable()
      t.timestamp('cancelled_at', { useTz: true }).nullable()
      t.timestamp('checked_in_at', { useTz: true }).nullable()
      t.timestamp('checked_out_at', { useTz: true }).nullable()
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.unique(['organisation_id', 'id'])
      t.index(['organisation_id', 'resource_id', 'starts_at'])
      t.index(['organisation_id', 'building_id', 'starts_at'])
      t.index(['organisation_id', 'owner_id', 'status'])
      t.index(['organisation_id', 'status', 'starts_at'])
      this.fk(t, 'resource_id', 'community_resources')
      this.fk(t, 'building_id', 'buildings')
      this.fk(t, 'owner_id', 'owners', 'RESTRICT')
    })
    this.check(
      'community_bookings',
      'status',
      `status IN ('pending','confirmed','checked_in','checked_out','cancelled','rejected','no_show')`
    )
    this.check('community_bookings', 'period', `ends_at > starts_at`)
    this.check(
      'community_bookings',
      'payment',
      `payment_status IN ('not_required','pending','paid')`
    )
    // The no-overlap rule lives in the database: concurrent inserts for the same slot
    // cannot both commit (23P01), whatever the application does.
    this.schema.raw(`
      ALTER TABLE community_bookings ADD CONSTRAINT community_bookings_no_overlap
      EXCLUDE USING gist (
        organisation_id WITH =,
        resource_id WITH =,
        tstzrange(starts_at, ends_at, '[)') WITH &&
      ) WHERE (status IN ('pending','confirmed','checked_in'))
    `)
    this.rls('community_bookings')

    // The iCal feed is fetched by calendar apps without a login: this owner-defined
    // function reveals only the organisation and resource of one exact token.
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION community_ical_resource(p_token text)
      RETURNS TABLE (organisation_id uuid, resource_id uuid)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
      $$ SELECT organisation_id, id FROM community_resources WHERE ical_token = p_token AND archived_at IS NULL $$
    `)
  }

  async down() {
    this.schema.raw('DROP FUNCTION IF EXISTS community_ical_resource(text)')
    for (const t of [
      'community_bookings',
      'community_resources',
      'community_skill_endorsements',
      'community_skills',
      'community_notice_photos',
      'community_notice_comments',
      'community_notices',
      'community_poll_votes',
      'community_poll_participations',
      'community_poll_options',
      'community_polls',
    ]) {
      this.schema.dropTableIfExists(t)
    }
    this.schema.raw('DROP FUNCTION IF EXISTS community_unaccent(text)')
  }
}
