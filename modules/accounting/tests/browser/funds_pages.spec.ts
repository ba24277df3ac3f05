/* eslint-disable @unicorn/no-await-expression-member -- tests read answers inline */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import Membership from '#models/membership'
import {
  a11yProblems,
  clickText,
  launchBrowser,
  openPage,
  screenshot,
  visit,
  waitForText,
  type TestBrowser,
} from '#tests/helpers/browser'
import { STRONG_PASSWORD, uniq } from '#tests/helpers/api'
import { isPdf, pdfText, pdfToPng } from '#tests/helpers/pdf'
import { startSmtpSink, type SmtpSink } from '#tests/helpers/smtp_sink'
import { startFakeStripe, type FakeStripe } from '#tests/helpers/fake_stripe'
import { drainQueues, startTestWorker, type WorkerHandle } from '#tests/helpers/worker'
import { call, createDraftCall, fundsFixture } from '../functional/funds_helpers.js'

// Evaluated in the page (puppeteer): the browser's globals, untyped on the Node side.
declare const document: any
declare const fetch: any
declare const btoa: any

async function login(page: any, email: string) {
  await visit(page, '/login')
  await page.type('input[name=email]', email)
  await page.type('input[name=password]', STRONG_PASSWORD)
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'networkidle0' }),
    page.click('[data-test=login-form] button[type=submit]'),
  ])
}

