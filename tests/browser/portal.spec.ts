import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import User from '#models/user'
import Owner from '#models/owner'
import Membership from '#models/membership'
import { withTenant } from '#tenancy/tenant_context'
import {
  a11yProblems,
  launchBrowser,
  openPage,
  screenshot,
  url,
  visit,
  type TestBrowser,
} from '#tests/helpers/browser'
import { signupOrg, STRONG_PASSWORD, uniq, type TestOrg } from '#tests/helpers/api'
import { translate } from '#tests/helpers/i18n'

// Evaluated in the page (puppeteer): the browser's globals, untyped on the Node side.
declare const document: any
declare const getComputedStyle: any

async function api(client: ApiClient, org: TestOrg, path: string, body: object) {
  const res = await client
    .post(`/api/v1${path}`)
    .headers({ Authorization: `Bearer ${org.token}` })
    .json(body)
  if (res.status() !== 201) throw new Error(`${path}: ${res.status()} ${res.text()}`)
  return res.body()
}

async function building(client: ApiClient, org: TestOrg, name: string) {
  return api(client, org, '/buildings', {
    name,
    address: { street: 'Rue de la Loi 16', postalCode: '1000', city: 'Bruxelles' },
  })
}

/** Links the owner record to the user and gives the user an `owner` membership. */
async function linkOwner(org: TestOrg, ownerId: string, user: User) {
  await Membership.create({ organisationId: org.organisationId, userId: user.id, role: 'owner' })
  await withTenant(org.organisationId, async () => {
    const owner = await Owner.findOrFail(ownerId)
    owner.userId = user.id
    await owner.save()
  })
}

test.group('Browser portal: a co-owner sees only their own units, per organisation', (group) => {
  let tb: TestBrowser
  group.setup(async () => {
    tb = await launchBrowser()
    return () => tb.close()
  })

  test('units, co-owners and syndic contact; nothing from other owners or organisations', async ({
    client,
    assert,
  }) => {
    const orgA = await signupOrg(client, 'Syndic Portail A')
    const orgB = await signupOrg(client, 'Syndic Portail B')
    const email = `${uniq('coowner')}@example.test`
    const user = await User.create({ email, password: STRONG_PASSWORD, fullName: 'Lena Maes' })

    // Organisation A: Lena shares U1 with a company; the company alone owns U2.
    const bA = await building(client, orgA, 'Résidence Albert')
    const u1 = await api(client, orgA, `/buildings/${bA.id}/units`, {
      number: 'U1',
      type: 'apartment',
      quota: 200,
    })
    const u2 = await api(client, orgA, `/buildings/${bA.id}/units`, {
      number: 'U2-SECRET',
      type: 'parking',
      quota: 20,
    })
    const lena = await api(client, orgA, '/owners', {
      kind: 'person',
      firstName: 'Lena',
      lastName: 'Maes',
      email,
    })
    const company = await api(client, orgA, '/owners', {
      kind: 'company',
      companyName: 'Maes & Co SRL',
      email: `${uniq('co')}@example.test`,
    })
    await api(client, orgA, `/units/${u1.id}/owners`, { ownerId: lena.id, percentage: 60 })
    await api(client, orgA, `/units/${u1.id}/owners`, { ownerId: company.id, percentage: 40 })
    await api(client, orgA, `/units/${u2.id}/owners`, { ownerId: company.id, percentage: 100 })
    const put = await client
      .put('/api/v1/organisation')
      .headers({ Authorization: `Bearer ${orgA.token}` })
      .json({
        contactPhone: '+32 2 123 45 67',
        branding: { displayName: 'Gestion Albert', primaryColor: '#7c2d12' },
      })
    assert.equal(put.status(), 200)
    await linkOwner(orgA, lena.id, user)

    // Organisation B: Lena owns Z9 there, with another syndic.
    const bB = await building(client, orgB, 'Immeuble Bêta')
    const z9 = await api(client, orgB, `/buildings/${bB.id}/units`, {
      number: 'Z9',
      type: 'cellar',
      quota: 5,
    })
    const lenaB = await api(client, orgB, '/owners', {
      kind: 'person',
      firstName: 'Lena',
      lastName: 'Maes',
      email,
    })
    await api(client, orgB, `/units/${z9.id}/owners`, { ownerId: lenaB.id, percentage: 100 })
    await linkOwner(orgB, lenaB.id, user)

    const tracked = await openPage(tb, { locale: 'fr' })
    const { page, errors } = tracked
    await visit(page, '/login')
    await page.type('input[name=email]', email)
    await page.type('input[name=password]', STRONG_PASSWORD)
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'networkidle0' }),
      page.click('[data-test=login-form] button[type=submit]'),
    ])
    // Co-owner only: the login lands on the portal of the first organisation.
    assert.equal(new URL(page.url()).pathname, `/o/${orgA.slug}`)

    const units = await page.$$eval('[data-test=portal-unit]', (els) =>
      els.map((e) => e.textContent ?? '')
    )
    assert.lengthOf(units, 1)
    assert.include(units[0], 'U1')
    assert.include(units[0], 'Maes & Co SRL')
    assert.include(units[0], '60,00 %')
    const body = await page.evaluate(() => document.body.innerText)
    assert.notInclude(body, 'U2-SECRET')
    assert.notInclude(body, 'Z9')
    assert.include(body, '+32 2 123 45 67')
    assert.include(
      await page.$eval('[data-test=portal-brand]', (e) => e.textContent),
      'Gestion Albert'
    )
    assert.equal(
      await page.$eval('.portal', (e) => getComputedStyle(e).getPropertyValue('--brand').trim()),
      '#7c2d12'
    )
    assert.deepEqual(await a11yProblems(page), [])
    await screenshot(page, 'portal-fr')

    // The other organisation's portal (through the spaces menu) shows only what Lena owns there.
    await page.waitForSelector('[data-test=portal-spaces]')
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'networkidle0' }),
      page.select('[data-test=portal-spaces]', orgB.slug),
    ])
    assert.equal(new URL(page.url()).pathname, `/o/${orgB.slug}`)
    const unitsB = await page.$$eval('[data-test=portal-unit]', (els) =>
      els.map((e) => e.textContent ?? '')
    )
    assert.lengthOf(unitsB, 1)
    assert.include(unitsB[0], 'Z9')
    assert.notInclude(await page.evaluate(() => document.body.innerText), 'U1')

    // Co-owners never reach the staff app or the staff API.
    await page.goto(url('/app/buildings'), { waitUntil: 'networkidle0' })
    assert.equal(new URL(page.url()).pathname, `/o/${orgA.slug}`)
    const apiStatus = await page.evaluate(async () => {
      const res = await fetch('/api/v1/buildings', { headers: { Accept: 'application/json' } })
      return res.status
    })
    assert.equal(apiStatus, 403)

    // German portal.
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'networkidle0' }),
      page.select('[data-test=language-switch]', 'de'),
    ])
    assert.equal(
      await page.$eval('h1', (e) => e.textContent?.trim()),
      translate('de', 'portal.welcome', { name: 'Lena Maes' })
    )
    await screenshot(page, 'portal-de')
    assert.deepEqual(
      errors.filter((e) => !/status of 403/.test(e)),
      [],
      errors.join('\n')
    )
  })
})
