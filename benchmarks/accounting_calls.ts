/* eslint-disable @unicorn/no-await-expression-member -- a script reading query results inline */
/*
| Funds benchmark (SPEC §10 / issue #7): a call for funds for a 1,000-unit building.
|   1. lines computed and stored (< 1 s): createCall() inside a tenant transaction;
|   2. one owner's PDF with the warm pool (p50 < 1 s): renderOwnerCallPdf();
|   3. the send job's work for 1,000 owners (PDF + e-mail with attachment each, to an
|      in-process SMTP sink): the rate in PDFs per second.
| Own database (vme_bench_funds, recreated) and Redis db; the app is booted in-process.
|   npx node --import=@poppinss/ts-exec benchmarks/accounting_calls.ts
| env: BENCH_UNITS (1000), BENCH_PDF_SAMPLES (20), BENCH_SEND (1 = run step 3)
*/
import 'reflect-metadata'
import { spawnSync } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { Ignitor } from '@adonisjs/core'

const ROOT = new URL('../', import.meta.url)
const UNITS = Number(process.env.BENCH_UNITS ?? 1000)
const PDF_SAMPLES = Number(process.env.BENCH_PDF_SAMPLES ?? 20)
const RUN_SEND = process.env.BENCH_SEND !== '0'

Object.assign(process.env, {
  NODE_ENV: 'development',
  DATABASE_URL:
    process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vme_bench_funds',
  APP_DB_USER: 'vme_app_bench_funds',
  APP_DB_PASSWORD: 'vme_app_bench_funds_pw',
  REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/14',
  QUEUE_PREFIX: 'vme-bench-funds',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: process.env.BENCH_SMTP_PORT ?? '2547',
  LOG_LEVEL: 'warn',
  PORT: '3399',
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
const ms = (v: number) => `${v.toFixed(0)} ms`

await app.start(async () => {
  const db = (await import('@adonisjs/lucid/services/db')).default
  const { withTenant } = await import('#tenancy/tenant_context')
  const { createCall, sendCall } =
    await import('../modules/accounting/services/funds/call_service.js')
  const { ensureChart } = await import('../modules/accounting/services/funds/ledger_port.js')
  const { renderOwnerCallPdf } =
    await import('../modules/accounting/pdf/funds/call_for_funds_pdf.js')
  const { deliverCall } = await import('../modules/accounting/services/funds/delivery_service.js')
  const { warmPdfPool, closePdfPool } = await import('#pdf/pdf_service')
  const { startSmtpSink } = await import('../tests/helpers/smtp_sink.js')
  const owner = db.connection('owner')

  // Seed with the owner connection: one organisation, one building of UNITS lots (quota 1
  // each, total = UNITS), one sole owner per lot.
  const [org] = (
    await owner.rawQuery(
      `insert into organisations (name, slug) values ('Bench Syndic', 'bench-funds') returning id`
    )
  ).rows
  await owner.rawQuery(
    `insert into organisation_modules (organisation_id, module_key, enabled, source) values (?, 'accounting', true, 'manual')`,
    [org.id]
  )
  const [building] = (
    await owner.rawQuery(
      `insert into buildings (organisation_id, name, street, postal_code, city, total_quota)
       values (?, 'Résidence Benchmark', 'Avenue Louise 100', '1050', 'Ixelles', ?) returning id`,
      [org.id, UNITS]
    )
  ).rows
  await owner.rawQuery(
    `with u as (
       insert into units (organisation_id, building_id, number, type, quota)
       select ?, ?, lpad(g::text, 4, '0'), 'apartment', 1 from generate_series(1, ?) g returning id, number),
     o as (
       insert into owners (organisation_id, kind, first_name, last_name, email, locale)
       select ?, 'person', 'Owner', 'N' || lpad(g::text, 4, '0'), 'owner' || g || '@bench.test',
              (array['fr','nl','de','en'])[1 + g % 4] from generate_series(1, ?) g returning id, last_name)
     insert into unit_owners (organisation_id, unit_id, owner_id, percentage, start_date)
     select ?, u.id, o.id, 100, '2020-01-01' from u join o on 'N' || u.number = o.last_name`,
    [org.id, building.id, UNITS, org.id, UNITS, org.id]
  )
  await owner.rawQuery(
    `insert into accounting_funds_settings (organisation_id, building_id, iban, bic, beneficiary) values (?, ?, 'BE68539007547034', 'BPOTBEB1', 'ACP Résidence Benchmark')`,
    [org.id, building.id]
  )
  await withTenant(org.id, (trx) => ensureChart(building.id, trx))

  // 1. Lines computed and stored.
  const createTimes: number[] = []
  let callId = ''
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now()
    callId = await withTenant(org.id, () =>
      createCall(null, building.id, {
        title: `Provisions T${i + 1}`,
        period: 'quarterly',
        periodStart: '2026-01-01',
        dueDate: '2026-01-31',
        ordinaryAmount: '123456.78',
        extraordinaryAmount: '45678.90',
      })
    )
    createTimes.push(performance.now() - t0)
  }
  const [{ n, total }] = (
    await owner.rawQuery(
      `select count(*)::int as n, sum(amount)::text as total from accounting_call_lines where call_id = ?`,
      [callId]
    )
  ).rows

  // 2. One PDF with the warm pool.
  await withTenant(org.id, () => sendCall(null, callId, { deliver: false }))
  const owners = (
    await owner.rawQuery(
      `select owner_id from accounting_call_lines where call_id = ? order by position limit ?`,
      [callId, PDF_SAMPLES + 2]
    )
  ).rows
  await warmPdfPool()
  await withTenant(org.id, () => renderOwnerCallPdf(callId, owners[0].owner_id)) // first render warms the page
  const pdfTimes: number[] = []
  let pdfBytes = 0
  for (const o of owners.slice(1, PDF_SAMPLES + 1)) {
    const t0 = performance.now()
    const { pdf } = await withTenant(org.id, () => renderOwnerCallPdf(callId, o.owner_id))
    pdfTimes.push(performance.now() - t0)
    pdfBytes = pdf.length
  }

  // 3. The send job's work for every owner.
  let send: { seconds: number; done: number; failed: number; mails: number } | null = null
  if (RUN_SEND) {
    const sink = await startSmtpSink(Number(process.env.SMTP_PORT))
    const t0 = performance.now()
    const result = await deliverCall(org.id, callId)
    const seconds = (performance.now() - t0) / 1000
    await new Promise((r) => setTimeout(r, 500))
    send = { seconds, done: result.done, failed: result.failed, mails: sink.messages.length }
    await sink.close()
  }
  await closePdfPool()

  const createMedian = pct(createTimes, 50)
  const lines = [
    `## Funds (calls for funds) — ${new Date().toISOString().slice(0, 10)}, ${UNITS} units, 2 cores shared`,
    '',
    '| measure | value | target | |',
    '|---|---|---|---|',
    `| call for funds: ${n} lines computed and stored (median of 5; max) | ${ms(createMedian)} (max ${ms(Math.max(...createTimes))}); Σ lines = ${total} EUR | < 1 s | ${createMedian < 1000 ? 'PASS' : 'FAIL'} |`,
    `| one owner PDF, warm pool (p50 / p95 of ${pdfTimes.length}) | ${ms(pct(pdfTimes, 50))} / ${ms(pct(pdfTimes, 95))} (${(pdfBytes / 1024).toFixed(0)} KiB) | p50 < 1 s | ${pct(pdfTimes, 50) < 1000 ? 'PASS' : 'FAIL'} |`,
    send
      ? `| send job: ${send.done} PDFs rendered + e-mailed (${send.failed} failed, ${send.mails} mails in the sink) | ${send.seconds.toFixed(1)} s → ${(send.done / send.seconds).toFixed(1)} PDFs/s | report | |`
      : '| send job | skipped (BENCH_SEND=0) | | |',
    '',
    `PDF pool size ${process.env.PDF_POOL_SIZE ?? 2} (PDF_POOL_SIZE); the send job renders with that concurrency.`,
  ]
  console.log(lines.join('\n'))
})
await app.terminate()
process.exit(0)
