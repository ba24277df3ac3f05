/* eslint-disable @unicorn/no-await-expression-member -- tests read answers inline */
import { test } from '@japa/runner'
import { writeFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import db from '@adonisjs/lucid/services/db'
import type { Page } from 'puppeteer-core'
import User from '#models/user'
import {
  a11yProblems,
  launchBrowser,
  openPage,
  screenshot,
  url,
  visit,
  waitForText,
  type TestBrowser,
} from '#tests/helpers/browser'
import { STRONG_PASSWORD } from '#tests/helpers/api'
import { isPdf, pdfToPng } from '#tests/helpers/pdf'
import { samplePng } from '#tests/helpers/sample_files'
import { startSmtpSink, type SmtpSink } from '#tests/helpers/smtp_sink'
import { startFakeStripe, type FakeStripe } from '#tests/helpers/fake_stripe'
import { drainQueues, startTestWorker } from '#tests/helpers/worker'
import { addMember, createOwner } from '#tests/functional/buildings/helpers'
import { call, legalFixture, requestBody } from '../functional/helpers.js'
import { resetNotaryLimits } from '../../services/notary_service.js'

declare const document: any

// The test server runs Vite's dev server, whose HMR websocket the page CSP blocks: noise.
const HMR = /ws:\/\/127\.0\.0\.1:\d+/

async function login(page: Page, email: string) {
  await visit(page, '/login')
  await page.type('input[name=email]', email)
  await page.type('input[name=password]', STRONG_PASSWORD)
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'networkidle0' }),
    page.click('[data-test=login-form] button[type=submit]'),
  ])
}

async function emailOf(userId: string) {
  return (await User.findOrFail(userId)).email
}

