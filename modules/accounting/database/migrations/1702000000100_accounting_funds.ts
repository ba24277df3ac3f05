import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantPolicySql } from '#database/rls'

/**
 * Funds half of the accounting module: budgets, calls for funds with their lines per
 * owner and unit, payments and their allocation to lines, reminders, interest rates
 * and the bank account printed on calls. Every table is a tenant table (RLS forced,
 * composite foreign keys on (organisation_id, id)).
 */
export default class extends BaseSchema {
  private org(t: any) {
    t.uuid('organisation_id')
      .notNullable()
      .references('id')
      .inTable('organisations')
      .onDelete('CASCADE')
  }

  private rls(table: string) {
    for (const sql of tenantPolicySql(table)) this.schema.raw(sql)
  }

  private fk(t: any, column: string, table: string, onDelete = 'RESTRICT') {
    t.foreign(['organisation_id', column])
      .references(['organisation_id', 'id'])
      .inTable(table)
      .onDelete(onDelete)
  }

  async up() {
    this.schema.createTable('accounting_funds_settings', (t) => {
      this.org(t)
      t.uuid('building_id').notNullable()
      t.string('iban', 34).nullable()
      t.string('bic', 11).nullable()
      t.string('beneficiary', 70).nullable()
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.primary(['organisation_id', 'building_id'])
      this.fk(t, 'building_id', 'buildings', 'CASCADE')
    })
    this.rls('accounting_funds_settings')

    this.schema.createTable('accounting_interest_rates', (t) => {
      this.org(t)
      t.integer('year').notNullable()
      t.decimal('rate', 6, 3).notNullable()
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.primary(['organisation_id', 'year'])
    })
    this.schema.raw(
      `ALTER TABLE accounting_interest_rates ADD CONSTRAINT accounting_interest_rates_check CHECK (year BETWEEN 1 AND 9999 AND rate >= 0 AND rate <= 100)`
    )
    this.rls('accounting_interest_rates')

    this.schema.createTable('accounting_budgets', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      this.org(t)
      t.uuid('building_id').notNullable()
      t.integer('fiscal_year').notNullable()
      t.string('status', 10).notNullable().defaultTo('draft')
      t.decimal('ordinary_amount', 14, 2).notNullable()
      t.decimal('extraordinary_amount', 14, 2).notNullable()
      t.text('notes').nullable()
      t.uuid('meeting_id').nullable()
      t.date('voted_at').nullable()
      t.timestamp('activated_at', { useTz: true }).nullable()
      t.timestamp('closed_at', { useTz: true }).nullable()
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.unique(['organisation_id', 'id'])
      t.index(['organisation_id', 'building_id', 'fiscal_year'])
      this.fk(t, 'building_id', 'buildings')
    })
    this.schema.raw(`ALTER TABLE accounting_budgets ADD CONSTRAINT accounting_budgets_check CHECK (
      status IN ('draft','voted','active','closed') AND fiscal_year BETWEEN 1 AND 9999
      AND ordinary_amount >= 0 AND extraordinary_amount >= 0)`)
    // SPEC: one active budget per building and fiscal year, whatever races.
    this.schema.raw(
      `CREATE UNIQUE INDEX accounting_budgets_one_active ON accounting_budgets (organisation_id, building_id, fiscal_year) WHERE status = 'active'`
    )
    this.rls('accounting_budgets')

