/*
| État daté PDF benchmark (issue 9, target p50 < 1 s with the warm pool).
|   npx node --import=@poppinss/ts-exec benchmarks/legal_etat_date_pdf.ts
| Own database (vme_bench_legal, recreated) and Redis db; the app is booted in-process.
| Seeds one organisation with a building, a unit with two co-owners and filled registers
| (disputes, claims, insurance and service contracts), requests an état daté, warms the
| PDF pool, then measures 50 times:
|   - render: the 16-section HTML → PDF (renderPdf, warm pool);
|   - generate: live data collection (incl. the accounting module) + snapshot + render.
| Prints p50/p95 and writes benchmarks/results/legal.md.
| env: BENCH_SAMPLES (50)
*/
/* eslint-disable @unicorn/no-await-expression-member -- seed queries read rows inline */
import 'reflect-metadata'
import { spawnSync } from 'node:child_process'
import { writeFileSync, mkdirSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { Ignitor } from '@adonisjs/core'

const ROOT = new URL('../', import.meta.url)
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 50)

Object.assign(process.env, {
  NODE_ENV: 'development',
  DATABASE_URL:
    process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vme_bench_legal',
  APP_DB_USER: 'vme_app_bench_legal',
  APP_DB_PASSWORD: 'vme_app_bench_legal_pw',
  REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/13',
  QUEUE_PREFIX: 'vme-bench-legal',
  LOG_LEVEL: 'warn',
  PORT: '3398',
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

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

await app.start(async () => {
  const db = (await import('@adonisjs/lucid/services/db')).default
  const { withTenant } = await import('#tenancy/tenant_context')
  const { warmPdfPool, closePdfPool } = await import('#pdf/pdf_service')
  const svc = await import('../modules/legal/services/etat_date_service.js')
  const { buildSnapshot } = await import('../modules/legal/services/etat_date_sections.js')
  const { todayInBrussels } = await import('../modules/legal/services/working_days.js')
  const owner = db.connection('owner')

  const [org] = (
    await owner.rawQuery(
      `insert into organisations (name, slug, address, contact_email, contact_phone, vat_number)
       values ('Syndic Benchmark SRL', 'bench-legal', '{"street":"Rue Royale 10","postalCode":"1000","city":"Bruxelles"}', 'info@bench.test', '+32 2 555 00 00', 'BE0123456749') returning id`
    )
  ).rows
  for (const key of ['legal', 'accounting'])
    await owner.rawQuery(
      `insert into organisation_modules (organisation_id, module_key, enabled, source) values (?, ?, true, 'manual')`,
      [org.id, key]
    )
  const [building] = (
    await owner.rawQuery(
      `insert into buildings (organisation_id, name, street, postal_code, city, enterprise_number)
       values (?, 'Résidence Benchmark', 'Avenue Louise 100', '1050', 'Ixelles', '0202.239.951') returning id`,
      [org.id]
    )
  ).rows
  const [unit] = (
    await owner.rawQuery(
      `insert into units (organisation_id, building_id, number, type, floor, area, quota) values (?, ?, 'B12', 'apartment', '3', 92.5, 84) returning id`,
      [org.id, building.id]
    )
  ).rows
  for (const [first, last, pctShare] of [
    ['Marie', 'Dubois', 60],
    ['Jan', 'Peeters', 40],
  ] as const) {
    const [o] = (
      await owner.rawQuery(
        `insert into owners (organisation_id, kind, first_name, last_name, email) values (?, 'person', ?, ?, ?) returning id`,
        [org.id, first, last, `${first.toLowerCase()}@bench.test`]
      )
    ).rows
    await owner.rawQuery(
      `insert into unit_owners (organisation_id, unit_id, owner_id, percentage, start_date) values (?, ?, ?, ?, '2019-01-01')`,
      [org.id, unit.id, o.id, pctShare]
    )
  }
  for (let i = 0; i < 3; i++) {
    await owner.rawQuery(
      `insert into legal_disputes (organisation_id, building_id, kind, title, counterparty, court, amount_claimed, opened_on)
       values (?, ?, ?, ?, 'Bati-Sud SRL', 'Justice de paix', 12500.5, '2025-0${i + 1}-10')`,
      [org.id, building.id, i % 2 ? 'dispute' : 'legal_proceeding', `Procédure n° ${i + 1}`]
    )
    await owner.rawQuery(
      `insert into legal_insurance_claims (organisation_id, building_id, claim_date, description, amount, status)
       values (?, ?, '2025-0${i + 1}-20', 'Dégât des eaux', 3400, 'paid')`,
      [org.id, building.id]
    )
    await owner.rawQuery(
      `insert into legal_service_contracts (organisation_id, building_id, supplier, object, start_date, amount)
       values (?, ?, 'Fournisseur ${i}', 'Entretien', '2022-01-01', 2150)`,
      [org.id, building.id]
    )
  }
  await owner.rawQuery(
    `insert into legal_insurance_contracts (organisation_id, building_id, insurer, policy_number, cover, premium, renewal_date)
     values (?, ?, 'AG Insurance', 'INC-1', 'Incendie', 4210.5, '2027-01-01')`,
    [org.id, building.id]
  )
  const ed = await withTenant(org.id, () =>
    svc.requestEtatDate(
      null,
      unit.id,
      {
        requestedBy: {
          notaryName: 'Maître Lambert',
          notaryEmail: 'lambert@notaire.test',
          notaryOffice: 'Étude Lambert',
        },
        locale: 'fr',
        reference: 'BENCH-1',
      },
      { actor: null }
    )
  )
  const row = await withTenant(org.id, () => svc.loadEtatDate(ed.id))
  const snapshot = await withTenant(org.id, async () =>
    buildSnapshot(
      await svc.collectEtatDateInput(row, todayInBrussels(), 'Bench'),
      1,
      new Date().toISOString()
    )
  )

  const t0 = performance.now()
  await warmPdfPool()
  const warmMs = performance.now() - t0
  // One render to load fonts and the layout path.
  await withTenant(org.id, () => svc.renderEtatDatePdf(snapshot))

  const render: number[] = []
  const generate: number[] = []
  let bytes = 0
  for (let i = 0; i < SAMPLES; i++) {
    const a = performance.now()
    const pdf = await withTenant(org.id, () => svc.renderEtatDatePdf(snapshot))
    render.push(performance.now() - a)
    bytes = pdf.length
    const b = performance.now()
    await withTenant(org.id, async () => {
      const input = await svc.collectEtatDateInput(row, todayInBrussels(), 'Bench')
      await svc.renderEtatDatePdf(buildSnapshot(input, i + 2, new Date().toISOString()))
    })
    generate.push(performance.now() - b)
  }
  await closePdfPool()

  const f = (v: number) => `${v.toFixed(0)} ms`
  const lines = [
    `## legal — état daté PDF (${new Date().toISOString().slice(0, 10)})`,
    '',
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load ${loadavg()[0].toFixed(2)} at start of the measures; ${SAMPLES} samples each; warm pool (PDF_POOL_SIZE=${process.env.PDF_POOL_SIZE ?? 2}), pool warm-up ${f(warmMs)}.`,
    '',
    '| measure | p50 | p95 | target |',
    '|---|---|---|---|',
    `| render 16-section état daté HTML → PDF (${(bytes / 1024).toFixed(0)} KiB) | ${f(pct(render, 50))} | ${f(pct(render, 95))} | p50 < 1 s: ${pct(render, 50) < 1000 ? 'PASS' : 'FAIL'} |`,
    `| generate = live data (registers, owners, accounting) + snapshot + render | ${f(pct(generate, 50))} | ${f(pct(generate, 95))} | — |`,
    '',
    'Script: `npx node --import=@poppinss/ts-exec benchmarks/legal_etat_date_pdf.ts` (own database vme_bench_legal).',
    '',
  ]
  console.log(lines.join('\n'))
  mkdirSync(new URL('results/', import.meta.url), { recursive: true })
  writeFileSync(new URL('results/legal.md', import.meta.url), lines.join('\n'))
})
await app.terminate()
