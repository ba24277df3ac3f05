import { BaseSchema } from '@adonisjs/lucid/schema'

/** Global tables (no RLS): organisations, users, memberships, access tokens. */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('organisations', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      t.string('name', 200).notNullable()
      t.string('slug', 63).notNullable().unique()
      t.string('vat_number', 20).nullable()
      t.jsonb('address').nullable()
      t.string('locale', 2).notNullable().defaultTo('fr')
      t.string('display_name', 200).nullable()
      t.string('primary_color', 7).nullable()
      t.string('logo_url', 500).nullable()
      t.string('contact_email', 254).nullable()
      t.string('contact_phone', 40).nullable()
      t.string('status', 20).notNullable().defaultTo('trialing')
      t.string('plan', 20).nullable()
      t.timestamp('trial_ends_at', { useTz: true }).nullable()
      t.jsonb('settings').notNullable().defaultTo('{}')
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    this.schema.raw(
      `ALTER TABLE organisations ADD CONSTRAINT organisations_status_check CHECK (status IN ('trialing','active','past_due','canceled','suspended'))`
    )

    this.schema.createTable('users', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      t.specificType('email', 'citext').notNullable().unique()
      t.string('password', 255).notNullable()
      t.string('full_name', 200).notNullable()
      t.string('locale', 2).nullable()
      t.boolean('is_superadmin').notNullable().defaultTo(false)
      t.jsonb('notification_preferences').notNullable().defaultTo('{}')
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
    })

    this.schema.createTable('memberships', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      t.uuid('organisation_id')
        .notNullable()
        .references('id')
        .inTable('organisations')
        .onDelete('CASCADE')
      t.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      t.string('role', 20).notNullable()
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.unique(['organisation_id', 'user_id'])
      t.index(['user_id'])
    })
    this.schema.raw(
      `ALTER TABLE memberships ADD CONSTRAINT memberships_role_check CHECK (role IN ('admin','syndic','accountant','board_member','owner','contractor'))`
    )

    this.schema.createTable('auth_access_tokens', (t) => {
      t.increments('id')
      t.uuid('tokenable_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      t.string('type').notNullable()
      t.string('name').nullable()
      t.string('hash').notNullable()
      t.text('abilities').notNullable()
      t.timestamp('created_at', { useTz: true })
      t.timestamp('updated_at', { useTz: true })
      t.timestamp('last_used_at', { useTz: true }).nullable()
      t.timestamp('expires_at', { useTz: true }).nullable()
      t.index(['tokenable_id'])
    })
  }

  async down() {
    this.schema.dropTable('auth_access_tokens')
    this.schema.dropTable('memberships')
    this.schema.dropTable('users')
    this.schema.dropTable('organisations')
  }
}
