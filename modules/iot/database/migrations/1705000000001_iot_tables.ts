import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantPolicySql } from '#database/rls'
import { partitionDdl, monthsBetween } from '../../services/partition_sql.js'

/**
 * IoT tables. `iot_readings` is partitioned by month (declarative partitioning); each
 * partition gets its own RLS policy so the app role cannot read one directly without
 * the tenant filter (RLS on the parent only covers queries through the parent).
 * Partitions from 24 months back to 3 months ahead are created here; afterwards the
 * `iot.maintain_partitions` job keeps that window sliding (as the owner role).
 */
export default class extends BaseSchema {
  private rls(table: string) {
    for (const sql of tenantPolicySql(table)) this.schema.raw(sql)
  }

  async up() {
    this.schema.createTable('iot_devices', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      t.uuid('organisation_id')
        .notNullable()
        .references('id')
        .inTable('organisations')
        .onDelete('CASCADE')
      t.uuid('building_id').notNullable()
      t.uuid('unit_id').nullable()
      t.string('kind', 10).notNullable()
      t.string('provider', 10).nullable()
      t.string('point_id', 18).nullable()
      t.string('name', 120).notNullable()
      t.boolean('active').notNullable().defaultTo(true)
      t.string('mqtt_username', 80).nullable()
      t.string('mqtt_password_hash', 200).nullable()
      t.timestamp('last_synced_at', { useTz: true }).nullable()
      t.string('last_sync_error', 500).nullable()
      t.timestamp('deleted_at', { useTz: true }).nullable()
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.unique(['organisation_id', 'id'])
      t.index(['organisation_id', 'building_id'])
      t.foreign(['organisation_id', 'building_id'])
        .references(['organisation_id', 'id'])
        .inTable('buildings')
        .onDelete('CASCADE')
      t.foreign(['organisation_id', 'unit_id'])
        .references(['organisation_id', 'id'])
        .inTable('units')
        .onDelete('SET NULL')
    })
    this.schema.raw(
      `ALTER TABLE iot_devices ADD CONSTRAINT iot_devices_kind_check CHECK (kind IN ('linky','mqtt'))`
    )
    this.schema.raw(
      `ALTER TABLE iot_devices ADD CONSTRAINT iot_devices_provider_check CHECK (provider IS NULL OR provider IN ('enedis','ores'))`
    )
    this.schema.raw(
      `CREATE UNIQUE INDEX iot_devices_point_unique ON iot_devices (organisation_id, provider, point_id) WHERE deleted_at IS NULL AND point_id IS NOT NULL`
    )
    this.schema.raw(
      `CREATE UNIQUE INDEX iot_devices_mqtt_username_unique ON iot_devices (mqtt_username) WHERE mqtt_username IS NOT NULL`
    )
    this.rls('iot_devices')

    // OAuth2 tokens of a metering device, AES-256-GCM ciphertexts (never serialized).
    this.schema.createTable('iot_device_tokens', (t) => {
      t.uuid('organisation_id')
        .notNullable()
        .references('id')
        .inTable('organisations')
        .onDelete('CASCADE')
      t.uuid('device_id').notNullable()
      t.text('access_token_enc').notNullable()
      t.text('refresh_token_enc').notNullable()
      t.timestamp('expires_at', { useTz: true }).notNullable()
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.primary(['organisation_id', 'device_id'])
      t.foreign(['organisation_id', 'device_id'])
        .references(['organisation_id', 'id'])
        .inTable('iot_devices')
        .onDelete('CASCADE')
    })
    this.rls('iot_device_tokens')

    // Raw readings, partitioned by month on ts. No FK to iot_devices: a deleted device
    // keeps its readings (and FKs on hot partitioned tables cost ingest time).
    this.schema.raw(`
      CREATE TABLE iot_readings (
        organisation_id uuid NOT NULL,
        device_id uuid NOT NULL,
        metric varchar(40) COLLATE "C" NOT NULL,
        ts timestamptz NOT NULL,
        value double precision NOT NULL,
        unit varchar(16) NOT NULL,
        PRIMARY KEY (organisation_id, device_id, metric, ts)
      ) PARTITION BY RANGE (ts)
    `)
    this.rls('iot_readings')
    const now = new Date()
    for (const month of monthsBetween(now, -24, 3)) {
      for (const sql of partitionDdl(month)) this.schema.raw(sql)
    }

    // Daily rollup per device, metric and Europe/Brussels local day, maintained at ingest.
    this.schema.raw(`
      CREATE TABLE iot_daily_rollups (
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        device_id uuid NOT NULL,
        metric varchar(40) COLLATE "C" NOT NULL,
        day date NOT NULL,
        total double precision NOT NULL,
        samples integer NOT NULL,
        min_value double precision NOT NULL,
        max_value double precision NOT NULL,
        -- Σ and count of the totals of the 7 previous calendar days (anomaly metric only),
        -- kept by the ingest so the anomaly scan is a filter, not a window over 2 years.
        prev7_total double precision,
        prev7_days smallint NOT NULL DEFAULT 0,
        unit varchar(16) NOT NULL,
        PRIMARY KEY (organisation_id, device_id, metric, day)
      )
    `)
    this.rls('iot_daily_rollups')

    this.schema.createTable('iot_anomalies', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      t.uuid('organisation_id')
        .notNullable()
        .references('id')
        .inTable('organisations')
        .onDelete('CASCADE')
      t.uuid('device_id').notNullable()
      t.string('metric', 40).notNullable()
      t.date('day').notNullable()
      t.double('value').notNullable()
      t.double('baseline').notNullable()
      t.timestamp('notified_at', { useTz: true }).nullable()
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.unique(['organisation_id', 'id'])
      t.unique(['organisation_id', 'device_id', 'metric', 'day'])
    })
    this.rls('iot_anomalies')

    this.schema.createTable('iot_rejected_messages', (t) => {
      t.uuid('id').primary().defaultTo(this.raw('gen_random_uuid()'))
      t.uuid('organisation_id')
        .notNullable()
        .references('id')
        .inTable('organisations')
        .onDelete('CASCADE')
      t.uuid('device_id').nullable()
      t.string('topic', 300).notNullable()
      t.text('payload').notNullable()
      t.string('reason', 300).notNullable()
      t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(this.now())
      t.unique(['organisation_id', 'id'])
      t.index(['organisation_id', 'received_at'])
    })
    this.rls('iot_rejected_messages')
  }

  async down() {
    for (const t of [
      'iot_rejected_messages',
      'iot_anomalies',
      'iot_daily_rollups',
      'iot_readings',
      'iot_device_tokens',
      'iot_devices',
    ]) {
      this.schema.raw(`DROP TABLE IF EXISTS ${t} CASCADE`)
    }
  }
}
