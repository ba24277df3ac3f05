import { test } from '@japa/runner'
import type { Page } from 'puppeteer-core'
import {
  a11yProblems,
  fillByLabel,
  launchBrowser,
  openPage,
  screenshot,
  visit,
  type TestBrowser,
  type TrackedPage,
} from '#tests/helpers/browser'
import { signupOrg, STRONG_PASSWORD, type TestOrg } from '#tests/helpers/api'
import { translate, type Locale } from '#tests/helpers/i18n'
import { notify } from '#services/notification_service'
import { withTenant } from '#tenancy/tenant_context'

// Evaluated in the page (puppeteer): the browser's globals, untyped on the Node side.
declare const document: any
declare const location: any
declare const getComputedStyle: any

/** A 404 from an API call the page makes on purpose is not a page error. */
const EXPECTED_404 = /Failed to load resource: the server responded with a status of 404/
/** Chromium logs the 422/401 of the invalid forms this test submits on purpose. */
const EXPECTED_FORM_ERRORS =
  /Failed to load resource: the server responded with a status of (401|404|422)/

async function h1(page: Page) {
  return page.$eval('h1', (e) => e.textContent?.trim() ?? '')
}

/** Logs the admin in through the login page (session cookie for this context). */
async function login(tracked: TrackedPage, email: string) {
  const { page } = tracked
  await visit(page, '/login')
  await page.type('input[name=email]', email)
  await page.type('input[name=password]', STRONG_PASSWORD)
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'networkidle0' }),
    page.click('[data-test=login-form] button[type=submit]'),
  ])
}

