import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantPolicySql } from '#database/rls'

/**
 * Billing (SPEC §3). `billing_subscriptions`: one row per organisation mirroring its
 * Stripe subscription (tenant table, RLS). `billing_stripe_events`: every verified
 * webhook event, keyed by Stripe's event id (idempotency), a platform table: events
 * arrive before any tenant is known. `billing_checkout_payments`: one-off Checkout
 * payments created by modules (owner payments, notary fees, paid bookings).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('billing_subscriptions', (t) => {
      t.uuid('organisation_id')
        .primary()
        .references('id')
        .inTable('organisations')
        .onDelete('CASCADE')
      t.string('stripe_customer_id', 255).nullable().unique()
      t.string('stripe_subscription_id', 255).nullable().unique()
      t.string('stripe_status', 30).nullable()
      t.string('plan', 20).nullable()
      t.string('price_id', 255).nullable()
      t.integer('quantity').nullable()
      t.timestamp('current_period_end', { useTz: true }).nullable()
      t.boolean('cancel_at_period_end').notNullable().defaultTo(false)
      t.timestamp('past_due_since', { useTz: true }).nullable()
      t.timestamp('canceled_at', { useTz: true }).nullable()
      t.timestamp('trial_reminder_sent_at', { useTz: true }).nullable()
      t.timestamp('synced_at', { useTz: true }).nullable()
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    for (const sql of tenantPolicySql('billing_subscriptions')) this.schema.raw(sql)
    // Webhooks name a Stripe customer, not an organisation: this owner-defined function
    // reveals only the organisation of one exact customer id.
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION app_billing_organisation_by_customer(p_customer text) RETURNS uuid
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
      $$ SELECT organisation_id FROM billing_subscriptions WHERE stripe_customer_id = p_customer $$
    `)

    this.schema.createTable('billing_stripe_events', (t) => {
      t.string('id', 255).primary()
      t.string('type', 100).notNullable()
      t.uuid('organisation_id').nullable()
      t.string('status', 20).notNullable().defaultTo('received')
      t.jsonb('payload').notNullable()
      t.text('error').nullable()
      t.integer('attempts').notNullable().defaultTo(0)
      t.timestamp('stripe_created_at', { useTz: true }).notNullable()
      t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.timestamp('processed_at', { useTz: true }).nullable()
      t.index(['organisation_id', 'received_at'])
      t.index(['status'])
    })
    this.schema.raw(
      `ALTER TABLE billing_stripe_events ADD CONSTRAINT billing_stripe_events_status_check CHECK (status IN ('received','processed','ignored','failed'))`
    )

    this.schema.createTable('billing_checkout_payments', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      t.uuid('organisation_id')
        .notNullable()
        .references('id')
        .inTable('organisations')
        .onDelete('CASCADE')
      t.string('session_id', 255).notNullable().unique()
      t.string('purpose', 100).notNullable()
      t.decimal('amount', 12, 2).notNullable()
      t.string('currency', 3).notNullable().defaultTo('eur')
      t.string('description', 500).notNullable()
      t.jsonb('metadata').notNullable().defaultTo('{}')
      t.string('status', 20).notNullable().defaultTo('open')
      t.string('payment_status', 30).nullable()
      t.string('payment_intent_id', 255).nullable()
      t.string('event_id', 255).nullable()
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.timestamp('completed_at', { useTz: true }).nullable()
      t.index(['organisation_id', 'purpose', 'created_at'])
    })
    this.schema.raw(
      `ALTER TABLE billing_checkout_payments ADD CONSTRAINT billing_checkout_payments_status_check CHECK (status IN ('open','pending','handled','unhandled','failed','expired'))`
    )
    this.schema.raw(
      `ALTER TABLE billing_checkout_payments ADD CONSTRAINT billing_checkout_payments_amount_check CHECK (amount > 0)`
    )
    for (const sql of tenantPolicySql('billing_checkout_payments')) this.schema.raw(sql)
  }

  async down() {
    this.schema.dropTable('billing_checkout_payments')
    this.schema.dropTable('billing_stripe_events')
    this.schema.raw('DROP FUNCTION IF EXISTS app_billing_organisation_by_customer(text)')
    this.schema.dropTable('billing_subscriptions')
  }
}
