import { test } from '@japa/runner'
import type { Page } from 'puppeteer-core'
import {
  a11yProblems,
  clickText,
  fillByLabel,
  launchBrowser,
  openPage,
  screenshot,
  visit,
  waitForText,
  type TestBrowser,
} from '#tests/helpers/browser'
import { STRONG_PASSWORD } from '#tests/helpers/api'
import { startSmtpSink, type SmtpSink } from '#tests/helpers/smtp_sink'
import { call } from '#tests/functional/buildings/helpers'
import { clearGdprRateLimit } from '#modules/gdpr/index'
import { createPerson, gdprCall, ownerQuery, signupOrg } from '../functional/helpers.js'

declare const document: any
declare const window: any

/**
 * The test server runs the Vite dev server (app environment "test"), whose HMR socket is
 * shared by every concurrent run on this machine and blocked by the CSP: its connection
 * errors are infrastructure noise, not errors of these pages.
 */
const IGNORE = [
  /ws:\/\/127\.0\.0\.1:\d+/,
  /\[vite\] failed to connect to websocket/,
  /WebSocket closed without opened/,
]

/**
 * Click that survives a re-render: the test server's Vite dev server pushes HMR updates
 * when other work in the tree changes shared files, which can detach a node mid-test.
 */
async function clickSafely(page: Page, selector: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.waitForSelector(selector, { visible: true })
      await page.click(selector)
      return
    } catch (error) {
      if (attempt >= 3 || !/detached|not clickable|no node/i.test(String(error))) throw error
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }
}

async function login(page: Page, email: string) {
  await visit(page, '/login')
  await page.type('input[name=email]', email)
  await page.type('input[name=password]', STRONG_PASSWORD)
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'networkidle0' }),
    page.click('[data-test=login-form] button[type=submit]'),
  ])
}

test.group('Browser gdpr: owner portal "My data"', (group) => {
  let tb: TestBrowser
  let sink: SmtpSink
  group.setup(async () => {
    tb = await launchBrowser()
    sink = await startSmtpSink()
    return async () => {
      await sink.close()
      await tb.close()
    }
  })

  test('reached from the portal navigation; rectify, marketing, erase check and erase', async ({
    client,
    assert,
  }) => {
    const p = await createPerson(client)
    const { page, errors } = await openPage(tb, { locale: 'fr', ignore: IGNORE })
    await login(page, p.email)
    // The "Mes données" entry comes from the module manifest's portalNavigation.
    await page.waitForSelector('[data-test=portal-nav]')
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'networkidle0' }),
      clickText(page, 'Mes données', '[data-test=portal-nav] a'),
    ])
    assert.equal(new URL(page.url()).pathname, `/o/${p.orgA.slug}/my-data`)
    await waitForText(page, 'Télécharger mes données')
    const orgs = await page.$eval('[data-test=gdpr-orgs]', (el: any) => el.textContent)
    assert.include(orgs, 'Syndic Alpha')
    assert.include(orgs, 'Syndic Bravo')
    assert.deepEqual(await a11yProblems(page), [])

    // Rectify the phone.
    await fillByLabel(page, 'Téléphone', '+32 2 511 22 33')
    await clickSafely(page, '[data-test=rectify-submit]')
    await waitForText(page, 'Vos données ont été mises à jour.')
    const [owner] = await ownerQuery(`select phone from owners where id = ?`, [p.ownerA.id])
    assert.equal(owner.phone, '+32 2 511 22 33')

    // Marketing opt-in (a switch, keyboard reachable).
    await page.focus('[data-test=marketing-toggle]')
    await page.keyboard.press('Space')
    await waitForText(page, 'Vous recevrez la lettre d’information.')
    const [pref] = await ownerQuery(
      `select marketing_opt_in from gdpr_preferences where user_id = ?`,
      [p.userId]
    )
    assert.isTrue(pref.marketing_opt_in)

    await clickSafely(page, '[data-test=erase-check]')
    await page.waitForSelector('[data-test=erase-form]')
    await screenshot(page, 'gdpr-my-data')
    await fillByLabel(page, 'Tapez EFFACER pour confirmer', 'EFFACER')
    await clickSafely(page, '[data-test=erase-submit]')
    // After the erasure the page leaves for the home page (the session is no longer valid).
    await page.waitForFunction(() => window.location.pathname === '/', { timeout: 30000 })
    const [user] = await ownerQuery(`select full_name from users where id = ?`, [p.userId])
    assert.match(user.full_name, /^Anonymised user #/)
    assert.deepEqual(errors, [])
  })

  test('an only admin sees why erasure is blocked (English)', async ({ client, assert }) => {
    const org = await signupOrg(client, 'Syndic Solo')
    await clearGdprRateLimit(org.userId)
    const { page, errors } = await openPage(tb, { locale: 'en', ignore: IGNORE })
    await login(page, org.email)
    await visit(page, `/o/${org.slug}/my-data`)
    await clickSafely(page, '[data-test=erase-check]')
    await page.waitForSelector('[data-test=erase-blocked]')
    const text = await page.$eval('[data-test=erase-blocked]', (el: any) => el.textContent)
    assert.include(text, 'only administrator')
    assert.include(await page.evaluate(() => document.body.innerText), 'What is kept, and why')
    await screenshot(page, 'gdpr-my-data-blocked')
    assert.deepEqual(errors, [])
  })

  test('the e-mail confirmation page applies the new address after a click (Dutch)', async ({
    client,
    assert,
  }) => {
    const p = await createPerson(client)
    const newEmail = `nieuw-${p.email}`
    await gdprCall(client, { token: p.token }, 'put', '/gdpr/rectify', { email: newEmail })
    const mail = await sink.waitFor((m) => m.to.includes(newEmail), 10000)
    const path = /\/gdpr\/confirm-email\/[A-Za-z0-9_-]+/.exec(mail.text)![0]
    const { page, errors } = await openPage(tb, { locale: 'nl', ignore: IGNORE })
    await visit(page, path)
    await waitForText(page, 'Bevestig dat')
    assert.deepEqual(await a11yProblems(page), [])
    await clickSafely(page, '[data-test=confirm-email]')
    await page.waitForSelector('[data-test=confirmed]')
    await screenshot(page, 'gdpr-confirm-email')
    const [user] = await ownerQuery(`select email from users where id = ?`, [p.userId])
    assert.equal(user.email, newEmail)
    assert.deepEqual(errors, [])
  })
})