test.group('legal: pages (browser)', (group) => {
  let tb: TestBrowser
  let sink: SmtpSink
  group.setup(async () => {
    tb = await launchBrowser()
    sink = await startSmtpSink()
    return async () => {
      await tb.close()
      await sink.close()
    }
  })

  test('syndic generates an état daté, previews the PDF and delivers it', async ({
    client,
    assert,
  }) => {
    const { org, unit } = await legalFixture(client, 'Syndic Journey')
    const created = (
      await call(client, org, 'post', `/units/${unit.id}/etat-date`, requestBody())
    ).body()
    const { page, errors } = await openPage(tb, { locale: 'fr', ignore: [HMR] })
    await login(page, org.email)
    await visit(page, '/app/legal/etat-dates')
    await page.waitForSelector('[data-test=etat-date-queue]')
    await waitForText(page, 'Encore 15 jours ouvrables')
    await screenshot(page, 'legal-etat-date-queue')
    assert.deepEqual(await a11yProblems(page), [])

    await page.click('[data-test=generate]')
    await page.waitForSelector('[data-test=pdf-preview]')
    await waitForText(page, 'Version 1 générée')
    await screenshot(page, 'legal-etat-date-preview')
    await page.click('[data-test=deliver-from-preview]')
    await page.waitForSelector('[data-test=confirm-deliver]')
    await page.click('[data-test=confirm-deliver]')
    await waitForText(page, 'Envoyé à anne.lambert@notaire.test')
    await sink.waitFor((m) => m.to.includes('anne.lambert@notaire.test'))
    await waitForText(page, 'Délivré')

    const res = await fetch(url(`/api/v1/etat-dates/${created.id}/pdf`), {
      headers: { Authorization: `Bearer ${org.token}` },
    })
    assert.equal(res.status, 200)
    const bytes = Buffer.from(await res.arrayBuffer())
    assert.isTrue(isPdf(bytes))
    const png = await pdfToPng(bytes, 'legal-etat-date-page1')
    assert.isAbove(png.length, 10000)
    assert.deepEqual(errors, [])
    await page.browserContext().close()
  }).timeout(90000)

  test('registers, inspections, tickets and work-report pages render in NL', async ({
    client,
    assert,
  }) => {
    const { org, building } = await legalFixture(client, 'Syndic Pages')
    await call(client, org, 'post', `/buildings/${building.id}/disputes`, {
      kind: 'legal_proceeding',
      title: 'Waterschade — procedure tegen aannemer',
      amountClaimed: '12500.00',
      openedOn: '2026-04-02',
    })
    const insp = (
      await call(client, org, 'post', `/buildings/${building.id}/technical-inspections`, {
        type: 'elevator',
        scheduledDate: '2026-05-02',
      })
    ).body()
    await call(client, org, 'put', `/technical-inspections/${insp.id}/complete`, {
      result: 'passed',
      inspectionDate: '2026-05-02',
    })
    await call(client, org, 'post', `/buildings/${building.id}/technical-inspections`, {
      type: 'fire_safety',
      scheduledDate: new Date().toISOString().slice(0, 10),
    })
    await call(client, org, 'post', `/buildings/${building.id}/tickets`, {
      title: 'Lift blijft hangen',
      description: 'De lift stopt tussen de 2e en 3e verdieping.',
      category: 'elevator',
      priority: 'high',
    })
    const { page, errors } = await openPage(tb, { locale: 'nl', ignore: [HMR] })
    await login(page, org.email)
    for (const [path, selector, name, text] of [
      ['/app/legal/registers', '[data-test=register-disputes]', 'legal-registers', 'Waterschade'],
      [
        '/app/legal/inspections',
        '[data-test=compliance-board]',
        'legal-inspections',
        'Nooit uitgevoerd',
      ],
      ['/app/legal/tickets', '[data-test=tickets-board]', 'legal-tickets', 'Lift blijft hangen'],
      ['/app/legal/work-reports', 'main', 'legal-work-reports', 'Werkverslagen'],
    ] as const) {
      await visit(page, path)
      await page.waitForSelector(selector)
      await waitForText(page, text)
      await screenshot(page, name)
      assert.deepEqual(await a11yProblems(page), [], path)
    }
    // The calendar shows this month's scheduled visit.
    await visit(page, '/app/legal/inspections')
    await page.waitForSelector('.legal-calendar__event--scheduled')
    assert.deepEqual(errors, [])
    await page.browserContext().close()
  }).timeout(90000)

  test('contractor submits a report with a photo on a phone; the syndic approves it', async ({
    client,
    assert,
  }) => {
    const { org, building } = await legalFixture(client, 'Syndic Mobile')
    const contractorUser = await addMember(org, 'contractor')
    const contractor = (
      await call(client, org, 'post', '/contractors', {
        name: 'Benali Plomberie',
        email: 'benali@plomberie.test',
        userId: contractorUser.userId,
      })
    ).body()
    const ticket = (
      await call(client, org, 'post', `/buildings/${building.id}/tickets`, {
        title: 'Fuite buanderie',
        description: 'Flaque sous l’évier chaque matin.',
        category: 'plumbing',
      })
    ).body()
    await call(client, org, 'put', `/tickets/${ticket.id}/assign`, { contractorId: contractor.id })

    const { page, errors } = await openPage(tb, { locale: 'fr', ignore: [HMR] })
    await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true })
    await login(page, await emailOf(contractorUser.userId))
    await visit(page, `/o/${org.slug}/work`)
    await page.waitForSelector('[data-ticket="Fuite buanderie"]')
    await screenshot(page, 'legal-contractor-tickets-390')
    await page.$eval('[data-test=write-report]', (el: any) => el.click())
    await page.waitForSelector('[data-test=report-form]')
    await page.type('[data-test=report-form] textarea', 'Siphon remplacé, test d’étanchéité OK.')
    await page.$eval('[data-test=save-draft]', (el: any) => el.click())
    await page.waitForSelector('[data-test=draft]')
    const dir = join(process.cwd(), 'tmp')
    await mkdir(dir, { recursive: true })
    const photo = join(dir, 'legal-photo.png')
    await writeFile(photo, samplePng())
    const input = await page.$('[data-test=report-photo]')
    await (input as any).uploadFile(photo)
    await page.waitForFunction(() =>
      document.querySelector('[data-test=photo-count]')?.textContent?.startsWith('1')
    )
    await screenshot(page, 'legal-contractor-report-390')
    // The module's content fits the phone (no horizontal scrolling inside it).
    const overflow = await page.evaluate(() => {
      const el = document.querySelector('.legal-mobile')
      return el.scrollWidth - el.clientWidth
    })
    assert.equal(overflow, 0)
    await page.$eval('[data-test=submit-report]', (el: any) => el.click())
    await waitForText(page, 'Rapport soumis')
    assert.deepEqual(errors, [])
    await page.browserContext().close()

    const syndic = await openPage(tb, { locale: 'fr', ignore: [HMR] })
    await login(syndic.page, org.email)
    await visit(syndic.page, '/app/legal/work-reports')
    await syndic.page.waitForSelector('[data-report="Fuite buanderie"] img')
    await screenshot(syndic.page, 'legal-work-report-approval')
    await syndic.page.click('[data-test=approve]')
    await waitForText(syndic.page, 'Rapport approuvé')
    const [row] = await db.connection('owner').from('legal_tickets').where('id', ticket.id)
    assert.equal(row.status, 'resolved')
    assert.deepEqual(syndic.errors, [])
    await syndic.page.browserContext().close()
  }).timeout(120000)

  test('a co-owner reports a problem from the portal and follows it', async ({
    client,
    assert,
  }) => {
    const { org, unit } = await legalFixture(client, 'Syndic Portail')
    const ownerUser = await addMember(org, 'owner')
    const person = await createOwner(client, org, {
      firstName: 'Julie',
      lastName: 'Moreau',
      userId: ownerUser.userId,
    })
    await db
      .connection('owner')
      .from('unit_owners')
      .where('unit_id', unit.id)
      .update({ owner_id: person.id })
    const { page, errors } = await openPage(tb, { locale: 'de', ignore: [HMR] })
    await login(page, await emailOf(ownerUser.userId))
    await visit(page, `/o/${org.slug}/tickets`)
    await page.waitForSelector('[data-test=ticket-form]')
    await page.type('[data-test=ticket-form] input[type=text]', 'Tür im Keller klemmt')
    await page.type('[data-test=ticket-form] textarea', 'Die Kellertür lässt sich kaum öffnen.')
    await page.click('[data-test=ticket-form] button[type=submit]')
    await waitForText(page, 'Ihre Meldung wurde gesendet')
    await page.waitForSelector('[data-test=my-tickets] li')
    await waitForText(page, 'Tür im Keller klemmt')
    await screenshot(page, 'legal-portal-tickets')
    assert.deepEqual(await a11yProblems(page), [])
    assert.deepEqual(errors, [])
    await page.browserContext().close()
  }).timeout(60000)

  test('a notary requests an état daté on the public page, pays on Stripe Checkout and follows it with the tracking link', async ({
    client,
    assert,
  }) => {
    await resetNotaryLimits('127.0.0.1')
    const fake: FakeStripe = await startFakeStripe()
    await drainQueues(['billing'])
    const worker = startTestWorker({ queues: ['billing'] })
    const { org } = await legalFixture(client, 'Syndic Notaire Public')
    await call(client, org, 'put', '/legal/settings', { notaryFee: '150.00' })
    await db
      .connection('owner')
      .from('organisations')
      .where('id', org.organisationId)
      .update({ primary_color: '#7c2d12' })
    const { page, errors } = await openPage(tb, { locale: 'en', ignore: [HMR] })
    await visit(page, `/o/${org.slug}/notary`)
    await page.waitForSelector('[data-test=notary-form]')
    assert.include(
      await page.$eval('[data-test=notary-brand]', (e: any) => e.textContent),
      'Syndic Notaire Public'
    )
    await screenshot(page, 'legal-notary-request')
    assert.deepEqual(await a11yProblems(page), [])
    const fields: [string, string][] = [
      ['Notary', 'Maître Anne Lambert'],
      ['Office', 'Étude Lambert'],
      ['E-mail', 'anne@lambert.test'],
      ['Street and number', 'Avenue Louise 221'],
      ['Postal code', '1050'],
      ['City', 'Ixelles'],
      ['Unit number', 'A3'],
    ]
    for (const [label, value] of fields) {
      const id = await page.evaluate(
        (text: string) =>
          [...document.querySelectorAll('label')]
            .find((l: any) => l.textContent.replace('*', '').trim() === text)
            ?.getAttribute('for'),
        label
      )
      await page.type(`[id="${id}"]`, value)
    }
    await page.click('[data-test=notary-submit]')
    // The fake Stripe Checkout page (another origin): pay, come back to the tracking page.
    await page.waitForFunction(() => document.location.href.includes('/c/pay/'), { timeout: 20000 })
    await page.waitForSelector('button[type=submit]')
    await screenshot(page, 'legal-notary-checkout')
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'networkidle0' }),
      page.click('button[type=submit]'),
    ])
    assert.match(
      new URL(page.url()).pathname,
      new RegExp(`^/o/${org.slug}/notary/track/[A-Za-z0-9_-]{40,}$`)
    )
    await page.waitForSelector('[data-test=tracking-status]')
    await waitForText(page, 'In preparation')
    await page.waitForSelector('[data-test=due-date]')
    await screenshot(page, 'legal-notary-tracking')
    assert.deepEqual(await a11yProblems(page), [])
    assert.deepEqual(errors, [])
    await page.browserContext().close()
    await worker.close()
    await fake.stop()
  }).timeout(90000)
})
