import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantPolicySql } from '#database/rls'

/*
| Indexes that RLS-protected queries can actually use (issue 6 performance targets):
| the skills search (below) and resource availability (at the end).
|
| Under row-level security PostgreSQL only uses an index for a condition whose operator
| is LEAKPROOF (otherwise it could leak other tenants' rows before the policy filters
| them). `@@` (full text), `%` and LIKE (pg_trgm) are not leakproof, so the GIN indexes
| of 1704000000001 are never used for the app role: every search read all of the
| organisation's skills (50,000 rows ≈ 20–30 ms). Btree comparisons on text and uuid
| ARE leakproof, hence:
|
| - community_skill_terms: one row per (skill, lexeme of its French+Dutch tsvector),
|   keyed (organisation_id, term, skill_id) with the ranking and filter columns in the
|   index (INCLUDE), so a prefix search is one index-only range scan per lexeme;
|   `weight` is ts_rank(search_vector, that lexeme), so summing the weights of the
|   matched lexemes gives exactly ts_rank's score for an OR of prefix terms;
| - community_skill_vocabulary: the organisation's distinct non-numeric lexemes, small,
|   for the typo-tolerant fallback (trigram similarity over words, not over rows).
|
| Both are derived data, kept in step by statement-level triggers on community_skills
| (set-based, so bulk inserts stay fast) and by the FK cascade on delete. A vocabulary
| word goes when its last posting goes (erasure must not leave words of a person).
*/
/** ts_rank of a skill's tsvector `n.search_vector` against one of its lexemes `l.lexeme`. */
const LEXEME_RANK = `ts_rank(n.search_vector, ('''' || replace(replace(l.lexeme, '\\', '\\\\'), '''', '''''') || '''')::tsquery)`

