import { test } from '@japa/runner'
import Membership from '#models/membership'
import {
  a11yProblems,
  launchBrowser,
  openPage,
  screenshot,
  url,
  visit,
  type TestBrowser,
  type TrackedPage,
} from '#tests/helpers/browser'
import { signupOrg, STRONG_PASSWORD } from '#tests/helpers/api'
import { translate } from '#tests/helpers/i18n'

// Evaluated in the page (puppeteer): the browser's globals, untyped on the Node side.
declare const document: any
declare const location: any

async function submitLogin({ page }: TrackedPage, email: string) {
  await page.waitForSelector('[data-test=login-form]')
  await page.type('input[name=email]', email)
  await page.type('input[name=password]', STRONG_PASSWORD)
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'networkidle0' }),
    page.click('[data-test=login-form] button[type=submit]'),
  ])
}

const h1 = (t: TrackedPage) => t.page.$eval('h1', (e) => e.textContent?.trim() ?? '')

test.group('Browser access: guests, other organisations, roles', (group) => {
  let tb: TestBrowser
  group.setup(async () => {
    tb = await launchBrowser()
    return () => tb.close()
  })

  test('a guest is sent to the login page, then back to the page they asked for', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client, 'Syndic Intended')
    const tracked = await openPage(tb, { locale: 'fr' })
    await tracked.page.goto(url('/app/owners'), { waitUntil: 'networkidle0' })
    assert.equal(new URL(tracked.page.url()).pathname, '/login')
    await submitLogin(tracked, org.email)
    assert.equal(new URL(tracked.page.url()).pathname, '/app/owners')
    assert.deepEqual(tracked.errors, [], tracked.errors.join('\n'))
    await tracked.page.browserContext().close()
  })

  test("another organisation's building is a 404 page, its portal a 403", async ({
    client,
    assert,
  }) => {
    const orgA = await signupOrg(client, 'Syndic A')
    const orgB = await signupOrg(client, 'Syndic B')
    const created = await client
      .post('/api/v1/buildings')
      .headers({ Authorization: `Bearer ${orgB.token}` })
      .json({
        name: 'Immeuble B',
        address: { street: 'Rue B 1', postalCode: '1000', city: 'Bruxelles' },
      })
    assert.equal(created.status(), 201)

    const tracked = await openPage(tb, {
      locale: 'en',
      ignore: [/status of (403|404)/],
    })
    await visit(tracked.page, '/login')
    await submitLogin(tracked, orgA.email)
    const res = await tracked.page.goto(url(`/app/buildings/${created.body().id}`), {
      waitUntil: 'networkidle0',
    })
    assert.equal(res?.status(), 404)
    assert.equal(await h1(tracked), translate('en', 'errorPage.404.title'))
    assert.notInclude(await tracked.page.content(), 'Immeuble B')

    const portal = await tracked.page.goto(url(`/o/${orgB.slug}`), { waitUntil: 'networkidle0' })
    assert.equal(portal?.status(), 403)
    assert.notInclude(await tracked.page.content(), 'Syndic B')
    await tracked.page.browserContext().close()
  })

  test('a user of two organisations switches; an accountant gets a 403 page on Team', async ({
    client,
    assert,
  }) => {
    const orgA = await signupOrg(client, 'Cabinet Alpha')
    const orgB = await signupOrg(client, 'Cabinet Beta')
    // orgB's admin also works for orgA as its accountant.
    await Membership.create({
      organisationId: orgA.organisationId,
      userId: orgB.userId,
      role: 'accountant',
    })

    const tracked = await openPage(tb, { locale: 'de', ignore: [/status of 403/] })
    const { page } = tracked
    await visit(page, '/login')
    await submitLogin(tracked, orgB.email)
    assert.include(await page.$eval('.sidebar__org', (e) => e.textContent), 'Cabinet Beta')

    await page.waitForSelector('[data-test=org-switch]')
    await page.click('[data-test=org-switch]')
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'networkidle0' }),
      page.evaluate(() => {
        const item = [...document.querySelectorAll('.orgswitch__item')].find((b: any) =>
          b.textContent.includes('Cabinet Alpha')
        ) as any
        item.click()
      }),
    ])
    assert.include(await page.$eval('.sidebar__org', (e) => e.textContent), 'Cabinet Alpha')
    assert.include(
      await page.$eval('.sidebar__org', (e) => e.textContent),
      translate('de', 'roles.accountant')
    )
    // No Team entry in the navigation for an accountant, and the page itself is refused.
    assert.isNull(await page.$('a.nav__link[href="/app/members"]'))
    const res = await page.goto(url('/app/members'), { waitUntil: 'networkidle0' })
    assert.equal(res?.status(), 403)
    assert.equal(await h1(tracked), translate('de', 'errorPage.403.title'))
    assert.deepEqual(await a11yProblems(page), [])
    await screenshot(page, 'forbidden-de')

    // Buildings are readable; the write buttons are not offered.
    await visit(page, '/app/buildings')
    assert.isNull(await page.$('[data-test=add-building]'))
    assert.equal(await page.evaluate(() => location.pathname), '/app/buildings')
    assert.deepEqual(tracked.errors, [], tracked.errors.join('\n'))
    await page.browserContext().close()
  })
})
