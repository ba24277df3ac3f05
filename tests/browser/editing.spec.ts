import { test } from '@japa/runner'
import {
  fillByLabel,
  launchBrowser,
  openPage,
  screenshot,
  visit,
  type TestBrowser,
} from '#tests/helpers/browser'
import { signupOrg, STRONG_PASSWORD } from '#tests/helpers/api'
import { translate } from '#tests/helpers/i18n'

// Evaluated in the page (puppeteer): the browser's globals, untyped on the Node side.
declare const document: any

const t = (key: string, params?: Record<string, string | number>) => translate('en', key, params)

test.group(
  'Browser editing: units, ownerships and co-owners, with server errors shown',
  (group) => {
    let tb: TestBrowser
    group.setup(async () => {
      tb = await launchBrowser()
      return () => tb.close()
    })

    test('quota and number errors on the unit form, edit, delete, end an ownership', async ({
      client,
      assert,
    }) => {
      const org = await signupOrg(client, 'Syndic Edit')
      const auth = { Authorization: `Bearer ${org.token}` }
      const b = await client
        .post('/api/v1/buildings')
        .headers(auth)
        .json({
          name: 'Résidence Flagey',
          address: { street: 'Place Flagey 7', postalCode: '1050', city: 'Ixelles' },
        })
      const buildingId = b.body().id
      const unit = await client
        .post(`/api/v1/buildings/${buildingId}/units`)
        .headers(auth)
        .json({ number: 'A', type: 'apartment', quota: 900 })
      const owner = await client.post('/api/v1/owners').headers(auth).json({
        kind: 'person',
        firstName: 'Pieter',
        lastName: 'Janssens',
        email: 'pj@example.test',
      })
      await client.post('/api/v1/owners').headers(auth).json({
        kind: 'person',
        firstName: 'Other',
        lastName: 'Person',
        email: 'other@example.test',
      })
      const own = await client
        .post(`/api/v1/units/${unit.body().id}/owners`)
        .headers(auth)
        .json({ ownerId: owner.body().id, percentage: 100, startDate: '2020-01-01' })
      assert.equal(own.status(), 201)

      // Chromium reports the 409/422 answers of the invalid submissions below.
      const tracked = await openPage(tb, { locale: 'en', ignore: [/status of (409|422)/] })
      const { page, errors } = tracked
      page.on('dialog', (d) => d.accept())
      await visit(page, '/login')
      await page.type('input[name=email]', org.email)
      await page.type('input[name=password]', STRONG_PASSWORD)
      await Promise.all([
        page.waitForNavigation({ waitUntil: 'networkidle0' }),
        page.click('[data-test=login-form] button[type=submit]'),
      ])

      await visit(page, `/app/buildings/${buildingId}`)
      // Over the building's total: the quota field carries the server's message.
      await page.click('[data-test=add-unit]')
      await fillByLabel(page, t('units.fields.number'), 'B')
      await fillByLabel(page, t('units.fields.quota'), '200')
      await page.click('[data-test=unit-form] button[type=submit]')
      await page.waitForSelector('[data-test=unit-form] input[name=quota][aria-invalid=true]')
      const quotaError = await page.$eval(
        '[data-test=unit-form] .field--invalid .field__error',
        (e) => e.textContent?.trim()
      )
      assert.include(quotaError, '100')
      await screenshot(page, 'unit-quota-error-en')

      // Same number as an existing unit: a conflict on the number field.
      await fillByLabel(page, t('units.fields.number'), 'A')
      await fillByLabel(page, t('units.fields.quota'), '50')
      await page.click('[data-test=unit-form] button[type=submit]')
      await page.waitForSelector('[data-test=unit-form] input[name=number][aria-invalid=true]')

      await fillByLabel(page, t('units.fields.number'), 'B')
      await page.click('[data-test=unit-form] button[type=submit]')
      await page.waitForSelector('[data-test=units-table] tr[data-unit="B"]')
      assert.equal(await page.$eval('.quota__bar', (e) => e.getAttribute('aria-valuenow')), '950')

      // Edit B's quota, then delete B.
      await page.click(`[aria-label="${t('units.editLabel', { number: 'B' })}"]`)
      await page.waitForSelector('[data-test=unit-form]')
      await fillByLabel(page, t('units.fields.quota'), '80')
      await page.click('[data-test=unit-form] button[type=submit]')
      await page.waitForFunction(
        () => document.querySelector('.quota__bar')?.getAttribute('aria-valuenow') === '980'
      )
      await page.click(`[aria-label="${t('units.deleteLabel', { number: 'B' })}"]`)
      await page.waitForFunction(() => !document.querySelector('tr[data-unit="B"]'))

      // A unit with ownership history cannot be deleted: the error is shown, the row stays.
      await page.click(`[aria-label="${t('units.deleteLabel', { number: 'A' })}"]`)
      await page.waitForSelector('[role=alert]')
      assert.isNotNull(await page.$('tr[data-unit="A"]'))

      // End Pieter's ownership: the unit has no co-owner left, the history is kept server-side.
      await page.click('tr[data-unit="A"] [data-test=unit-owners]')
      await page.waitForSelector('[data-test=ownerships-table]')
      await page.evaluate((label: string) => {
        const btn = [...document.querySelectorAll('[data-test=ownerships-table] button')].find(
          (x: any) => x.textContent.includes(label)
        ) as any
        btn.click()
      }, t('ownerships.end'))
      await page.waitForFunction(() => !document.querySelector('[data-test=ownerships-table]'))
      const history = await client.get(`/api/v1/units/${unit.body().id}/owners`).headers(auth)
      assert.equal(history.status(), 200)
      await page.keyboard.press('Escape')

      // Co-owner: rename; an e-mail already used by another co-owner is refused on its field.
      await visit(page, '/app/owners')
      await page.click(`[aria-label="${t('owners.editLabel', { name: 'Pieter Janssens' })}"]`)
      await page.waitForSelector('[data-test=owner-form]')
      await fillByLabel(page, t('fields.email'), 'other@example.test')
      await page.click('[data-test=owner-form] button[type=submit]')
      await page.waitForSelector('[data-test=owner-form] input[name=email][aria-invalid=true]')
      await fillByLabel(page, t('fields.email'), 'pj@example.test')
      await fillByLabel(page, t('owners.fields.lastName'), 'Janssens-Peeters')
      await page.click('[data-test=owner-form] button[type=submit]')
      await page.waitForSelector('tr[data-owner="pj@example.test"]')
      await page.waitForFunction(() =>
        document
          .querySelector('tr[data-owner="pj@example.test"]')
          ?.textContent?.includes('Janssens-Peeters')
      )
      assert.deepEqual(errors, [], errors.join('\n'))
    })
  }
)
