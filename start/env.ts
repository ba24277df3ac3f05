/*
| Environment variables, validated at boot. A missing or malformed value stops the
| process with a clear message instead of failing later at first use.
*/
import { Env } from '@adonisjs/core/env'

export default await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  HOST: Env.schema.string({ format: 'host' }),
  APP_KEY: Env.schema.secret(),
  APP_URL: Env.schema.string.optional(),
  LOG_LEVEL: Env.schema.string(),

  /** Owner role: runs migrations. The app itself connects as APP_DB_USER (no BYPASSRLS). */
  DATABASE_URL: Env.schema.string(),
  APP_DB_USER: Env.schema.string.optional(),
  APP_DB_PASSWORD: Env.schema.string.optional(),
  DB_POOL_MAX: Env.schema.number.optional(),
  /** false behind a pooler that cannot keep named statements (PgBouncer < 1.21, transaction mode). */
  DB_PREPARED_STATEMENTS: Env.schema.boolean.optional(),

  REDIS_URL: Env.schema.string(),
  QUEUE_PREFIX: Env.schema.string.optional(),

  SESSION_DRIVER: Env.schema.enum(['cookie', 'memory', 'redis'] as const),
  LIMITER_STORE: Env.schema.enum(['redis', 'memory'] as const),

  /** Unset or `outbox`: no SMTP server, mails go to the outbox (/app/outbox). */
  SMTP_HOST: Env.schema.string.optional(),
  SMTP_PORT: Env.schema.number(),
  MAIL_FROM: Env.schema.string.optional(),

  DRIVE_DISK: Env.schema.enum(['fs', 's3'] as const),
  S3_ENDPOINT: Env.schema.string.optional(),
  S3_BUCKET: Env.schema.string.optional(),
  S3_REGION: Env.schema.string.optional(),
  S3_ACCESS_KEY_ID: Env.schema.string.optional(),
  S3_SECRET_ACCESS_KEY: Env.schema.string.optional(),

  /** 2FA secrets: AES-256-GCM key, 32 bytes as base64 or hex (validated at boot by the 2FA service). */
  TWO_FACTOR_KEY: Env.schema.string.optional(),

  /** Stripe (tests and demo point the SDK at the local fake server through STRIPE_API_URL). */
  STRIPE_SECRET_KEY: Env.schema.string.optional(),
  STRIPE_WEBHOOK_SECRET: Env.schema.string.optional(),
  STRIPE_API_URL: Env.schema.string.optional(),

  /** Metering providers (SPEC §9) and the MQTT broker. */
  IOT_ENEDIS_URL: Env.schema.string.optional(),
  IOT_ORES_URL: Env.schema.string.optional(),
  IOT_CLIENT_ID: Env.schema.string.optional(),
  IOT_CLIENT_SECRET: Env.schema.string.optional(),
  MQTT_URL: Env.schema.string.optional(),
  MQTT_ADMIN_USERNAME: Env.schema.string.optional(),
  MQTT_ADMIN_PASSWORD: Env.schema.string.optional(),

  /** PDFs: Debian's Chromium; pool of warm pages. */
  CHROMIUM_PATH: Env.schema.string.optional(),
  PDF_POOL_SIZE: Env.schema.number.optional(),

  /** Zero-setup: 1 forces the embedded database and in-process jobs, 0 refuses them. */
  EMBEDDED: Env.schema.enum.optional(['0', '1'] as const),
  /** memory: jobs run in the web process (no Redis; set by scripts/run.mjs when Redis is absent). */
  QUEUE_BACKEND: Env.schema.enum.optional(['bullmq', 'memory'] as const),
})
