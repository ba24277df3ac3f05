/*
| Shared boot for the iot benchmarks: own database (recreated), own Redis db, the app
| booted in-process (console environment), one organisation.
*/
import 'reflect-metadata'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { Ignitor } from '@adonisjs/core'

export const ROOT = new URL('../', import.meta.url)

export async function bootIot(name: string) {
  Object.assign(process.env, {
    NODE_ENV: 'development',
    DATABASE_URL:
      process.env.BENCH_DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/vme_bench_${name}`,
    APP_DB_USER: `vme_app_bench_${name}`,
    APP_DB_PASSWORD: `vme_app_bench_${name}_pw`,
    REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/13',
    QUEUE_PREFIX: `vme-bench-${name}`,
    LOG_LEVEL: 'warn',
    PORT: '3397',
  })
  const setup = spawnSync(process.execPath, ['ace.js', 'db:setup', '--fresh'], {
    cwd: fileURLToPath(ROOT),
    env: process.env,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  if (setup.status !== 0) throw new Error('db:setup failed')
  const importer = (filePath: string) =>
    filePath.startsWith('./') || filePath.startsWith('../')
      ? import(new URL(filePath, ROOT).href)
      : import(filePath)
  const app = new Ignitor(ROOT, { importer })
    .tap((a) => a.booting(async () => void (await import('#start/env'))))
    .createApp('console')
  await app.init()
  await app.boot()
  return app
}

export async function benchOrganisation(db: any) {
  const owner = db.connection('owner')
  const res = await owner.rawQuery(
    `insert into organisations (name, slug) values ('Bench IoT', 'bench-iot-' || substr(md5(random()::text), 1, 8)) returning id`
  )
  const org = res.rows[0].id as string
  const b = await owner.rawQuery(
    `insert into buildings (organisation_id, name, street, postal_code, city) values (?, 'Résidence Bench', 'Rue de la Loi 1', '1000', 'Bruxelles') returning id`,
    [org]
  )
  return { org, buildingId: b.rows[0].id as string }
}