test.group('Browser funds: staff pages and the owner portal', (group) => {
  let tb: TestBrowser
  let sink: SmtpSink
  let fake: FakeStripe
  let worker: WorkerHandle
  group.setup(async () => {
    tb = await launchBrowser()
    sink = await startSmtpSink()
    fake = await startFakeStripe()
    await drainQueues(['accounting', 'billing'])
    worker = startTestWorker({ queues: ['accounting', 'billing'] })
    return async () => {
      await worker.close()
      await fake.stop()
      await sink.close()
      await tb.close()
    }
  })

  test('send a call for funds with progress, open an owner’s PDF; budgets and arrears pages', async ({
    client,
    assert,
  }) => {
    const { org, building, owners } = await fundsFixture(client, { quotas: [100, 200, 300, 400] })
    const budget = (
      await call(client, org, 'post', `/buildings/${building.id}/budgets`, {
        fiscalYear: 2026,
        ordinaryAmount: 12000,
        extraordinaryAmount: 6000,
        lines: [
          { accountCode: '610', kind: 'ordinary', amount: 3000 },
          { accountCode: '611', kind: 'ordinary', amount: 1000 },
        ],
      })
    ).body()
    await call(client, org, 'put', `/budgets/${budget.id}/vote`, { votedAt: '2025-12-10' })
    await call(client, org, 'put', `/budgets/${budget.id}/activate`)
    for (const [date, account, amount] of [
      ['2026-01-20', '610', '280.00'],
      ['2026-02-18', '610', '240.00'],
      ['2026-02-25', '611', '930.00'],
    ]) {
      await call(client, org, 'post', `/buildings/${building.id}/journal-entries`, {
        date,
        journal: 'purchases',
        type: 'manual',
        description: `Facture ${account}`,
        lines: [
          { accountCode: account, debit: amount },
          { accountCode: '440', credit: amount },
        ],
      })
    }
    const draft = await createDraftCall(client, org, building.id, {
      title: 'Provisions T1 2026',
      dueDate: '2026-01-31',
    })

    const { page, errors } = await openPage(tb, {
      locale: 'fr',
      ignore: [/ws:\/\/127.0.0.1/, /\[vite\]/],
    })
    await login(page, org.email)
    await visit(page, `/app/accounting/calls/${draft.id}`)
    await waitForText(page, 'Aperçu')
    const rows = await page.$$eval('[data-test=call-lines] tbody tr', (els: any[]) =>
      els.map((e) => e.innerText)
    )
    assert.lengthOf(rows, 4)
    assert.include(rows[0], '1 500,00'.replace(' ', '\u202f'))
    assert.deepEqual(await a11yProblems(page), [])
    await screenshot(page, 'funds-call-preview')

    await page.click('[data-test=send-call]')
    await page.waitForSelector('[data-test=confirm]', { visible: true })
    await page.click('[data-test=confirm]')
    await waitForText(page, 'Envoyé : 4 copropriétaires sur 4', 60_000)
    await screenshot(page, 'funds-call-sent')

    // Open the first owner's PDF as the link does (same session), render page 1.
    const base64: string = await page.evaluate(async (href: string) => {
      const res = await fetch(href)
      const bytes = new Uint8Array(await res.arrayBuffer())
      let s = ''
      for (const b of bytes) s += String.fromCharCode(b)
      return btoa(s)
    }, `/api/v1/call-for-funds/${draft.id}/owners/${owners[0].id}/pdf`)
    const pdf = Buffer.from(base64, 'base64')
    assert.isTrue(isPdf(pdf))
    assert.include(await pdfText(pdf), '+++')
    await pdfToPng(pdf, 'funds-browser-owner-pdf')
    assert.lengthOf(
      sink.messages.filter((m) => owners.some((o: any) => m.to.includes(o.email))),
      4
    )

    await visit(page, `/app/accounting/budgets/${budget.id}`)
    await page.waitForSelector('.variance-chart svg')
    await waitForText(page, 'Plus de 90 % du budget')
    await screenshot(page, 'funds-budget-variance')
    await visit(page, `/app/accounting/budgets?buildingId=${building.id}`)
    await page.waitForSelector('[data-test=budgets-table]')
    await screenshot(page, 'funds-budgets')
    await visit(page, `/app/accounting/payments?buildingId=${building.id}`)
    await page.waitForSelector('[data-test=arrears-table]')
    await screenshot(page, 'funds-payments-arrears')
    await visit(page, `/app/accounting/calls?buildingId=${building.id}`)
    await page.waitForSelector('[data-test=calls-table]')
    assert.deepEqual(await a11yProblems(page), [])
    assert.deepEqual(errors, [], errors.join('\n'))
  })

  test('an owner sees their balance, pays online and sees it settled; downloads their call', async ({
    client,
    assert,
  }) => {
    const { org, building, owners } = await fundsFixture(client, { quotas: [400, 600] })
    const draft = await createDraftCall(client, org, building.id, { title: 'Provisions T1 2026' })
    await call(client, org, 'put', `/call-for-funds/${draft.id}/send`)
    const email = `${uniq('lena')}@example.test`
    const user = await User.create({ email, password: STRONG_PASSWORD, fullName: 'Lena Maes' })
    await Membership.create({ organisationId: org.organisationId, userId: user.id, role: 'owner' })
    await db
      .connection('owner')
      .rawQuery('update owners set user_id = ? where id = ?', [user.id, owners[0].id])

    const { page, errors } = await openPage(tb, {
      locale: 'fr',
      ignore: [
        /status of 404/,
        /ws:\/\/127.0.0.1/,
        /\[vite\]/,
      ] /* 404: the fake Stripe page's favicon */,
    })
    await login(page, email)
    await visit(page, `/o/${org.slug}/accounting`)
    await page.waitForSelector('[data-test=balance]')
    const balance = await page.$eval('[data-test=balance]', (e: any) => e.textContent)
    assert.include(balance.replace(/\s/g, ' '), '6 000,00 €'.replace(' ', ' '))
    assert.deepEqual(await a11yProblems(page), [])
    await screenshot(page, 'funds-portal-balance')

    await Promise.all([
      page.waitForNavigation({ waitUntil: 'networkidle0' }),
      page.click('[data-test=pay-online]'),
    ])
    assert.include(page.url(), fake.url)
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'networkidle0', timeout: 30_000 }),
      clickText(page, 'Pay', 'button'),
    ])
    assert.include(page.url(), `/o/${org.slug}/accounting?paid=`)
    await waitForText(page, 'Merci')
    // The webhook is processed by the worker: reload until the balance is settled.
    let settled = false
    for (let i = 0; i < 40 && !settled; i++) {
      await visit(page, `/o/${org.slug}/accounting`)
      settled = (await page.evaluate(() => document.body.innerText)).includes('Vous êtes à jour')
      if (!settled) await new Promise((r) => setTimeout(r, 250))
    }
    assert.isTrue(settled)
    await screenshot(page, 'funds-portal-paid')
    const payments = await db
      .connection('owner')
      .rawQuery('select count(*)::int as n from accounting_payments where owner_id = ?', [
        owners[0].id,
      ])
    assert.equal(payments.rows[0].n, 1)

    await visit(page, `/o/${org.slug}/accounting/calls`)
    await page.waitForSelector('[data-test=call-pdf]')
    const href = await page.$eval('[data-test=call-pdf]', (e: any) => e.getAttribute('href'))
    const status = await page.evaluate(async (h: string) => (await fetch(h)).status, href)
    assert.equal(status, 200)
    assert.deepEqual(await a11yProblems(page), [])
    await screenshot(page, 'funds-portal-calls')
    assert.deepEqual(errors, [], errors.join('\n'))
  })

  test('every funds page in NL, DE and EN: translated (no raw keys), one h1, labelled controls', async ({
    client,
    assert,
  }) => {
    const { org, building, owners } = await fundsFixture(client, { quotas: [500, 500] })
    const budget = (
      await call(client, org, 'post', `/buildings/${building.id}/budgets`, {
        fiscalYear: 2026,
        ordinaryAmount: 1200,
        extraordinaryAmount: 0,
      })
    ).body()
    const draft = await createDraftCall(client, org, building.id, { title: 'Q1' })
    await call(client, org, 'put', `/call-for-funds/${draft.id}/send`)
    const email = `${uniq('piet')}@example.test`
    const user = await User.create({ email, password: STRONG_PASSWORD, fullName: 'Piet Peeters' })
    await Membership.create({ organisationId: org.organisationId, userId: user.id, role: 'owner' })
    await db
      .connection('owner')
      .rawQuery('update owners set user_id = ? where id = ?', [user.id, owners[0].id])
    const staffPages = [
      `/app/accounting/budgets?buildingId=${building.id}`,
      `/app/accounting/budgets/${budget.id}`,
      `/app/accounting/calls?buildingId=${building.id}`,
      `/app/accounting/calls/${draft.id}`,
      `/app/accounting/payments?buildingId=${building.id}`,
    ]
    for (const locale of ['nl', 'de', 'en']) {
      const staff = await openPage(tb, { locale, ignore: [/ws:\/\/127.0.0.1/, /\[vite\]/] })
      await login(staff.page, org.email)
      for (const path of staffPages) {
        await visit(staff.page, path)
        const text: string = await staff.page.evaluate(() => document.body.innerText)
        assert.notMatch(
          text,
          /accounting\.(fundsCommon|budgets|calls|payments|portal|reminders)\./,
          `${locale} ${path}`
        )
        assert.deepEqual(await a11yProblems(staff.page), [], `${locale} ${path}`)
      }
      await screenshot(staff.page, `funds-payments-${locale}`)
      assert.deepEqual(staff.errors, [], staff.errors.join('\n'))
      const owner = await openPage(tb, { locale, ignore: [/ws:\/\/127.0.0.1/, /\[vite\]/] })
      await login(owner.page, email)
      for (const path of [`/o/${org.slug}/accounting`, `/o/${org.slug}/accounting/calls`]) {
        await visit(owner.page, path)
        const text: string = await owner.page.evaluate(() => document.body.innerText)
        assert.notMatch(
          text,
          /accounting\.(fundsCommon|budgets|calls|payments|portal|reminders)\./,
          `${locale} ${path}`
        )
        assert.deepEqual(await a11yProblems(owner.page), [], `${locale} ${path}`)
      }
      await screenshot(owner.page, `funds-portal-calls-${locale}`)
      assert.deepEqual(owner.errors, [], owner.errors.join('\n'))
    }
  })
})