export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE community_skill_terms (
        organisation_id uuid NOT NULL,
        term text COLLATE "C" NOT NULL,
        skill_id uuid NOT NULL,
        owner_id uuid NOT NULL,
        weight real NOT NULL,
        name varchar(200) NOT NULL,
        category varchar(20) NOT NULL,
        level varchar(20) NOT NULL,
        available boolean NOT NULL,
        CONSTRAINT community_skill_terms_pkey PRIMARY KEY (organisation_id, term, skill_id)
          INCLUDE (owner_id, weight, name, category, level, available),
        CONSTRAINT community_skill_terms_skill_fk FOREIGN KEY (organisation_id, skill_id)
          REFERENCES community_skills (organisation_id, id) ON DELETE CASCADE
      )
    `)
    this.schema.raw(
      `CREATE INDEX community_skill_terms_skill_idx ON community_skill_terms (organisation_id, skill_id)`
    )
    for (const sql of tenantPolicySql('community_skill_terms')) this.schema.raw(sql)

    this.schema.raw(`
      CREATE TABLE community_skill_vocabulary (
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        term text COLLATE "C" NOT NULL,
        PRIMARY KEY (organisation_id, term)
      )
    `)
    for (const sql of tenantPolicySql('community_skill_vocabulary')) this.schema.raw(sql)

    // Postings and vocabulary of the statement's new or changed skill rows. `weight` is
    // ts_rank against the lexeme alone (quoted for the tsquery parser). Lexemes longer
    // than 100 characters are not indexed (no one searches them, and a btree entry must
    // stay under ~2.7 kB). Vocabulary rows are inserted in key order, so two concurrent
    // inserts of the same new words wait on each other instead of deadlocking.
    const postings = (from: string) => `
      INSERT INTO community_skill_terms (organisation_id, term, skill_id, owner_id, weight, name, category, level, available)
        SELECT n.organisation_id, l.lexeme, n.id, n.owner_id, ${LEXEME_RANK}, n.name, n.category, n.level, n.available
          FROM ${from} n CROSS JOIN LATERAL unnest(n.search_vector) AS l
         WHERE length(l.lexeme) <= 100;
      INSERT INTO community_skill_vocabulary (organisation_id, term)
        SELECT DISTINCT n.organisation_id, l.lexeme
          FROM ${from} n CROSS JOIN LATERAL unnest(n.search_vector) AS l
         WHERE l.lexeme !~ '^[0-9]+$' AND length(l.lexeme) <= 100
         ORDER BY 1, 2
        ON CONFLICT DO NOTHING;`
    // Only rows whose searchable or filterable columns changed (not updated_at alone).
    const changed = `(SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (o.search_vector, o.owner_id, o.name, o.category, o.level, o.available)
             IS DISTINCT FROM (n.search_vector, n.owner_id, n.name, n.category, n.level, n.available))`
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION community_skill_terms_sync() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          DELETE FROM community_skill_terms t USING ${changed} c
           WHERE t.organisation_id = c.organisation_id AND t.skill_id = c.id;
          ${postings(changed)}
        ELSE
          ${postings('new_rows')}
        END IF;
        RETURN NULL;
      END $$
    `)
    this.schema.raw(`
      CREATE TRIGGER community_skills_terms_insert AFTER INSERT ON community_skills
      REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION community_skill_terms_sync()
    `)
    this.schema.raw(`
      CREATE TRIGGER community_skills_terms_update AFTER UPDATE ON community_skills
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION community_skill_terms_sync()
    `)

    // A word leaves the vocabulary with its last posting (skill deleted or renamed); rows
    // locked in key order (no deadlock between two concurrent prunes).
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION community_skill_vocabulary_prune() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM community_skill_vocabulary v
         WHERE (v.organisation_id, v.term) IN (
           SELECT x.organisation_id, x.term FROM community_skill_vocabulary x
             JOIN (SELECT DISTINCT organisation_id, term FROM gone) g
               ON g.organisation_id = x.organisation_id AND g.term = x.term
            WHERE NOT EXISTS (SELECT 1 FROM community_skill_terms t
                               WHERE t.organisation_id = x.organisation_id AND t.term = x.term)
            ORDER BY x.organisation_id, x.term
            FOR UPDATE OF x);
        RETURN NULL;
      END $$
    `)
    this.schema.raw(`
      CREATE TRIGGER community_skill_terms_prune AFTER DELETE ON community_skill_terms
      REFERENCING OLD TABLE AS gone
      FOR EACH STATEMENT EXECUTE FUNCTION community_skill_vocabulary_prune()
    `)

    // Existing skills, one organisation at a time (FORCE RLS filters even the owner
    // unless it is a superuser; the policy needs the tenant id).
    this.schema.raw(`
      DO $$
      DECLARE org uuid;
      BEGIN
        FOR org IN SELECT id FROM organisations LOOP
          PERFORM set_config('app.tenant_id', org::text, true);
          ${postings('(SELECT * FROM community_skills WHERE organisation_id = org)')}
        END LOOP;
        PERFORM set_config('app.tenant_id', '', true);
      END $$
    `)

    // Unusable under RLS (see above) and costly on every write.
    this.schema.raw('DROP INDEX IF EXISTS community_skills_search_idx')
    this.schema.raw('DROP INDEX IF EXISTS community_skills_trgm_idx')

    // Availability (same RLS rule): `tstzrange && tstzrange` is not leakproof, so the
    // exclusion constraint's GiST index only narrowed to the resource. Plain timestamp
    // comparisons are leakproof: active bookings of a resource ending after `from`,
    // covering, read index-only.
    this.schema.raw(`
      CREATE INDEX community_bookings_active_ends_idx
        ON community_bookings (organisation_id, resource_id, ends_at) INCLUDE (starts_at, status)
        WHERE status IN ('pending', 'confirmed', 'checked_in')
    `)
  }

  async down() {
    this.schema.raw('DROP INDEX IF EXISTS community_bookings_active_ends_idx')
    this.schema.raw('DROP TRIGGER IF EXISTS community_skills_terms_insert ON community_skills')
    this.schema.raw('DROP TRIGGER IF EXISTS community_skills_terms_update ON community_skills')
    this.schema.raw('DROP TABLE IF EXISTS community_skill_vocabulary')
    this.schema.raw('DROP TABLE IF EXISTS community_skill_terms')
    this.schema.raw('DROP FUNCTION IF EXISTS community_skill_vocabulary_prune()')
    this.schema.raw('DROP FUNCTION IF EXISTS community_skill_terms_sync()')
    this.schema.raw(
      `CREATE INDEX IF NOT EXISTS community_skills_search_idx ON community_skills USING gin (search_vector)`
    )
    this.schema.raw(
      `CREATE INDEX IF NOT EXISTS community_skills_trgm_idx ON community_skills USING gin ((community_unaccent(lower(name))) gin_trgm_ops)`
    )
  }
}
