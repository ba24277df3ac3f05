import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type { Page } from 'puppeteer-core'
import User from '#models/user'
import Membership from '#models/membership'
import {
  a11yProblems,
  launchBrowser,
  openPage,
  screenshot,
  visit,
  waitForText,
  type TestBrowser,
} from '#tests/helpers/browser'
import { signupOrg, STRONG_PASSWORD, uniq, type TestOrg } from '#tests/helpers/api'
import {
  createBuilding,
  createOwner,
  createUnit,
  linkOwner,
} from '#tests/functional/buildings/helpers'

// Evaluated in the page (puppeteer): the browser's globals, untyped on the Node side.
declare const document: any

async function api(
  client: ApiClient,
  token: string,
  method: 'post' | 'put',
  path: string,
  body: object = {}
) {
  const res = await client[method](`/api/v1${path}`).bearerToken(token).json(body)
  if (res.status() >= 300) throw new Error(`${path}: ${res.status()} ${res.text()}`)
  return res.body()
}

interface Person {
  email: string
  token: string
  ownerId: string
}

/** A co-owner with a portal login (role owner) owning a unit of the building. */
async function coOwner(
  client: ApiClient,
  org: TestOrg,
  buildingId: string,
  firstName: string
): Promise<Person> {
  const email = `${uniq(firstName.toLowerCase())}@example.test`
  const user = await User.create({
    email,
    password: STRONG_PASSWORD,
    fullName: `${firstName} Janssens`,
  })
  await Membership.create({ organisationId: org.organisationId, userId: user.id, role: 'owner' })
  const owner = await createOwner(client, org, {
    firstName,
    lastName: 'Janssens',
    email,
    userId: user.id,
  })
  const unit = await createUnit(client, org, buildingId, { quota: 50 })
  await linkOwner(client, org, unit.id, owner.id)
  const token = await User.accessTokens.create(user)
  return { email, token: token.value!.release(), ownerId: owner.id }
}

// Vite's dev-server HMR socket is shared by every suite on this machine: not our page's error.
const IGNORE = [/WebSocket/, /\[vite\]/]

async function login(tb: TestBrowser, email: string) {
  const { page, errors } = await openPage(tb, { locale: 'fr', ignore: IGNORE })
  await visit(page, '/login')
  await page.type('input[name=email]', email)
  await page.type('input[name=password]', STRONG_PASSWORD)
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'networkidle0' }),
    page.click('[data-test=login-form] button[type=submit]'),
  ])
  return { page, errors }
}

async function setValue(page: Page, selector: string, value: string) {
  await page.$eval(
    selector,
    (el: any, v: string) => {
      el.value = v
      el.dispatchEvent(new Event('input', { bubbles: true }))
      el.dispatchEvent(new Event('change', { bubbles: true }))
    },
    value
  )
}

async function setTimes(page: Page, from: string, to: string) {
  const times = await page.$$('[data-test=booking-form] input[type=time]')
  for (const [i, v] of [from, to].entries()) {
    await times[i].evaluate((el: any, value: string) => {
      el.value = value
      el.dispatchEvent(new Event('input', { bubbles: true }))
    }, v)
  }
}

function tomorrowBrussels() {
  const d = new Date(Date.now() + 24 * 3600_000)
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(d)
}

interface World {
  org: TestOrg
  buildingId: string
  anna: Person
  bert: Person
  roomId: string
}

async function world(client: ApiClient): Promise<World> {
  const org = await signupOrg(client, 'Syndic Communauté Browser')
  const building = await createBuilding(client, org, { name: 'Résidence Les Tilleuls' })
  const anna = await coOwner(client, org, building.id, 'Anna')
  const bert = await coOwner(client, org, building.id, 'Bert')
  const room = await api(client, org.token, 'post', '/resources', {
    buildingId: building.id,
    name: 'Salle polyvalente',
    type: 'room',
    requiresApproval: false,
    maxBookingHours: 6,
  })
  return { org, buildingId: building.id, anna, bert, roomId: room.id }
}

