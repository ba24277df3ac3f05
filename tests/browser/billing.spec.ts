import { test } from '@japa/runner'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
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
import { startFakeStripe, type FakeStripe } from '#tests/helpers/fake_stripe'
import { startSmtpSink, type SmtpSink } from '#tests/helpers/smtp_sink'
import { drainQueues, startTestWorker, type WorkerHandle } from '#tests/helpers/worker'
import { signupOrg, STRONG_PASSWORD, uniq } from '#tests/helpers/api'
import {
  enabledModules,
  ownerRows,
  subscribe,
  waitForDeliveries,
  waitUntil,
} from '#tests/functional/billing/helpers'

// Evaluated in the page (puppeteer): the browser's globals, untyped on the Node side.
declare const location: any

type Locale = 'fr' | 'nl' | 'de' | 'en'
const billingMessages = (locale: Locale) =>
  JSON.parse(
    readFileSync(join(process.cwd(), 'resources/inertia/i18n/billing', `${locale}.json`), 'utf8')
  )

// The test server serves the Vite client; its HMR websocket is not ours to judge here.
const CSP_DEV = [/Content Security Policy directive: "connect-src/]

async function settle(page: Page) {
  await page.waitForNetworkIdle({ idleTime: 250, timeout: 15000 }).catch(() => {})
}

test.group('Browser billing: pricing → sign-up → plan → Stripe Checkout → active', (group) => {
  let tb: TestBrowser
  let fake: FakeStripe
  let worker: WorkerHandle
  let sink: SmtpSink
  group.setup(async () => {
    tb = await launchBrowser()
    fake = await startFakeStripe()
    sink = await startSmtpSink()
    await drainQueues(['billing'])
    worker = startTestWorker({ queues: ['billing'] })
    return async () => {
      await worker.close()
      await sink.close()
      await fake.stop()
      await tb.close()
    }
  })

  test('the pricing page speaks FR, NL, DE and EN', async ({ assert }) => {
    for (const locale of ['fr', 'nl', 'de', 'en'] as const) {
      const { page, errors } = await openPage(tb, { locale, ignore: CSP_DEV })
      await visit(page, '/pricing')
      await waitForText(page, billingMessages(locale).pricing.headline)
      assert.lengthOf(await page.$$('[data-test^=pricing-start-]'), 3)
      assert.deepEqual(await a11yProblems(page), [])
      if (locale !== 'fr') await screenshot(page, `billing-pricing-${locale}`)
      assert.deepEqual(errors, [], errors.join('\n'))
      await page.browserContext().close()
    }
  })

  test('onboarding journey through to an active subscription', async ({ assert }) => {
    const { page, errors } = await openPage(tb, { locale: 'fr', ignore: CSP_DEV })
    const fr = billingMessages('fr')
    const email = `${uniq('syndic')}@example.test`

    // 1. Home → pricing.
    await visit(page, '/')
    await Promise.all([settle(page), page.click('[data-test=pricing-link]')])
    await page.waitForFunction(() => location.pathname === '/pricing')
    await waitForText(page, fr.pricing.headline)
    await screenshot(page, 'billing-01-pricing')

    // 2. Start the trial from the Pro card → sign-up.
    await Promise.all([settle(page), page.click('[data-test=pricing-start-pro]')])
    await page.waitForFunction(() => location.pathname === '/signup')
    await fillByLabel(page, 'Nom de votre bureau', `Syndic ${uniq('')}`)
    await fillByLabel(page, 'Nom complet', 'Luc Janssens')
    await fillByLabel(page, 'Adresse e-mail', email)
    await fillByLabel(page, 'Mot de passe', STRONG_PASSWORD)
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'networkidle0' }),
      page.click('[data-test=signup-form] button[type=submit]'),
    ])
    assert.equal(new URL(page.url()).pathname, '/app')
    await page.waitForSelector('[data-test=billing-banner]')

    // 3. "Choose a plan" from the trial banner.
    await Promise.all([settle(page), page.click('[data-test=billing-banner-link]')])
    await page.waitForFunction(() => location.pathname === '/app/billing/plans')
    await waitForText(page, fr.plans.title)
    assert.deepEqual(await a11yProblems(page), [])
    await screenshot(page, 'billing-02-choose-plan')

    // 4. Pro → the (fake) Stripe Checkout page.
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'networkidle0' }),
      page.click('[data-test=choose-pro] button'),
    ])
    assert.match(page.url(), new RegExp(`^${fake.url}/c/pay/cs_test_`))
    await waitForText(page, '€59.00 / month')
    await page.click('input[value=sepa_debit]')
    await screenshot(page, 'billing-03-checkout')

    // 5. Pay → back in the app; the webhook activates the subscription.
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'networkidle0' }),
      page.click('button[type=submit]'),
    ])
    assert.equal(new URL(page.url()).pathname, '/app/billing')
    await waitForText(page, fr.page.checkoutSuccess)
    await page.waitForFunction(
      (text: string) =>
        (globalThis as any).document
          .querySelector('[data-test=billing-status]')
          ?.textContent?.trim() === text,
      {},
      fr.status.active
    )
    await waitForText(page, 'VME-')
    await screenshot(page, 'billing-04-active')

    const [org] = await ownerRows(
      `select o.id, o.status, o.plan from organisations o join memberships m on m.organisation_id = o.id
       join users u on u.id = m.user_id where u.email = ?`,
      [email]
    )
    assert.equal(org.status, 'active')
    assert.equal(org.plan, 'pro')
    await waitUntil(async () => {
      const mods = await enabledModules(org.id)
      return mods.iot === false
    })
    const modules = await enabledModules(org.id)
    assert.isTrue(modules.accounting)
    assert.isTrue(modules.legal)

    // 6. The customer portal opens from the billing page.
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'networkidle0' }),
      clickText(page, fr.page.portal),
    ])
    assert.match(page.url(), new RegExp(`^${fake.url}/p/session/bps_`))
    assert.deepEqual(errors, [], errors.join('\n'))
  })

  test('past_due shows the banner to the whole staff; the admin is led to billing', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client, 'Syndic Retard')
    const { subscription } = await subscribe(client, fake, org, 'essential')
    const failed = await fake.failPayment(subscription!.id)
    await waitForDeliveries(failed.deliveries)

    const { page, errors } = await openPage(tb, { locale: 'nl', ignore: CSP_DEV })
    await visit(page, '/login')
    await page.type('input[name=email]', org.email)
    await page.type('input[name=password]', STRONG_PASSWORD)
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'networkidle0' }),
      page.click('[data-test=login-form] button[type=submit]'),
    ])
    const nl = billingMessages('nl')
    await page.waitForSelector('[data-test=billing-banner]')
    await waitForText(page, nl.banner.pastDueShort)
    await screenshot(page, 'billing-05-past-due-banner')
    assert.isTrue(sink.messages.some((m) => m.to.includes(org.email)))
    await Promise.all([settle(page), page.click('[data-test=billing-banner-link]')])
    await page.waitForFunction(() => location.pathname === '/app/billing')
    await waitForText(page, nl.status.past_due)
    assert.deepEqual(await a11yProblems(page), [])
    assert.deepEqual(errors, [], errors.join('\n'))
  })
})
