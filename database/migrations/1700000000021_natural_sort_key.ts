import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * `natural_sort_key(text)`: a sort key with the order of the `natural_sort` collation
 * ("Bloc 2" before "Bloc 10", case-insensitive) for engines without ICU. Digit runs
 * become their length (3 digits) followed by the digits without leading zeros, so
 * numbers compare by value; other runs are lower-cased without accents. The embedded
 * database (PGlite, no ICU) orders by it instead of the collation
 * (app/embedded/role_switch.ts rewrites `x COLLATE natural_sort` to `natural_sort_key(x)`).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION natural_sort_key(value text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(string_agg(
          CASE WHEN m.part[1] ~ '^[0-9]'
            THEN lpad(length(coalesce(nullif(ltrim(m.part[1], '0'), ''), '0'))::text, 3, '0')
                 || coalesce(nullif(ltrim(m.part[1], '0'), ''), '0')
            ELSE translate(lower(m.part[1]), 'àáâãäåçèéêëìíîïñòóôõöùúûüýÿ', 'aaaaaaceeeeiiiinooooouuuuyy') END,
          '' ORDER BY m.n), '') COLLATE "C"
        FROM regexp_matches(value, '([0-9]+|[^0-9]+)', 'g') WITH ORDINALITY AS m(part, n)
      $$
    `)
  }

  async down() {
    this.schema.raw('DROP FUNCTION IF EXISTS natural_sort_key(text)')
  }
}
