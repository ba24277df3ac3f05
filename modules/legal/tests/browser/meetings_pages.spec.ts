/* eslint-disable @unicorn/no-await-expression-member -- tests read answers inline */
import { test } from '@japa/runner'
import type { Page } from 'puppeteer-core'
import User from '#models/user'
import {
  a11yProblems,
  launchBrowser,
  openPage,
  screenshot,
  url,
  waitForText,
  type TestBrowser,
} from '#tests/helpers/browser'
import { STRONG_PASSWORD } from '#tests/helpers/api'
import { call, convenedMeeting, meetingFixture } from '../functional/meetings_helpers.js'

declare const document: any

const HMR = /ws:\/\/127\.0\.0\.1:\d+/

/** The live pages keep an SSE connection open: wait for the DOM, not for network idle. */
async function go(page: Page, path: string) {
  await page.goto(url(path), { waitUntil: 'load' })
  await page.waitForSelector('main')
}

async function login(page: Page, email: string) {
  await page.goto(url('/login'), { waitUntil: 'networkidle0' })
  await page.type('input[name=email]', email)
  await page.type('input[name=password]', STRONG_PASSWORD)
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'networkidle0' }),
    page.click('[data-test=login-form] button[type=submit]'),
  ])
}

async function text(page: Page, selector: string) {
  return page.$eval(selector, (el: any) => el.textContent.trim())
}

test.group('legal: general assembly pages (browser)', (group) => {
  let tb: TestBrowser
  group.setup(async () => {
    tb = await launchBrowser()
    return () => tb.close()
  })

  test('live console shows a remote vote cast from a second browser without reload', async ({
    client,
    assert,
  }) => {
    const { org, building, owners, anne } = await meetingFixture(client, 'Syndic Console')
    const { meeting, agenda } = await convenedMeeting(client, org, building.id, 2)
    for (const o of owners.slice(1))
      await call(client, org, 'post', `/meetings/${meeting.id}/attendance`, {
        ownerId: o.id,
        status: 'present',
      })
    await call(client, org, 'post', `/meetings/${meeting.id}/attendance`, {
      ownerId: owners[0].id,
      status: 'present',
      remote: true,
    })
    await call(client, org, 'put', `/meetings/${meeting.id}/open`)
    await call(client, org, 'post', `/meetings/${meeting.id}/resolutions`, {
      agendaItemId: agenda[0].id,
    })
    await call(
      client,
      org,
      'post',
      `/resolutions/${(await call(client, org, 'get', `/meetings/${meeting.id}/resolutions`)).body().data[0].id}/votes`,
      { ownerId: owners[3].id, choice: 'yes' }
    )

    // The syndic's console (NL).
    const staff = await openPage(tb, { locale: 'nl', ignore: [HMR] })
    await login(staff.page, org.email)
    await go(staff.page, `/app/legal/meetings/${meeting.id}`)
    await staff.page.waitForSelector('[data-test=tally-yes]')
    await waitForText(staff.page, 'Quorum bereikt')
    await staff.page.waitForFunction(() =>
      document.querySelector('[data-test=live]')?.className.includes('badge--ok')
    )
    assert.equal(await text(staff.page, '[data-test=tally-no]'), '0')
    const marker = await staff.page.evaluate(() => ((globalThis as any).__noReload = 'still here'))
    assert.equal(marker, 'still here')

    // Anne votes remotely from her portal (EN) in another browser context.
    const portal = await openPage(tb, { locale: 'en', ignore: [HMR] })
    await login(portal.page, (await User.findOrFail(anne.userId)).email)
    await go(portal.page, `/o/${org.slug}/meetings`)
    await portal.page.waitForSelector('[data-test=vote-no]')
    await screenshot(portal.page, 'legal-meetings-portal-vote')
    assert.deepEqual(await a11yProblems(portal.page), [])
    await portal.page.click('[data-test=vote-no]')
    await portal.page.waitForSelector('[data-test=my-vote]')
    await waitForText(portal.page, 'The chain holds')

    // The console shows it without reload: 100 "no" votes.
    await staff.page.waitForFunction(
      () => document.querySelector('[data-test=tally-no]')?.textContent.trim() === '100',
      { timeout: 10000 }
    )
    assert.equal(await staff.page.evaluate(() => (globalThis as any).__noReload), 'still here')
    await screenshot(staff.page, 'legal-meetings-console-live')
    assert.deepEqual(await a11yProblems(staff.page), [])
    assert.deepEqual(staff.errors, [])
    assert.deepEqual(portal.errors, [])
    await staff.page.browserContext().close()
    await portal.page.browserContext().close()
  })

  test('meetings list in {locale}')
    .with([
      { locale: 'fr', title: 'Assemblées générales' },
      { locale: 'de', title: 'Eigentümerversammlungen' },
    ])
    .run(async ({ client, assert }, { locale, title }) => {
      const { org, building } = await meetingFixture(client, `Syndic Liste ${locale}`)
      await convenedMeeting(client, org, building.id, 1)
      const { page, errors } = await openPage(tb, { locale, ignore: [HMR] })
      await login(page, org.email)
      await go(page, '/app/legal/meetings')
      await page.waitForSelector('[data-test=meetings] tbody tr')
      await page.waitForSelector('[data-test=council] select')
      await waitForText(page, title)
      await screenshot(page, `legal-meetings-index-${locale}`)
      assert.deepEqual(await a11yProblems(page), [])
      assert.deepEqual(errors, [])
      await page.browserContext().close()
    })
})
