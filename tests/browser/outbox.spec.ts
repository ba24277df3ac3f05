import { test } from '@japa/runner'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import User from '#models/user'
import { storeOutboxMessage } from '#services/outbox_service'
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
import { signupOrg, STRONG_PASSWORD, uniq } from '#tests/helpers/api'
import { addMember } from '../functional/buildings/helpers.js'

/*
| The demo outbox page (/app/outbox): staff see their organisation's mails (never another
| organisation's), in the user's language; board members get a 403; the platform
| superadmin reads every organisation's at /admin/outbox.
*/
type Locale = 'fr' | 'nl' | 'de' | 'en'
const outboxMessages = (locale: Locale) =>
  JSON.parse(
    readFileSync(join(process.cwd(), 'resources/inertia/i18n/outbox', `${locale}.json`), 'utf8')
  ) as Record<string, string>

async function login({ page }: TrackedPage, email: string) {
  await page.goto(url('/login'), { waitUntil: 'networkidle0' })
  await page.waitForSelector('[data-test=login-form]')
  await page.type('input[name=email]', email)
  await page.type('input[name=password]', STRONG_PASSWORD)
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'networkidle0' }),
    page.click('[data-test=login-form] button[type=submit]'),
  ])
}

const h1 = (t: TrackedPage) => t.page.$eval('h1', (e) => e.textContent?.trim() ?? '')

test.group('Browser: demo outbox', (group) => {
  let tb: TestBrowser
  group.setup(async () => {
    tb = await launchBrowser()
    return () => tb.close()
  })

  test('staff read their organisation’s mails in {$self}; another organisation’s stay hidden')
    .with(['fr', 'nl', 'de', 'en'] as Locale[])
    .run(async ({ client, assert }, locale) => {
      const orgA = await signupOrg(client, `Syndic Outbox ${locale}`)
      const orgB = await signupOrg(client, 'Syndic Other')
      const mine = uniq(`Invitation ${locale}`)
      const theirs = uniq('Secret of B')
      await storeOutboxMessage({
        organisationId: orgA.organisationId,
        from: 'VME <no-reply@vme.local>',
        to: ['julie.moreau@example.be'],
        subject: mine,
        html: `<html><body><h1>${mine}</h1><p>Bonjour Julie</p></body></html>`,
        text: `${mine}\nBonjour Julie`,
      })
      await storeOutboxMessage({
        organisationId: orgB.organisationId,
        from: null,
        to: ['b@example.be'],
        subject: theirs,
        html: null,
        text: 'not for A',
      })
      const tracked = await openPage(tb, { locale })
      await login(tracked, orgA.email)
      await visit(tracked.page, '/app/outbox')
      assert.equal(await h1(tracked), outboxMessages(locale).title)
      const body = await tracked.page.$eval('main', (e) => e.textContent ?? '')
      assert.include(body, mine)
      assert.notInclude(body, theirs)
      // Keyboard: the first mail opens with Enter on its summary.
      await tracked.page.focus('[data-test=outbox-message] summary')
      await tracked.page.keyboard.press('Enter')
      await tracked.page.waitForSelector('[data-test=outbox-message] details[open] iframe')
      assert.deepEqual(await a11yProblems(tracked.page), [])
      await screenshot(tracked.page, `outbox-${locale}`)
      assert.deepEqual(tracked.errors, [], tracked.errors.join('\n'))
      await tracked.page.browserContext().close()
    })

  test('a board member gets 403; the platform superadmin sees every organisation', async ({
    client,
    assert,
  }) => {
    const orgA = await signupOrg(client, 'Syndic Outbox Roles')
    const subject = uniq('Convocation AG')
    await storeOutboxMessage({
      organisationId: orgA.organisationId,
      from: null,
      to: ['board@example.be'],
      subject,
      html: null,
      text: 'AG 2026',
    })
    const board = await addMember(orgA, 'board_member')
    const tracked = await openPage(tb, { locale: 'en', ignore: [/403/] })
    const boardUser = await User.findOrFail(board.userId)
    await login(tracked, boardUser.email)
    const res = await tracked.page.goto(url('/app/outbox'), { waitUntil: 'networkidle0' })
    assert.equal(res?.status(), 403)
    await tracked.page.browserContext().close()

    const admin = await User.findByOrFail('email', orgA.email)
    admin.isSuperadmin = true
    await admin.save()
    const sa = await openPage(tb, { locale: 'en' })
    await login(sa, orgA.email)
    const all = await sa.page.goto(url('/admin/outbox'), { waitUntil: 'networkidle0' })
    assert.equal(all?.status(), 200)
    const text = await sa.page.$eval('body', (e) => e.textContent ?? '')
    assert.include(text, subject)
    await sa.page.browserContext().close()
  })
})
