import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * `natural_sort`: an ICU collation with numeric ordering, so unit numbers sort as
 * people expect (2 before 10, A2 before A10). Where ICU is missing (embedded engines)
 * it falls back to "C" so queries using it still run.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'natural_sort') THEN
          BEGIN
            CREATE COLLATION natural_sort (provider = icu, locale = 'und-u-kn-true');
          EXCEPTION WHEN others THEN
            CREATE COLLATION natural_sort FROM "C";
          END;
        END IF;
      END $$
    `)
  }

  async down() {
    this.schema.raw('DROP COLLATION IF EXISTS natural_sort')
  }
}
