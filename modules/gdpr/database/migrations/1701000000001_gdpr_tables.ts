import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantPolicySql } from '#database/rls'

/**
 * Tables of the gdpr module.
 * - gdpr_preferences, gdpr_email_changes: global (per person, like `users`), no RLS.
 * - gdpr_requests, gdpr_processing_activities, gdpr_incidents: tenant tables (RLS forced).
 * - gdpr_redact_audit_logs(): the one controlled exception to the append-only audit log.
 */
export default class extends BaseSchema {
  private orgColumn(t: any) {
    t.uuid('organisation_id')
      .notNullable()
      .references('id')
      .inTable('organisations')
      .onDelete('CASCADE')
  }

  private rls(table: string) {
    for (const sql of tenantPolicySql(table)) this.schema.raw(sql)
  }

  async up() {
    // Art. 18 / Art. 21 choices are the person's, whatever organisation they deal with.
    this.schema.createTable('gdpr_preferences', (t) => {
      t.uuid('user_id').primary().references('id').inTable('users').onDelete('CASCADE')
      t.boolean('processing_restricted').notNullable().defaultTo(false)
      t.string('restriction_reason', 1000).nullable()
      t.timestamp('restricted_at', { useTz: true }).nullable()
      t.boolean('marketing_opt_in').notNullable().defaultTo(false)
      t.timestamp('marketing_updated_at', { useTz: true }).nullable()
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
    })

    // Art. 16 e-mail change: the new address applies only once its owner clicks the link.
    this.schema.createTable('gdpr_email_changes', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      t.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      t.specificType('new_email', 'citext').notNullable()
      t.string('token_hash', 64).notNullable().unique()
      t.timestamp('expires_at', { useTz: true }).notNullable()
      t.timestamp('confirmed_at', { useTz: true }).nullable()
      t.timestamp('cancelled_at', { useTz: true }).nullable()
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.index(['user_id'])
    })

    this.schema.createTable('gdpr_requests', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      this.orgColumn(t)
      // Kept after erasure: the id then points to the anonymised account (pseudonymous).
      t.uuid('user_id').nullable()
      t.string('type', 30).notNullable()
      t.string('status', 20).notNullable()
      t.jsonb('details').notNullable().defaultTo('{}')
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.index(['organisation_id', 'created_at'])
      t.index(['organisation_id', 'type'])
      t.index(['organisation_id', 'user_id'])
    })
    this.schema.raw(
      `ALTER TABLE gdpr_requests ADD CONSTRAINT gdpr_requests_type_check CHECK (type IN ('export','erase_check','erase','rectify','email_confirm','restrict','unrestrict','marketing_preference'))`
    )
    this.schema.raw(
      `ALTER TABLE gdpr_requests ADD CONSTRAINT gdpr_requests_status_check CHECK (status IN ('completed','refused','pending'))`
    )
    this.rls('gdpr_requests')

    this.schema.createTable('gdpr_processing_activities', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      this.orgColumn(t)
      t.string('code', 60).nullable()
      t.string('title', 200).notNullable()
      t.text('purpose').notNullable()
      t.string('legal_basis', 30).notNullable()
      t.jsonb('data_subjects').notNullable().defaultTo('[]')
      t.jsonb('data_categories').notNullable().defaultTo('[]')
      t.jsonb('recipients').notNullable().defaultTo('[]')
      t.string('retention', 500).notNullable()
      t.boolean('transfers_outside_eea').notNullable().defaultTo(false)
      t.text('security_measures').nullable()
      t.boolean('is_standard').notNullable().defaultTo(false)
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.unique(['organisation_id', 'id'])
      t.unique(['organisation_id', 'code'])
      t.index(['organisation_id', 'title'])
    })
    this.schema.raw(
      `ALTER TABLE gdpr_processing_activities ADD CONSTRAINT gdpr_pa_basis_check CHECK (legal_basis IN ('consent','contract','legal_obligation','vital_interests','public_task','legitimate_interests'))`
    )
    this.rls('gdpr_processing_activities')

    this.schema.createTable('gdpr_incidents', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      this.orgColumn(t)
      t.string('title', 200).notNullable()
      t.text('description').notNullable()
      t.timestamp('detected_at', { useTz: true }).notNullable()
      t.timestamp('occurred_at', { useTz: true }).nullable()
      t.string('severity', 10).notNullable().defaultTo('medium')
      t.string('status', 20).notNullable().defaultTo('open')
      t.jsonb('data_categories').notNullable().defaultTo('[]')
      t.integer('affected_subjects').nullable()
      t.text('consequences').nullable()
      t.text('measures').nullable()
      t.boolean('notification_required').notNullable().defaultTo(true)
      t.timestamp('authority_notified_at', { useTz: true }).nullable()
      t.string('authority_reference', 100).nullable()
      t.timestamp('subjects_notified_at', { useTz: true }).nullable()
      t.timestamp('closed_at', { useTz: true }).nullable()
      t.uuid('reported_by').nullable()
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.unique(['organisation_id', 'id'])
      t.index(['organisation_id', 'detected_at'])
    })
    this.schema.raw(
      `ALTER TABLE gdpr_incidents ADD CONSTRAINT gdpr_incidents_status_check CHECK (status IN ('open','investigating','notified','closed'))`
    )
    this.schema.raw(
      `ALTER TABLE gdpr_incidents ADD CONSTRAINT gdpr_incidents_severity_check CHECK (severity IN ('low','medium','high'))`
    )
    this.rls('gdpr_incidents')

    /*
    | Erasure vs. the append-only audit log: the entries stay (who did what, when — kept 7
    | years), but personal VALUES written into their metadata (an invited e-mail, a failed
    | login's e-mail) are replaced by "[erased]", and the ip/user agent of the erased
    | person's own entries are cleared. Only this owner-defined function may do it, only
    | in the current tenant (plus platform-level rows about the person), never deletes.
    */
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION gdpr_redact_audit_logs(p_user uuid, p_patterns text[], p_platform boolean)
      RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        n integer := 0;
        pat text;
        m integer;
      BEGIN
        UPDATE audit_logs SET ip = NULL, user_agent = NULL
          WHERE actor_id = p_user
            AND (ip IS NOT NULL OR user_agent IS NOT NULL)
            AND ((NOT p_platform AND organisation_id = app_current_tenant())
              OR (p_platform AND organisation_id IS NULL));
        GET DIAGNOSTICS m = ROW_COUNT; n := n + m;
        FOREACH pat IN ARRAY p_patterns LOOP
          UPDATE audit_logs
            SET metadata = regexp_replace(metadata::text, pat, '[erased]', 'gi')::jsonb
            WHERE metadata::text ~* pat
              AND ((NOT p_platform AND organisation_id = app_current_tenant())
                OR (p_platform AND organisation_id IS NULL));
          GET DIAGNOSTICS m = ROW_COUNT; n := n + m;
        END LOOP;
        RETURN n;
      END $$
    `)
  }

  async down() {
    this.schema.raw('DROP FUNCTION IF EXISTS gdpr_redact_audit_logs(uuid, text[], boolean)')
    for (const t of [
      'gdpr_incidents',
      'gdpr_processing_activities',
      'gdpr_requests',
      'gdpr_email_changes',
      'gdpr_preferences',
    ]) {
      this.schema.dropTableIfExists(t)
    }
  }
}