test.group('Browser community: owner portal and staff pages', (group) => {
  let tb: TestBrowser
  group.setup(async () => {
    tb = await launchBrowser()
    return () => tb.close()
  })

  test('an owner books the room on the calendar; another owner sees the slot taken', async ({
    client,
    assert,
  }) => {
    const w = await world(client)
    const anna = await login(tb, w.anna.email)
    await visit(anna.page, `/o/${w.org.slug}/resources`)
    await anna.page.waitForSelector('[data-test=booking-form]')
    const day = tomorrowBrussels()
    await setValue(anna.page, '[data-test=booking-form] input[type=date]', day)
    await setTimes(anna.page, '18:00', '20:00')
    await anna.page.click('[data-test=booking-form] button[type=submit]')
    await anna.page.waitForSelector('[data-test=booking-ok]')
    await waitForText(anna.page, 'ma réservation')
    assert.deepEqual(await a11yProblems(anna.page), [])
    await screenshot(anna.page, 'community-portal-resources')
    assert.deepEqual(anna.errors, [])

    const bert = await login(tb, w.bert.email)
    await visit(bert.page, `/o/${w.org.slug}/resources`)
    await bert.page.waitForSelector(`[data-date="${day}"] [data-test=slot]`)
    const slot = await bert.page.$eval(
      `[data-date="${day}"] [data-test=slot]`,
      (el: any) => el.textContent
    )
    assert.include(slot, '18:00')
    assert.include(slot, 'réservé')
    assert.notInclude(await bert.page.evaluate(() => document.body.innerText), 'Anna')
    // Bert tries the same slot: the API refuses it and the page says so.
    await setValue(bert.page, '[data-test=booking-form] input[type=date]', day)
    await setTimes(bert.page, '19:00', '21:00')
    await bert.page.click('[data-test=booking-form] button[type=submit]')
    await bert.page.waitForFunction(
      () =>
        document.body.innerText.includes('déjà réservé') ||
        document.body.innerText.includes('already booked')
    )
    await screenshot(bert.page, 'community-portal-resources-taken')

    await visit(anna.page, `/o/${w.org.slug}/bookings`)
    await anna.page.waitForSelector('[data-test=booking-row]')
    assert.include(
      await anna.page.$eval('[data-test=booking-row]', (el: any) => el.textContent),
      'Salle polyvalente'
    )
    assert.deepEqual(await a11yProblems(anna.page), [])
    await screenshot(anna.page, 'community-portal-bookings')
  }).timeout(90_000)

  test('an owner votes in a poll and sees the result chart', async ({ client, assert }) => {
    const w = await world(client)
    const poll = await api(client, w.org.token, 'post', '/polls', {
      buildingId: w.buildingId,
      question: 'Quelle couleur pour le hall ?',
      type: 'multiple_choice',
      options: ['Bleu ardoise', 'Vert sauge', 'Gris perle'],
      endsAt: new Date(Date.now() + 7 * 86400_000).toISOString(),
    })
    await api(client, w.org.token, 'put', `/polls/${poll.id}/publish`)
    await api(client, w.bert.token, 'post', `/polls/${poll.id}/vote`, {
      optionIds: [poll.options[1].id],
    })
    const anna = await login(tb, w.anna.email)
    await visit(anna.page, `/o/${w.org.slug}/polls`)
    await anna.page.waitForSelector('[data-test=poll] input[type=radio]')
    const radios = await anna.page.$$('[data-test=poll] input[type=radio]')
    await radios[1].click()
    await anna.page.click('[data-test=poll] button[type=submit]')
    await anna.page.waitForSelector('[data-test=result-chart] canvas')
    await waitForText(anna.page, 'Participation : 100.00 %')
    const table = await anna.page.$eval(
      '[data-test=poll-results] table',
      (el: any) => el.textContent
    )
    assert.include(table, 'Vert sauge')
    assert.include(table, '100.00 %')
    assert.deepEqual(await a11yProblems(anna.page), [])
    assert.deepEqual(anna.errors, [])
    await screenshot(anna.page, 'community-portal-polls')
  }).timeout(60_000)

  test('notice board, skills directory and the public notice page', async ({ client, assert }) => {
    const w = await world(client)
    const n = await api(client, w.anna.token, 'post', '/notices', {
      buildingId: w.buildingId,
      category: 'for_sale',
      title: 'Vélo cargo à vendre',
      body: 'Très bon état, batterie neuve.',
      visibility: 'public',
      price: 950,
    })
    await api(client, w.anna.token, 'put', `/notices/${n.id}/publish`)
    await api(client, w.bert.token, 'post', `/notices/${n.id}/comments`, {
      body: 'Toujours disponible ?',
    })
    await api(client, w.anna.token, 'post', '/skills', {
      category: 'hobby',
      name: 'Réparation de vélos',
      level: 'expert',
      available: true,
    })
    await api(client, w.bert.token, 'post', '/skills', {
      category: 'language',
      name: 'Cours de néerlandais',
      level: 'advanced',
      hourlyRate: 15,
      available: true,
    })

    const bert = await login(tb, w.bert.email)
    await visit(bert.page, `/o/${w.org.slug}/board`)
    await waitForText(bert.page, 'Vélo cargo à vendre')
    await bert.page.click('[data-test=notice] button')
    await bert.page.waitForSelector('[data-test=comments]')
    await waitForText(bert.page, 'Toujours disponible ?')
    assert.deepEqual(await a11yProblems(bert.page), [])
    await screenshot(bert.page, 'community-portal-board')

    await visit(bert.page, `/o/${w.org.slug}/skills`)
    await bert.page.waitForSelector('[data-test=skill]')
    await setValue(bert.page, '[data-test=skill-search]', 'velo')
    await bert.page.click('form[role=search] button[type=submit]')
    await bert.page.waitForFunction(
      () => document.querySelectorAll('[data-test=skill]').length === 1
    )
    assert.include(
      await bert.page.$eval('[data-test=skill]', (el: any) => el.textContent),
      'Réparation de vélos'
    )
    assert.deepEqual(await a11yProblems(bert.page), [])
    await screenshot(bert.page, 'community-portal-skills')

    const visitor = await openPage(tb, { locale: 'fr', ignore: IGNORE })
    await visit(visitor.page, `/o/${w.org.slug}/notices`)
    await waitForText(visitor.page, 'Vélo cargo à vendre')
    assert.include(await visitor.page.evaluate(() => document.body.innerText), '950')
    assert.deepEqual(await a11yProblems(visitor.page), [])
    await screenshot(visitor.page, 'community-public-notices')
  }).timeout(90_000)

  test('staff: moderation, resources, approvals and statistics pages', async ({
    client,
    assert,
  }) => {
    const w = await world(client)
    const n = await api(client, w.anna.token, 'post', '/notices', {
      buildingId: w.buildingId,
      category: 'announcement',
      title: 'Soirée jeux de société',
      body: 'Vendredi dans la salle polyvalente.',
      visibility: 'building',
    })
    await api(client, w.anna.token, 'put', `/notices/${n.id}/publish`)
    const garden = await api(client, w.org.token, 'post', '/resources', {
      buildingId: w.buildingId,
      name: 'Jardin partagé',
      type: 'garden',
      requiresApproval: true,
    })
    const start = new Date(Date.now() + 48 * 3600_000)
    start.setUTCMinutes(0, 0, 0)
    await api(client, w.bert.token, 'post', `/resources/${garden.id}/bookings`, {
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
      notes: 'Anniversaire',
    })

    const admin = await login(tb, w.org.email)
    await visit(admin.page, '/app/community/moderation')
    await waitForText(admin.page, 'Soirée jeux de société')
    await admin.page.type('[data-test=moderation-notice] input', 'Hors sujet')
    const hide = await admin.page.$$('[data-test=moderation-notice] button')
    await hide[0].click()
    await waitForText(admin.page, 'Masquée')
    assert.deepEqual(await a11yProblems(admin.page), [])
    await screenshot(admin.page, 'community-staff-moderation')

    await visit(admin.page, '/app/community/resources')
    await waitForText(admin.page, 'Jardin partagé')
    assert.deepEqual(await a11yProblems(admin.page), [])
    await screenshot(admin.page, 'community-staff-resources')

    await visit(admin.page, '/app/community/approvals')
    await admin.page.waitForSelector('[data-test=pending-booking]')
    await admin.page.click('[data-test=pending-booking] .btn--primary')
    await waitForText(admin.page, 'Aucune demande en attente.')
    assert.deepEqual(await a11yProblems(admin.page), [])
    await screenshot(admin.page, 'community-staff-approvals')

    await visit(admin.page, '/app/community/statistics')
    await admin.page.waitForSelector('[data-test=stats-bookings] canvas')
    assert.include(
      await admin.page.$eval('[data-test=stats-bookings]', (el: any) => el.textContent),
      'Jardin partagé'
    )
    assert.deepEqual(await a11yProblems(admin.page), [])
    await screenshot(admin.page, 'community-staff-statistics')
    assert.deepEqual(admin.errors, [])
  }).timeout(90_000)
})