test.group('Browser pages: each page renders in FR and another language', (group) => {
  let tb: TestBrowser
  let org: TestOrg
  let buildingId: string
  group.setup(async () => {
    tb = await launchBrowser()
    return () => tb.close()
  })

  test('seed an organisation through the API', async ({ client, assert }) => {
    org = await signupOrg(client, 'Syndic Pages')
    const auth = { Authorization: `Bearer ${org.token}` }
    const b = await client
      .post('/api/v1/buildings')
      .headers(auth)
      .json({
        name: 'Résidence Horta',
        address: { street: 'Rue Américaine 25', postalCode: '1060', city: 'Saint-Gilles' },
        totalQuota: 1000,
      })
    assert.equal(b.status(), 201)
    buildingId = b.body().id
    const u = await client
      .post(`/api/v1/buildings/${buildingId}/units`)
      .headers(auth)
      .json({ number: 'B2', type: 'apartment', floor: '2', quota: 300 })
    assert.equal(u.status(), 201)
    const o = await client
      .post('/api/v1/owners')
      .headers(auth)
      .json({ kind: 'company', companyName: 'Immo Horta SRL', email: 'horta@example.test' })
    assert.equal(o.status(), 201)
    const uo = await client
      .post(`/api/v1/units/${u.body().id}/owners`)
      .headers(auth)
      .json({ ownerId: o.body().id, percentage: 100 })
    assert.equal(uo.status(), 201)
    // A module switched off, for the "module not enabled" page.
    const off = await client
      .put('/api/v1/organisation/modules/iot')
      .headers(auth)
      .json({ enabled: false })
    assert.equal(off.status(), 200)
  })

  for (const locale of ['fr', 'de', 'nl', 'en'] as Locale[]) {
    const t = (key: string, params?: Record<string, string | number>) =>
      translate(locale, key, params)

    test(`public pages (${locale})`, async ({ assert }) => {
      const tracked = await openPage(tb, { locale, ignore: [EXPECTED_FORM_ERRORS] })
      const { page, errors } = tracked

      await visit(page, '/')
      assert.equal(await h1(page), t('public.home.headline'))
      assert.equal(await page.$$eval('[data-test^=plan-]', (els) => els.length), 3)
      assert.equal(await page.$eval('html', (e) => e.lang), locale)
      await screenshot(page, `home-${locale}`)
      assert.deepEqual(await a11yProblems(page), [], 'home')

      await visit(page, '/signup')
      await page.waitForSelector('[data-test=signup-form]')
      assert.equal(await h1(page), t('auth.signup.headline'))
      // Every input of the form has a label pointing at it.
      const unlabelled = await page.$$eval(
        'form input, form select',
        (els) =>
          els.filter((el) => !el.id || !document.querySelector(`label[for="${el.id}"]`)).length
      )
      assert.equal(unlabelled, 0)
      await screenshot(page, `signup-${locale}`)
      assert.deepEqual(await a11yProblems(page), [], 'signup')

      // Server-side validation errors are shown next to their field and announced.
      await fillByLabel(page, t('fields.organisationName'), 'X')
      await page.click('[data-test=signup-form] button[type=submit]')
      await page.waitForSelector('.field--invalid')
      const described = await page.$$eval('[aria-invalid=true]', (els) =>
        els.every((el) => {
          const ids = (el.getAttribute('aria-describedby') ?? '').split(' ')
          return ids.some((id: string) => document.getElementById(id)?.textContent?.trim())
        })
      )
      assert.isTrue(described)

      await visit(page, '/login')
      assert.equal(await h1(page), t('auth.login.title'))
      await page.type('input[name=email]', 'nobody@example.test')
      await page.type('input[name=password]', 'wrong-password-123')
      await page.click('[data-test=login-form] button[type=submit]')
      await page.waitForSelector('[role=alert]')
      assert.equal(
        await page.$eval('[role=alert]', (e) => e.textContent?.trim()),
        t('errors.E_INVALID_CREDENTIALS')
      )
      await screenshot(page, `login-${locale}`)
      assert.deepEqual(await a11yProblems(page), [], 'login')

      await visit(page, '/invitations/not-a-real-token-0000000000')
      await page.waitForSelector('.invite__problem')
      assert.equal(await h1(page), t('invitation.notFound'))

      assert.deepEqual(errors, [], errors.join('\n'))
      await page.browserContext().close()
    })

    test(`staff app pages (${locale})`, async ({ assert }) => {
      const tracked = await openPage(tb, { locale, ignore: [EXPECTED_404] })
      const { page, errors } = tracked
      await login(tracked, org.email)
      assert.equal(new URL(page.url()).pathname, '/app')

      assert.equal(await h1(page), t('dashboard.greeting', { name: 'Alice' }))
      await page.waitForSelector('[data-test=trial-banner]')
      assert.equal(
        await page.$eval('[data-test=stat-buildings] .stat__value', (e) => e.textContent),
        '1'
      )
      await screenshot(page, `dashboard-${locale}`)
      assert.deepEqual(await a11yProblems(page), [], 'dashboard')

      await visit(page, '/app/buildings')
      assert.equal(await h1(page), t('nav.buildings'))
      await page.waitForSelector('[data-test=buildings-table]')
      await screenshot(page, `buildings-${locale}`)
      assert.deepEqual(await a11yProblems(page), [], 'buildings')

      await visit(page, `/app/buildings/${buildingId}`)
      assert.equal(await h1(page), 'Résidence Horta')
      await page.waitForSelector('[data-test=units-table] tr[data-unit="B2"]')
      assert.equal(await page.$eval('.quota__bar', (e) => e.getAttribute('aria-valuenow')), '300')
      await screenshot(page, `building-${locale}`)
      assert.deepEqual(await a11yProblems(page), [], 'building')

      await visit(page, '/app/owners')
      assert.equal(await h1(page), t('nav.owners'))
      await page.waitForSelector('[data-test=owners-table] tr[data-owner="horta@example.test"]')
      await screenshot(page, `owners-${locale}`)
      assert.deepEqual(await a11yProblems(page), [], 'owners')

      await visit(page, '/app/members')
      assert.equal(await h1(page), t('nav.members'))
      await page.waitForSelector('[data-test=members-table]')
      await page.waitForSelector('[data-test=invite-member-form]')
      await screenshot(page, `members-${locale}`)
      assert.deepEqual(await a11yProblems(page), [], 'members')

      await visit(page, '/app/modules')
      assert.equal(await h1(page), t('nav.modules'))
      // Toggles are real switches; gdpr (required) has none.
      assert.equal(await page.$$eval('[role=switch]', (els) => els.length), 4)
      assert.equal(
        await page.$eval('[data-module=iot] [role=switch]', (e) => e.getAttribute('aria-checked')),
        'false'
      )
      assert.isNull(await page.$('[data-module=gdpr] [role=switch]'))
      await screenshot(page, `modules-${locale}`)
      assert.deepEqual(await a11yProblems(page), [], 'modules')

      await visit(page, '/app/modules/iot')
      await page.waitForSelector('[data-test=module-disabled]')
      await screenshot(page, `module-disabled-${locale}`)
      assert.deepEqual(await a11yProblems(page), [], 'module-disabled')

      await visit(page, '/app/modules/accounting')
      await page.waitForSelector('[data-test=module-summary] .quota')
      await screenshot(page, `module-accounting-${locale}`)
      assert.deepEqual(await a11yProblems(page), [], 'module-accounting')

      await visit(page, '/app/settings/branding')
      assert.equal(await h1(page), t('nav.branding'))
      await page.waitForSelector('[data-test=branding-preview]')
      await screenshot(page, `branding-${locale}`)
      assert.deepEqual(await a11yProblems(page), [], 'branding')

      // The organisation's portal renders for a member too (no unit of their own).
      await visit(page, `/o/${org.slug}`)
      await page.waitForSelector('[data-test=portal-brand]')
      await screenshot(page, `portal-empty-${locale}`)
      assert.deepEqual(await a11yProblems(page), [], 'portal-empty')

      // Unknown building: the error page, not a crash.
      const res = await visit(page, '/app/buildings/00000000-0000-4000-8000-000000000000')
      assert.equal(res?.status(), 404)
      assert.equal(await h1(page), t('errorPage.404.title'))

      assert.deepEqual(errors, [], errors.join('\n'))
      await page.browserContext().close()
    })
  }

  test('notification bell: unread count, panel, mark all read', async ({ assert }) => {
    await withTenant(org.organisationId, () =>
      notify({
        userIds: [org.userId],
        type: 'test.hello',
        title: 'Appel de fonds envoyé',
        body: 'Résidence Horta, T1',
        url: `/app/buildings/${buildingId}`,
      })
    )
    const tracked = await openPage(tb, { locale: 'fr' })
    const { page, errors } = tracked
    await login(tracked, org.email)
    await page.waitForSelector('.bell__badge')
    assert.equal(await page.$eval('.bell__badge', (e) => e.textContent?.trim()), '1')
    assert.equal(
      await page.$eval('[data-test=notification-bell]', (e) => e.getAttribute('aria-label')),
      translate('fr', 'notifications.labelCount', { n: 1 })
    )
    await page.click('[data-test=notification-bell]')
    await page.waitForSelector('#notification-panel .bell__item')
    assert.include(
      await page.$eval('#notification-panel', (e) => e.textContent),
      'Appel de fonds envoyé'
    )
    await screenshot(page, 'notifications-fr')
    await page.click('#notification-panel .link-btn')
    await page.waitForFunction(() => !document.querySelector('.bell__badge'))
    assert.deepEqual(errors, [], errors.join('\n'))
    await page.browserContext().close()
  })

  test('interactions: toggle a module, change language, keyboard on switches', async ({
    assert,
  }) => {
    const tracked = await openPage(tb, { locale: 'fr' })
    const { page, errors } = tracked
    await login(tracked, org.email)

    await visit(page, '/app/modules')
    // Keyboard: focus the iot switch and press Space.
    await page.focus('[data-module=iot] [role=switch]')
    await page.keyboard.press('Space')
    await page.waitForFunction(
      () =>
        document.querySelector('[data-module=iot] [role=switch]')?.getAttribute('aria-checked') ===
        'true'
    )
    // The navigation now lists the module.
    await page.waitForSelector('a[href="/app/iot"].nav__link')

    // Language switch: a plain cookie, then a reload in Dutch.
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'networkidle0' }),
      page.select('[data-test=language-switch]', 'nl'),
    ])
    assert.equal(await page.$eval('html', (e) => e.lang), 'nl')
    assert.equal(await h1(page), translate('nl', 'nav.modules'))
    const cookies = await page.cookies()
    const cookie = cookies.find((c) => c.name === 'locale')
    assert.equal(cookie?.value, 'nl')

    // Small screens: the sidebar becomes a drawer opened by the menu button.
    await page.setViewport({ width: 390, height: 844 })
    await visit(page, `/app/buildings/${buildingId}`)
    assert.isFalse(await page.$eval('.sidebar', (e) => e.getBoundingClientRect().right > 0))
    await screenshot(page, 'building-mobile-nl')
    await page.click('.topbar__menu')
    await page.waitForFunction(
      () => document.querySelector('.sidebar')!.getBoundingClientRect().left >= 0
    )
    await screenshot(page, 'menu-mobile-nl')
    await page.setViewport({ width: 1280, height: 860 })
    await visit(page, '/app/modules')

    // Logout from the user menu.
    await page.click('[data-test=user-menu]')
    await page.click('[data-test=logout]')
    await page.waitForFunction(() => location.pathname === '/login')
    await visit(page, '/app')
    assert.equal(new URL(page.url()).pathname, '/login')
    assert.deepEqual(errors, [], errors.join('\n'))
  })
})