    this.schema.createTable('accounting_budget_lines', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      this.org(t)
      t.uuid('budget_id').notNullable()
      t.string('account_code', 20).notNullable()
      t.string('kind', 15).notNullable()
      t.decimal('amount', 14, 2).notNullable()
      // Highest over-budget alert already notified (0, 90 or 100): each fires once.
      t.smallint('alert_level').notNullable().defaultTo(0)
      t.unique(['organisation_id', 'id'])
      t.unique(['organisation_id', 'budget_id', 'account_code', 'kind'])
      this.fk(t, 'budget_id', 'accounting_budgets', 'CASCADE')
    })
    this.schema
      .raw(`ALTER TABLE accounting_budget_lines ADD CONSTRAINT accounting_budget_lines_check CHECK (
      kind IN ('ordinary','extraordinary') AND amount >= 0 AND alert_level IN (0, 90, 100))`)
    this.rls('accounting_budget_lines')

    this.schema.createTable('accounting_calls_for_funds', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      this.org(t)
      t.uuid('building_id').notNullable()
      t.uuid('budget_id').nullable()
      t.string('title', 200).notNullable()
      t.string('period', 10).notNullable()
      t.date('period_start').notNullable()
      t.date('due_date').notNullable()
      t.decimal('ordinary_amount', 14, 2).notNullable()
      t.decimal('extraordinary_amount', 14, 2).notNullable()
      t.decimal('consumption_amount', 14, 2).notNullable().defaultTo(0)
      t.jsonb('consumption_lines').notNullable().defaultTo('[]')
      t.string('status', 10).notNullable().defaultTo('draft')
      t.uuid('journal_entry_id').nullable()
      // Accounting date of the call (journal entry date), Europe/Brussels.
      t.date('booked_on').nullable()
      t.timestamp('sent_at', { useTz: true }).nullable()
      t.timestamp('paid_at', { useTz: true }).nullable()
      // Delivery of the PDFs by the send job: queued → running → done (or failed).
      t.string('delivery_status', 10).nullable()
      t.integer('delivery_total').notNullable().defaultTo(0)
      t.integer('delivery_done').notNullable().defaultTo(0)
      t.integer('delivery_failed').notNullable().defaultTo(0)
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.unique(['organisation_id', 'id'])
      t.index(['organisation_id', 'building_id', 'period_start'])
      t.index(['organisation_id', 'status', 'due_date'])
      this.fk(t, 'building_id', 'buildings')
      this.fk(t, 'budget_id', 'accounting_budgets', 'SET NULL')
    })
    this.schema
      .raw(`ALTER TABLE accounting_calls_for_funds ADD CONSTRAINT accounting_calls_for_funds_check CHECK (
      status IN ('draft','sent','overdue','paid') AND period IN ('monthly','quarterly','yearly','one_time')
      AND ordinary_amount >= 0 AND extraordinary_amount >= 0 AND consumption_amount >= 0)`)
    this.rls('accounting_calls_for_funds')

    this.schema.createTable('accounting_call_lines', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      this.org(t)
      t.uuid('call_id').notNullable()
      t.uuid('owner_id').notNullable()
      t.uuid('unit_id').notNullable()
      t.integer('position').notNullable()
      t.integer('quota').notNullable()
      t.integer('total_quota').notNullable()
      t.decimal('percentage', 5, 2).notNullable()
      t.decimal('ordinary_amount', 14, 2).notNullable()
      t.decimal('extraordinary_amount', 14, 2).notNullable()
      t.decimal('consumption_amount', 14, 2).notNullable().defaultTo(0)
      t.jsonb('consumption').notNullable().defaultTo('[]')
      t.decimal('amount', 14, 2).notNullable()
      t.decimal('paid_amount', 14, 2).notNullable().defaultTo(0)
      t.string('structured_communication', 12).notNullable()
      t.date('due_date').notNullable()
      t.timestamp('emailed_at', { useTz: true }).nullable()
      t.timestamp('paid_at', { useTz: true }).nullable()
      t.smallint('reminder_step').notNullable().defaultTo(0)
      t.timestamp('bailiff_flagged_at', { useTz: true }).nullable()
      t.unique(['organisation_id', 'id'])
      t.unique(['organisation_id', 'call_id', 'owner_id', 'unit_id'])
      t.index(['organisation_id', 'owner_id', 'due_date'])
      t.index(['organisation_id', 'structured_communication'])
      this.fk(t, 'call_id', 'accounting_calls_for_funds', 'CASCADE')
      this.fk(t, 'owner_id', 'owners')
      this.fk(t, 'unit_id', 'units')
    })
    this.schema
      .raw(`ALTER TABLE accounting_call_lines ADD CONSTRAINT accounting_call_lines_check CHECK (
      amount = ordinary_amount + extraordinary_amount + consumption_amount
      AND paid_amount >= 0 AND paid_amount <= amount AND reminder_step BETWEEN 0 AND 4)`)
    this.rls('accounting_call_lines')

    this.schema.createTable('accounting_payments', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      this.org(t)
      t.uuid('building_id').notNullable()
      t.uuid('owner_id').notNullable()
      t.decimal('amount', 14, 2).notNullable()
      t.date('date').notNullable()
      t.string('method', 20).notNullable()
      t.string('reference', 140).nullable()
      t.decimal('unallocated_amount', 14, 2).notNullable().defaultTo(0)
      t.uuid('journal_entry_id').nullable()
      t.string('stripe_session_id', 255).nullable()
      t.uuid('created_by').nullable()
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.unique(['organisation_id', 'id'])
      t.index(['organisation_id', 'owner_id', 'date'])
      t.index(['organisation_id', 'building_id', 'date'])
      this.fk(t, 'building_id', 'buildings')
      this.fk(t, 'owner_id', 'owners')
    })
    this.schema
      .raw(`ALTER TABLE accounting_payments ADD CONSTRAINT accounting_payments_check CHECK (
      amount > 0 AND unallocated_amount >= 0 AND method IN ('transfer','sepa_direct_debit','card','cash'))`)
    // The Stripe webhook may be delivered twice: one payment per checkout session.
    this.schema.raw(
      `CREATE UNIQUE INDEX accounting_payments_stripe_session ON accounting_payments (stripe_session_id) WHERE stripe_session_id IS NOT NULL`
    )
    this.rls('accounting_payments')

    this.schema.createTable('accounting_payment_allocations', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      this.org(t)
      t.uuid('payment_id').notNullable()
      t.uuid('call_line_id').notNullable()
      t.decimal('amount', 14, 2).notNullable()
      t.index(['organisation_id', 'payment_id'])
      t.index(['organisation_id', 'call_line_id'])
      this.fk(t, 'payment_id', 'accounting_payments', 'CASCADE')
      this.fk(t, 'call_line_id', 'accounting_call_lines', 'CASCADE')
    })
    this.schema.raw(
      `ALTER TABLE accounting_payment_allocations ADD CONSTRAINT accounting_payment_allocations_check CHECK (amount > 0)`
    )
    this.rls('accounting_payment_allocations')

    this.schema.createTable('accounting_reminders', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      this.org(t)
      t.uuid('call_line_id').notNullable()
      t.uuid('owner_id').notNullable()
      t.string('step', 15).notNullable()
      t.date('as_of').notNullable()
      t.integer('days_late').notNullable()
      t.decimal('amount_due', 14, 2).notNullable()
      t.decimal('interest', 14, 2).notNullable()
      t.timestamp('sent_at', { useTz: true }).nullable()
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.unique(['organisation_id', 'id'])
      // SPEC: a reminder never goes twice for the same step.
      t.unique(['organisation_id', 'call_line_id', 'step'])
      t.index(['organisation_id', 'owner_id'])
      this.fk(t, 'call_line_id', 'accounting_call_lines', 'CASCADE')
      this.fk(t, 'owner_id', 'owners')
    })
    this.schema
      .raw(`ALTER TABLE accounting_reminders ADD CONSTRAINT accounting_reminders_check CHECK (
      step IN ('friendly','formal','formal_notice','bailiff'))`)
    this.rls('accounting_reminders')
  }

  async down() {
    for (const t of [
      'accounting_reminders',
      'accounting_payment_allocations',
      'accounting_payments',
      'accounting_call_lines',
      'accounting_calls_for_funds',
      'accounting_budget_lines',
      'accounting_budgets',
      'accounting_interest_rates',
      'accounting_funds_settings',
    ]) {
      this.schema.dropTableIfExists(t)
    }
  }
}
