import { test } from '@japa/runner'
import type { Page } from 'puppeteer-core'
import {
  clickText,
  fillByLabel,
  launchBrowser,
  openPage,
  screenshot,
  visit,
  waitForText,
  url,
  type TestBrowser,
} from '#tests/helpers/browser'
import { startSmtpSink, type SmtpSink } from '#tests/helpers/smtp_sink'
import { startTestWorker, type WorkerHandle } from '#tests/helpers/worker'
import { signupOrg, STRONG_PASSWORD, uniq } from '#tests/helpers/api'

// Evaluated in the page (puppeteer): the browser's globals, untyped on the Node side.
declare const document: any
declare const location: any
declare const getComputedStyle: any

/** Waits for the navigation a click causes (full reload or Inertia visit) to settle. */
async function settle(page: Page) {
  await page.waitForNetworkIdle({ idleTime: 250, timeout: 15000 }).catch(() => {})
}

test.group('Browser journey: syndic onboarding to owner portal', (group) => {
  let tb: TestBrowser
  let sink: SmtpSink
  let worker: WorkerHandle
  group.setup(async () => {
    tb = await launchBrowser()
    sink = await startSmtpSink()
    worker = startTestWorker({ queues: ['core'] })
    return async () => {
      await worker.close()
      await sink.close()
      await tb.close()
    }
  })

  test('sign-up, building, unit, owner, ownership, invitation, branded portal', async ({
    assert,
  }) => {
    const { page, errors } = await openPage(tb, { locale: 'fr' })
    const adminEmail = `${uniq('syndic')}@example.test`
    const ownerEmail = `${uniq('owner')}@example.test`
    const orgName = `Syndic ${uniq('')}`

    // 1. Sign-up (FR) → staff dashboard with the trial banner.
    await visit(page, '/signup')
    await fillByLabel(page, 'Nom de votre bureau', orgName)
    await fillByLabel(page, 'Nom complet', 'Sophie Dubois')
    await fillByLabel(page, 'Adresse e-mail', adminEmail)
    await fillByLabel(page, 'Mot de passe', STRONG_PASSWORD)
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'networkidle0' }),
      page.click('[data-test=signup-form] button[type=submit]'),
    ])
    assert.equal(new URL(page.url()).pathname, '/app')
    await page.waitForSelector('[data-test=trial-banner]')
    await waitForText(page, 'Bonjour Sophie')
    await screenshot(page, 'journey-01-dashboard')

    // 2. Branding: a green colour the portal must wear later.
    await visit(page, '/app/settings/branding')
    await fillByLabel(page, 'Nom affiché', 'Résidences Verdure')
    await fillByLabel(page, 'Couleur principale', '#0f766e')
    await fillByLabel(page, 'E-mail de contact pour les copropriétaires', 'contact@verdure.test')
    await page.click('[data-test=branding-form] button[type=submit]')
    await waitForText(page, 'Image de marque enregistrée')

    // 3. Create a building.
    await visit(page, '/app/buildings')
    await page.click('[data-test=add-building]')
    await page.waitForSelector('[data-test=building-form]')
    await fillByLabel(page, 'Nom', 'Résidence Les Tilleuls')
    await fillByLabel(page, 'Rue et numéro', 'Avenue Louise 120')
    await fillByLabel(page, 'Code postal', '1050')
    await fillByLabel(page, 'Commune', 'Ixelles')
    await Promise.all([
      page.waitForFunction(() => location.pathname.startsWith('/app/buildings/')),
      page.click('[data-test=building-form] button[type=submit]'),
    ])
    await page.waitForSelector('[data-test=building-name]')
    assert.include(await page.$eval('[data-test=building-name]', (e) => e.textContent), 'Tilleuls')
    const buildingPath = new URL(page.url()).pathname

    // 4. Add a unit.
    await page.click('[data-test=add-unit]')
    await page.waitForSelector('[data-test=unit-form]')
    await fillByLabel(page, 'Numéro', 'A1')
    await fillByLabel(page, 'Étage', '1')
    await fillByLabel(page, 'Surface (m²)', '84.5')
    await fillByLabel(page, 'Quotité', '125')
    await page.click('[data-test=unit-form] button[type=submit]')
    await page.waitForSelector('[data-test=units-table] tr[data-unit="A1"]')
    await waitForText(page, '125 / 1')
    await screenshot(page, 'journey-02-building')

    // 5. Add a co-owner.
    await visit(page, '/app/owners')
    await page.click('[data-test=add-owner]')
    await page.waitForSelector('[data-test=owner-form]')
    await fillByLabel(page, 'Prénom', 'Marc')
    await fillByLabel(page, 'Nom', 'Peeters')
    await fillByLabel(page, 'Adresse e-mail', ownerEmail)
    await page.click('[data-test=owner-form] button[type=submit]')
    await page.waitForSelector(`[data-test=owners-table] tr[data-owner="${ownerEmail}"]`)

    // 6. Ownership: Marc owns 100 % of A1.
    await visit(page, buildingPath)
    await page.click('[data-test=units-table] tr[data-unit="A1"] [data-test=unit-owners]')
    await page.waitForSelector('[data-test=ownership-form]')
    const ownerValue = await page.$eval('[data-test=ownership-form] select[name=ownerId]', (el) => {
      const opt = [...(el as any).options].find((o) => o.text.includes('Peeters'))
      return opt?.value ?? ''
    })
    assert.isNotEmpty(ownerValue)
    await page.select('[data-test=ownership-form] select[name=ownerId]', ownerValue)
    await fillByLabel(page, 'Part (%)', '100')
    await page.click('[data-test=ownership-form] button[type=submit]')
    await page.waitForSelector('[data-test=ownerships-table]')
    await waitForText(page, 'Marc Peeters · 100 %')
    await screenshot(page, 'journey-03-ownership')
    await page.keyboard.press('Escape')

    // 7. Invite Marc to the portal; the e-mail carries the link.
    await visit(page, '/app/owners')
    await page.click(
      `[data-test=owners-table] tr[data-owner="${ownerEmail}"] [data-test=invite-owner]`
    )
    await waitForText(page, `Invitation envoyée à ${ownerEmail}`)
    const mail = await sink.waitFor((m) => m.to.includes(ownerEmail), 20000)
    const match = /\/invitations\/([A-Za-z0-9_%-]+)/.exec(`${mail.text}\n${mail.html}`)
    assert.isNotNull(match, 'invitation link in the e-mail')
    assert.deepEqual(errors, [], errors.join('\n'))

    // 8. Marc accepts in another browser context (NL), then lands on the branded portal.
    const owner = await openPage(tb, { locale: 'nl' })
    await visit(owner.page, `/invitations/${match![1]}`)
    await owner.page.waitForSelector('[data-test=accept-form]')
    assert.include(
      await owner.page.$eval('[data-test=invitation-org]', (e) => e.textContent),
      'Résidences Verdure'
    )
    await screenshot(owner.page, 'journey-04-invitation')
    await fillByLabel(owner.page, 'Volledige naam', 'Marc Peeters')
    await fillByLabel(owner.page, 'Kies een wachtwoord', STRONG_PASSWORD)
    await fillByLabel(owner.page, 'Bevestig het wachtwoord', STRONG_PASSWORD)
    await Promise.all([
      owner.page.waitForNavigation({ waitUntil: 'networkidle0' }),
      owner.page.click('[data-test=accept-form] button[type=submit]'),
    ])
    assert.match(new URL(owner.page.url()).pathname, /^\/o\/[a-z0-9-]+$/)
    await owner.page.waitForSelector('[data-test=portal-unit]')
    assert.include(
      await owner.page.$eval('[data-test=portal-brand]', (e) => e.textContent),
      'Résidences Verdure'
    )
    assert.include(await owner.page.$eval('[data-test=portal-unit]', (e) => e.textContent), 'A1')
    const brand = await owner.page.$eval('.portal', (e) =>
      getComputedStyle(e).getPropertyValue('--brand').trim()
    )
    assert.equal(brand, '#0f766e')
    await waitForText(owner.page, 'contact@verdure.test')
    await screenshot(owner.page, 'journey-05-portal')
    assert.deepEqual(owner.errors, [], owner.errors.join('\n'))

    // 9. The owner cannot open the staff app: /app sends them back to their portal.
    await owner.page.goto(url('/app'), { waitUntil: 'networkidle0' })
    assert.match(new URL(owner.page.url()).pathname, /^\/o\//)

    // 10. Logout, then login again with the chosen password → portal.
    await owner.page.click('[data-test=logout]')
    await owner.page.waitForFunction(() => location.pathname === '/login')
    await settle(owner.page)
    await fillByLabel(owner.page, 'E-mailadres', ownerEmail)
    await fillByLabel(owner.page, 'Wachtwoord', STRONG_PASSWORD)
    await Promise.all([
      owner.page.waitForNavigation({ waitUntil: 'networkidle0' }),
      clickText(owner.page, 'Aanmelden', '[data-test=login-form] button'),
    ])
    assert.match(new URL(owner.page.url()).pathname, /^\/o\//)
    assert.deepEqual(owner.errors, [], owner.errors.join('\n'))
  }).timeout(120000)

  test('team: invite a colleague by e-mail, they join as syndic; role change and removal', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client, 'Syndic Team')
    const colleague = `${uniq('colleague')}@example.test`
    const admin = await openPage(tb, { locale: 'en' })
    admin.page.on('dialog', (d) => d.accept())
    await visit(admin.page, '/login')
    await admin.page.type('input[name=email]', org.email)
    await admin.page.type('input[name=password]', STRONG_PASSWORD)
    await Promise.all([
      admin.page.waitForNavigation({ waitUntil: 'networkidle0' }),
      admin.page.click('[data-test=login-form] button[type=submit]'),
    ])
    await visit(admin.page, '/app/members')
    await fillByLabel(admin.page, 'E-mail address', colleague)
    await admin.page.select('[data-test=invite-member-form] select[name=role]', 'syndic')
    await admin.page.click('[data-test=invite-member-form] button[type=submit]')
    await waitForText(admin.page, `Invitation sent to ${colleague}`)
    await waitForText(admin.page, 'Pending invitations')

    const mail = await sink.waitFor((m) => m.to.includes(colleague), 20000)
    const match = /\/invitations\/([A-Za-z0-9_%-]+)/.exec(`${mail.text}\n${mail.html}`)
    assert.isNotNull(match)

    const other = await openPage(tb, { locale: 'de' })
    await visit(other.page, `/invitations/${match![1]}`)
    await other.page.waitForSelector('[data-test=accept-form]')
    await fillByLabel(other.page, 'Vollständiger Name', 'Jonas Wouters')
    await fillByLabel(other.page, 'Passwort wählen', STRONG_PASSWORD)
    await fillByLabel(other.page, 'Passwort bestätigen', STRONG_PASSWORD)
    await Promise.all([
      other.page.waitForNavigation({ waitUntil: 'networkidle0' }),
      other.page.click('[data-test=accept-form] button[type=submit]'),
    ])
    assert.equal(new URL(other.page.url()).pathname, '/app')
    assert.include(await other.page.$eval('.sidebar__org', (e) => e.textContent), 'Verwalter')
    assert.deepEqual(other.errors, [], other.errors.join('\n'))

    // The admin sees the new member, makes them accountant, then removes them.
    await visit(admin.page, '/app/members')
    await waitForText(admin.page, 'Jonas Wouters')
    const selectId = await admin.page.evaluate(() => {
      const row = [...document.querySelectorAll('[data-test=members-table] tbody tr')].find(
        (r: any) => r.textContent.includes('Jonas Wouters')
      ) as any
      return row.querySelector('select').id as string
    })
    await admin.page.select(`[id="${selectId}"]`, 'accountant')
    await waitForText(admin.page, 'Role of Jonas Wouters changed')
    await admin.page.evaluate(() => {
      const row = [...document.querySelectorAll('[data-test=members-table] tbody tr')].find(
        (r: any) => r.textContent.includes('Jonas Wouters')
      ) as any
      row.querySelector('button').click()
    })
    await waitForText(admin.page, 'Jonas Wouters was removed')
    await admin.page.waitForFunction(
      () => !document.querySelector('[data-test=members-table]')?.textContent?.includes('Jonas')
    )
    // Removed: the colleague's next page load no longer reaches the staff app.
    const res = await other.page.goto(url('/app'), { waitUntil: 'networkidle0' })
    assert.equal(res?.status(), 403)
    assert.deepEqual(admin.errors, [], admin.errors.join('\n'))
  }).timeout(120000)

  test('an existing account accepts with its password and lands in the new organisation', async ({
    client,
    assert,
  }) => {
    const orgA = await signupOrg(client, 'Cabinet Invitant')
    const orgB = await signupOrg(client, 'Cabinet Existant')
    const invite = await client
      .post('/api/v1/organisation/members')
      .headers({ Authorization: `Bearer ${orgA.token}` })
      .json({ email: orgB.email, role: 'accountant' })
    assert.equal(invite.status(), 201)
    const mail = await sink.waitFor((m) => m.to.includes(orgB.email), 20000)
    const match = /\/invitations\/([A-Za-z0-9_%-]+)/.exec(`${mail.text}\n${mail.html}`)
    assert.isNotNull(match)

    const tracked = await openPage(tb, { locale: 'fr' })
    const { page } = tracked
    await visit(page, `/invitations/${match![1]}`)
    await page.waitForSelector('[data-test=accept-form]')
    // Only the password of the existing account is asked.
    assert.isNull(await page.$('input[name=fullName]'))
    await fillByLabel(page, 'Mot de passe', STRONG_PASSWORD)
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'networkidle0' }),
      page.click('[data-test=accept-form] button[type=submit]'),
    ])
    assert.equal(new URL(page.url()).pathname, '/app')
    const org = await page.$eval('.sidebar__org', (e) => e.textContent)
    assert.include(org, 'Cabinet Invitant')
    assert.include(org, 'Comptable')
    // Both organisations are now offered by the switcher.
    await page.waitForSelector('[data-test=org-switch]')
    assert.deepEqual(tracked.errors, [], tracked.errors.join('\n'))
  }).timeout(60000)
})
