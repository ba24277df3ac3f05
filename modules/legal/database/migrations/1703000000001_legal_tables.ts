import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantPolicySql } from '#database/rls'

/*
| Tables of the legal module (part 1): état daté (+ versions, notary requests),
| registers (disputes, insurance contracts and claims, service contracts), technical
| inspections (+ alerts sent), contractors, tickets, work reports (+ photos). Every
| table: organisation_id first in its keys, RLS forced, composite FKs.
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

  private stamps(t: any) {
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
  }

  /** Only the referencing column is nulled (PostgreSQL 15), never organisation_id. */
  private setNullFk(table: string, column: string, target: string) {
    this.schema.raw(
      `ALTER TABLE ${table} ADD FOREIGN KEY (organisation_id, ${column}) REFERENCES ${target} (organisation_id, id) ON DELETE SET NULL (${column})`
    )
  }

  private fk(t: any, column: string, table: string, onDelete = 'RESTRICT') {
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
    // ------------------------------------------------------------------ registers
    this.schema.createTable('legal_disputes', (t) => {
      this.base(t)
      t.uuid('building_id').notNullable()
      t.string('kind', 20).notNullable()
      t.string('title', 200).notNullable()
      t.text('description').nullable()
      t.string('counterparty', 200).nullable()
      t.uuid('owner_id').nullable()
      t.uuid('unit_id').nullable()
      t.string('court', 200).nullable()
      t.string('case_number', 100).nullable()
      t.decimal('amount_claimed', 14, 2).nullable()
      t.string('status', 20).notNullable().defaultTo('open')
      t.date('opened_on').notNullable()
      t.date('closed_on').nullable()
      this.stamps(t)
      t.unique(['organisation_id', 'id'])
      t.index(['organisation_id', 'building_id', 'status'])
      this.fk(t, 'building_id', 'buildings', 'CASCADE')
      this.fk(t, 'owner_id', 'owners', 'RESTRICT')
    })
    this.setNullFk('legal_disputes', 'unit_id', 'units')
    this.finish('legal_disputes', [
      `kind IN ('dispute','legal_proceeding')`,
      `status IN ('open','settled','closed')`,
      `closed_on IS NULL OR closed_on >= opened_on`,
    ])

    this.schema.createTable('legal_insurance_contracts', (t) => {
      this.base(t)
      t.uuid('building_id').notNullable()
      t.string('insurer', 200).notNullable()
      t.string('policy_number', 100).notNullable()
      t.string('cover', 500).notNullable()
      t.decimal('premium', 14, 2).notNullable()
      t.date('start_date').nullable()
      t.date('renewal_date').notNullable()
      t.string('broker', 200).nullable()
      t.boolean('active').notNullable().defaultTo(true)
      this.stamps(t)
      t.unique(['organisation_id', 'id'])
      t.index(['organisation_id', 'building_id'])
      this.fk(t, 'building_id', 'buildings', 'CASCADE')
    })
    this.finish('legal_insurance_contracts', ['premium >= 0'])

    this.schema.createTable('legal_insurance_claims', (t) => {
      this.base(t)
      t.uuid('building_id').notNullable()
      t.uuid('insurance_contract_id').nullable()
      t.date('claim_date').notNullable()
      t.text('description').notNullable()
      t.decimal('amount', 14, 2).notNullable()
      t.string('status', 20).notNullable().defaultTo('open')
      t.string('reference', 100).nullable()
      this.stamps(t)
      t.unique(['organisation_id', 'id'])
      t.index(['organisation_id', 'building_id', 'claim_date'])
      this.fk(t, 'building_id', 'buildings', 'CASCADE')
    })
    this.setNullFk('legal_insurance_claims', 'insurance_contract_id', 'legal_insurance_contracts')
    this.finish('legal_insurance_claims', [
      `status IN ('open','accepted','rejected','paid','closed')`,
      'amount >= 0',
    ])

    this.schema.createTable('legal_service_contracts', (t) => {
      this.base(t)
      t.uuid('building_id').notNullable()
      t.string('supplier', 200).notNullable()
      t.string('object', 500).notNullable()
      t.date('start_date').notNullable()
      t.date('end_date').nullable()
      t.integer('notice_period_days').nullable()
      t.decimal('amount', 14, 2).notNullable()
      t.string('frequency', 20).notNullable().defaultTo('yearly')
      this.stamps(t)
      t.unique(['organisation_id', 'id'])
      t.index(['organisation_id', 'building_id'])
      this.fk(t, 'building_id', 'buildings', 'CASCADE')
    })
    this.finish('legal_service_contracts', [
      'end_date IS NULL OR end_date >= start_date',
      'amount >= 0',
      'notice_period_days IS NULL OR notice_period_days >= 0',
      `frequency IN ('monthly','quarterly','yearly','one_off')`,
    ])

    // ------------------------------------------------------------------ état daté
    this.schema.createTable('legal_etat_dates', (t) => {
      this.base(t)
      t.uuid('building_id').notNullable()
      t.uuid('unit_id').notNullable()
      t.string('status', 20).notNullable().defaultTo('requested')
      t.string('notary_name', 200).notNullable()
      t.specificType('notary_email', 'citext').notNullable()
      t.string('notary_office', 200).nullable()
      t.string('notary_locale', 2).notNullable().defaultTo('fr')
      t.date('sale_date').nullable()
      t.string('reference', 100).nullable()
      t.string('source', 20).notNullable().defaultTo('staff')
      t.date('request_date').notNullable()
      t.date('due_date').notNullable()
      t.integer('current_version').notNullable().defaultTo(0)
      t.timestamp('generated_at', { useTz: true }).nullable()
      t.string('pdf_storage_key', 500).nullable()
      t.timestamp('delivered_at', { useTz: true }).nullable()
      t.uuid('delivered_by').nullable()
      t.string('delivery_message_id', 300).nullable()
      t.date('valid_until').nullable()
      t.timestamp('expired_at', { useTz: true }).nullable()
      t.timestamp('cancelled_at', { useTz: true }).nullable()
      t.uuid('cancelled_by').nullable()
      t.timestamp('reminder_5_at', { useTz: true }).nullable()
      t.timestamp('reminder_2_at', { useTz: true }).nullable()
      t.timestamp('overdue_notified_at', { useTz: true }).nullable()
      t.uuid('created_by').nullable()
      this.stamps(t)
      t.unique(['organisation_id', 'id'])
      t.index(['organisation_id', 'status', 'due_date'])
      t.index(['organisation_id', 'building_id'])
      this.fk(t, 'building_id', 'buildings', 'RESTRICT')
      this.fk(t, 'unit_id', 'units', 'RESTRICT')
    })
    this.finish('legal_etat_dates', [
      `status IN ('requested','generated','delivered','expired','cancelled')`,
      `source IN ('staff','notary_portal')`,
      `notary_locale IN ('fr','nl','de','en')`,
    ])

    this.schema.createTable('legal_etat_date_versions', (t) => {
      this.base(t)
      t.uuid('etat_date_id').notNullable()
      t.integer('version').notNullable()
      t.jsonb('snapshot').notNullable()
      t.string('pdf_storage_key', 500).notNullable()
      t.uuid('generated_by').nullable()
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.unique(['organisation_id', 'etat_date_id', 'version'])
      this.fk(t, 'etat_date_id', 'legal_etat_dates', 'CASCADE')
    })
    this.finish('legal_etat_date_versions')

    this.schema.createTable('legal_notary_requests', (t) => {
      this.base(t)
      t.string('token_hash', 64).notNullable().unique()
      t.string('status', 20).notNullable().defaultTo('pending_payment')
      t.string('notary_name', 200).notNullable()
      t.string('office', 200).notNullable()
      t.specificType('email', 'citext').notNullable()
      t.string('locale', 2).notNullable().defaultTo('fr')
      t.string('street', 200).notNullable()
      t.string('postal_code', 10).notNullable()
      t.string('city', 100).notNullable()
      t.string('unit_number', 30).notNullable()
      t.date('sale_date').nullable()
      t.string('reference', 100).nullable()
      t.decimal('fee', 14, 2).notNullable()
      t.string('checkout_session_id', 200).nullable()
      t.timestamp('paid_at', { useTz: true }).nullable()
      t.uuid('unit_id').nullable()
      t.uuid('etat_date_id').nullable()
      this.stamps(t)
      t.unique(['organisation_id', 'id'])
      t.index(['organisation_id', 'status'])
    })
    this.setNullFk('legal_notary_requests', 'etat_date_id', 'legal_etat_dates')
    this.setNullFk('legal_notary_requests', 'unit_id', 'units')
    this.finish('legal_notary_requests', [
      `status IN ('pending_payment','queued','unmatched','cancelled')`,
      'fee >= 0',
    ])

    // ------------------------------------------------------------------ inspections
    this.schema.createTable('legal_technical_inspections', (t) => {
      this.base(t)
      t.uuid('building_id').notNullable()
      t.string('type', 20).notNullable()
      t.string('status', 20).notNullable().defaultTo('scheduled')
      t.date('scheduled_date').notNullable()
      t.jsonb('inspector').nullable()
      t.text('notes').nullable()
      t.string('heating_fuel', 10).nullable()
      t.integer('heating_power_kw').nullable()
      t.timestamp('started_at', { useTz: true }).nullable()
      t.timestamp('completed_at', { useTz: true }).nullable()
      t.date('inspection_date').nullable()
      t.string('certificate_number', 100).nullable()
      t.date('valid_until').nullable()
      t.jsonb('defects').notNullable().defaultTo('[]')
      // documents has no (organisation_id, id) key: a plain FK; the service checks the tenant.
      t.uuid('certificate_document_id')
        .nullable()
        .references('id')
        .inTable('documents')
        .onDelete('SET NULL')
      t.timestamp('cancelled_at', { useTz: true }).nullable()
      this.stamps(t)
      t.unique(['organisation_id', 'id'])
      t.index(['organisation_id', 'building_id', 'type'])
      t.index(['organisation_id', 'valid_until'])
      this.fk(t, 'building_id', 'buildings', 'CASCADE')
    })
    this.finish('legal_technical_inspections', [
      `type IN ('electrical','heating','elevator','fire_safety','peb','gas','water','structural')`,
      `status IN ('scheduled','in_progress','passed','failed','cancelled')`,
      `heating_fuel IS NULL OR heating_fuel IN ('gas','oil')`,
    ])

    this.schema.createTable('legal_inspection_alerts', (t) => {
      this.base(t)
      t.uuid('inspection_id').notNullable()
      t.integer('threshold_days').notNullable()
      t.date('valid_until').notNullable()
      t.boolean('notified').notNullable().defaultTo(true)
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      // Once each: per certificate validity (a renewed certificate alerts again).
      t.unique(['organisation_id', 'inspection_id', 'valid_until', 'threshold_days'])
      this.fk(t, 'inspection_id', 'legal_technical_inspections', 'CASCADE')
    })
    this.finish('legal_inspection_alerts')

    // ------------------------------------------------------------------ contractors, tickets, work
    this.schema.createTable('legal_contractors', (t) => {
      this.base(t)
      t.string('name', 200).notNullable()
      t.string('contact_name', 200).nullable()
      t.specificType('email', 'citext').notNullable()
      t.string('phone', 40).nullable()
      t.string('vat_number', 20).nullable()
      t.string('trade', 60).nullable()
      t.uuid('user_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      t.boolean('active').notNullable().defaultTo(true)
      this.stamps(t)
      t.unique(['organisation_id', 'id'])
      t.unique(['organisation_id', 'email'])
      t.index(['organisation_id', 'user_id'])
    })
    this.finish('legal_contractors')

    this.schema.createTable('legal_tickets', (t) => {
      this.base(t)
      t.uuid('building_id').notNullable()
      t.uuid('unit_id').nullable()
      t.uuid('reporter_user_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      t.string('title', 200).notNullable()
      t.text('description').notNullable()
      t.string('category', 30).notNullable()
      t.string('priority', 10).notNullable().defaultTo('normal')
      t.string('status', 20).notNullable().defaultTo('open')
      t.uuid('contractor_id').nullable()
      t.timestamp('assigned_at', { useTz: true }).nullable()
      t.timestamp('started_at', { useTz: true }).nullable()
      t.timestamp('resolved_at', { useTz: true }).nullable()
      t.timestamp('closed_at', { useTz: true }).nullable()
      this.stamps(t)
      t.unique(['organisation_id', 'id'])
      t.index(['organisation_id', 'building_id', 'status'])
      t.index(['organisation_id', 'contractor_id'])
      t.index(['organisation_id', 'reporter_user_id'])
      this.fk(t, 'building_id', 'buildings', 'CASCADE')
      this.fk(t, 'contractor_id', 'legal_contractors', 'RESTRICT')
    })
    this.setNullFk('legal_tickets', 'unit_id', 'units')
    this.finish('legal_tickets', [
      `status IN ('open','assigned','in_progress','resolved','closed')`,
      `priority IN ('low','normal','high','urgent')`,
      `category IN ('plumbing','electrical','heating','elevator','roof','facade','common_areas','security','cleaning','other')`,
    ])

    this.schema.createTable('legal_work_reports', (t) => {
      this.base(t)
      t.uuid('building_id').notNullable()
      t.uuid('contractor_id').notNullable()
      t.uuid('ticket_id').nullable()
      t.string('title', 200).notNullable()
      t.text('description').notNullable()
      t.date('work_date').notNullable()
      t.decimal('hours_worked', 8, 2).notNullable()
      t.jsonb('materials').notNullable().defaultTo('[]')
      t.decimal('materials_total', 14, 2).notNullable().defaultTo(0)
      t.string('status', 20).notNullable().defaultTo('draft')
      t.timestamp('submitted_at', { useTz: true }).nullable()
      t.timestamp('approved_at', { useTz: true }).nullable()
      t.uuid('reviewed_by').nullable()
      t.timestamp('rejected_at', { useTz: true }).nullable()
      t.text('rejection_reason').nullable()
      t.uuid('created_by').nullable()
      this.stamps(t)
      t.unique(['organisation_id', 'id'])
      t.index(['organisation_id', 'building_id', 'status'])
      t.index(['organisation_id', 'contractor_id'])
      this.fk(t, 'building_id', 'buildings', 'CASCADE')
      this.fk(t, 'contractor_id', 'legal_contractors', 'RESTRICT')
    })
    this.setNullFk('legal_work_reports', 'ticket_id', 'legal_tickets')
    this.finish('legal_work_reports', [
      `status IN ('draft','submitted','approved','rejected')`,
      'hours_worked >= 0',
    ])

    this.schema.createTable('legal_photos', (t) => {
      this.base(t)
      t.string('subject_type', 20).notNullable()
      t.uuid('subject_id').notNullable()
      t.string('storage_key', 500).notNullable()
      t.string('thumbnail_key', 500).nullable()
      t.string('mime_type', 50).notNullable()
      t.bigInteger('size').notNullable()
      t.string('name', 255).notNullable()
      t.uuid('uploaded_by').nullable()
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.unique(['organisation_id', 'id'])
      t.index(['organisation_id', 'subject_type', 'subject_id'])
    })
    this.finish('legal_photos', [`subject_type IN ('work_report','ticket')`])
  }

  async down() {
    for (const t of [
      'legal_photos',
      'legal_work_reports',
      'legal_tickets',
      'legal_contractors',
      'legal_inspection_alerts',
      'legal_technical_inspections',
      'legal_notary_requests',
      'legal_etat_date_versions',
      'legal_etat_dates',
      'legal_service_contracts',
      'legal_insurance_claims',
      'legal_insurance_contracts',
      'legal_disputes',
    ]) {
      this.schema.dropTableIfExists(t)
    }
  }
}
