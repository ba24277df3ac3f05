import { BaseSchema } from '@adonisjs/lucid/schema'

/** Extensions and the tenant-id function every RLS policy uses. */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('CREATE EXTENSION IF NOT EXISTS citext')
    this.schema.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    this.schema.raw('CREATE EXTENSION IF NOT EXISTS unaccent')
    this.schema.raw('CREATE EXTENSION IF NOT EXISTS btree_gist')
    // '' after a transaction-local set_config ends, NULL when never set: both mean "no tenant".
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION app_current_tenant() RETURNS uuid
      LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$
    `)
  }

  async down() {
    this.schema.raw('DROP FUNCTION IF EXISTS app_current_tenant()')
  }
}