test.group('Browser gdpr: admin registers', (group) => {
  let tb: TestBrowser
  group.setup(async () => {
    tb = await launchBrowser()
    return () => tb.close()
  })

  test('rights requests log (German)', async ({ client, assert }) => {
    const p = await createPerson(client)
    await gdprCall(
      client,
      { token: p.token, organisationId: p.orgA.organisationId },
      'get',
      '/gdpr/export'
    )
    const { page, errors } = await openPage(tb, { locale: 'de', ignore: IGNORE })
    await login(page, p.orgA.email)
    await visit(page, '/app/gdpr/requests')
    await page.waitForSelector('[data-test=requests-table] tbody tr')
    const body = await page.evaluate(() => document.body.innerText)
    assert.include(body, 'Auskunft (Export)')
    assert.include(body, p.fullName)
    assert.deepEqual(await a11yProblems(page), [])
    await screenshot(page, 'gdpr-requests')
    assert.deepEqual(errors, [])
  })

  test('processing register: standard activities and adding one', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const { page, errors } = await openPage(tb, { locale: 'fr', ignore: IGNORE })
    await login(page, org.email)
    await visit(page, '/app/gdpr/processing-activities')
    await waitForText(page, 'Tenue de la liste des copropriétaires')
    await fillByLabel(page, 'Traitement', 'Vidéosurveillance du parking')
    await page.type('textarea[name=purpose]', 'Sécurité du parking souterrain.')
    await fillByLabel(page, 'Personnes concernées', 'Occupants, Visiteurs')
    await fillByLabel(page, 'Catégories de données', 'Images')
    await fillByLabel(page, 'Durée de conservation', '30 jours')
    await clickSafely(page, '[data-test=activity-save]')
    await waitForText(page, 'Traitement enregistré.')
    await waitForText(page, 'Vidéosurveillance du parking')
    assert.deepEqual(await a11yProblems(page), [])
    await screenshot(page, 'gdpr-processing-register')
    assert.deepEqual(errors, [])
  })

  test('breach register with the 72-hour countdown', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const res = await call(client, org, 'post', '/gdpr/incidents', {
      title: 'Envoi groupé avec destinataires visibles',
      description: 'Un appel de fonds envoyé avec 42 adresses en copie visible.',
      detectedAt: new Date(Date.now() - 10 * 3600_000).toISOString(),
      affectedSubjects: 42,
    })
    assert.equal(res.status(), 201)
    const { page, errors } = await openPage(tb, { locale: 'fr', ignore: IGNORE })
    await login(page, org.email)
    await visit(page, '/app/gdpr/incidents')
    await page.waitForSelector('[data-test=countdown]')
    const countdown = await page.$eval('[data-test=countdown]', (el: any) => el.textContent)
    assert.match(countdown, /Reste 6[12] h/)
    assert.deepEqual(await a11yProblems(page), [])
    await screenshot(page, 'gdpr-incidents')
    await clickSafely(page, '[data-test=mark-notified]')
    await waitForText(page, 'Notifiée le')
    const [row] = await ownerQuery(`select status from gdpr_incidents where id = ?`, [
      res.body().id,
    ])
    assert.equal(row.status, 'notified')
    assert.deepEqual(errors, [])
  })
})
