import { test } from '@japa/runner'
import {
  a11yProblems,
  launchBrowser,
  openPage,
  screenshot,
  visit,
  waitForText,
  type TestBrowser,
} from '#tests/helpers/browser'
import { STRONG_PASSWORD } from '#tests/helpers/api'
import {
  call,
  createBuilding,
  createOwner,
  createUnit,
  linkOwner,
  signupOrg,
} from '#tests/functional/buildings/helpers'

async function login(page: any, email: string) {
  await visit(page, '/login')
  await page.type('input[name=email]', email)
  await page.type('input[name=password]', STRONG_PASSWORD)
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'networkidle0' }),
    page.click('[data-test=login-form] button[type=submit]'),
  ])
}

async function text(page: any, selector: string): Promise<string> {
  return page.$eval(selector, (e: any) => e.textContent.trim())
}

test.group('Browser ledger: chart, journal, entry form, trial balance, reports', (group) => {
  let tb: TestBrowser
  group.setup(async () => {
    tb = await launchBrowser()
    return () => tb.close()
  })

  test('every ledger page renders, is accessible, and the entry form refuses an unbalanced entry', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org, { name: 'Résidence Les Tilleuls' })
    const unit = await createUnit(client, org, b.id, { number: 'A1', quota: 1000 })
    const owner = await createOwner(client, org, { firstName: 'Sophie', lastName: 'Lambert' })
    await linkOwner(client, org, unit.id, owner.id)
    const post = async (body: object) => {
      const res = await call(client, org, 'post', `/buildings/${b.id}/journal-entries`, body)
      res.assertStatus(201)
    }
    const year = new Date().getFullYear()
    await post({
      date: `${year}-01-05`,
      journal: 'sales',
      type: 'call_for_funds',
      description: 'Provisions T1',
      lines: [
        { accountCode: '410', debit: '1500.00', ownerId: owner.id },
        { accountCode: '700', credit: '1000.00' },
        { accountCode: '701', credit: '500.00' },
      ],
    })
    await post({
      date: `${year}-01-20`,
      journal: 'bank',
      type: 'payment_received',
      description: 'Virement Lambert',
      lines: [
        { accountCode: '550', debit: '1500.00' },
        { accountCode: '410', credit: '1500.00', ownerId: owner.id },
      ],
    })
    await post({
      date: `${year}-01-25`,
      journal: 'purchases',
      type: 'manual',
      description: 'Facture Engie — électricité des communs',
      lines: [
        { accountCode: '600', debit: '212.37' },
        { accountCode: '440', credit: '212.37' },
      ],
    })

    const { page, errors } = await openPage(tb, {
      locale: 'fr',
      ignore: [/ws:\/\/127.0.0.1/, /WebSocket/, /\[vite\]/],
    })
    await login(page, org.email)

    // Chart of accounts
    await visit(page, `/app/accounting/chart?buildingId=${b.id}`)
    assert.equal(await text(page, 'h1'), 'Plan comptable')
    await page.waitForSelector('[data-account="410"]')
    assert.deepEqual(await a11yProblems(page), [], 'chart')
    await screenshot(page, 'ledger-chart-fr')
    await page.type('[data-test=account-form] input[name=code]', '6121')
    await page.type('[data-test=account-form] input[name=name]', 'Entretien jardin')
    await page.click('[data-test=account-form] button[type=submit]')
    await waitForText(page, 'Compte 6121 ajouté.')
    await page.waitForSelector('[data-account="6121"]')

    // Entry form: unbalanced → refused, balanced → saved
    await visit(page, `/app/accounting/journal/new?buildingId=${b.id}`)
    assert.equal(await text(page, 'h1'), 'Nouvelle écriture')
    await page.type('#je-description', 'Facture Vivaqua — eau des communs')
    const selects = await page.$$('[data-test=entry-lines] tbody select[id^=jl-account]')
    await selects[0]!.select('601')
    await selects[1]!.select('440')
    const debit = (await page.$(
      '[data-test=entry-lines] tbody tr[data-line="1"] input[id^=jl-debit]'
    ))!
    const credit = (await page.$(
      '[data-test=entry-lines] tbody tr[data-line="2"] input[id^=jl-credit]'
    ))!
    await debit.type('184,50')
    await credit.type('184,49')
    await waitForText(page, 'Écriture déséquilibrée')
    assert.include(await text(page, '[data-test=difference]'), '0,01')
    assert.isTrue(await page.$eval('[data-test=save-entry]', (e: any) => e.disabled))
    assert.deepEqual(await a11yProblems(page), [], 'entry form')
    await screenshot(page, 'ledger-entry-unbalanced-fr')
    await credit.click({ clickCount: 3 })
    await credit.type('184,50')
    await waitForText(page, 'Écriture équilibrée')
    assert.isFalse(await page.$eval('[data-test=save-entry]', (e: any) => e.disabled))
    await screenshot(page, 'ledger-entry-balanced-fr')
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'networkidle0' }),
      page.click('[data-test=save-entry]'),
    ])

    // Journal
    await page.waitForSelector(`[data-entry="${year}-000004"]`)
    assert.equal(await text(page, 'h1'), 'Journal')
    assert.deepEqual(await a11yProblems(page), [], 'journal')
    await screenshot(page, 'ledger-journal-fr')

    // Trial balance
    await visit(page, `/app/accounting/trial-balance?buildingId=${b.id}&asOf=${year}-12-31`)
    assert.equal(await text(page, '[data-test=trial-state]'), 'Balance équilibrée')
    assert.equal(
      await text(page, '[data-test=trial-debit]'),
      await text(page, '[data-test=trial-credit]')
    )
    assert.deepEqual(await a11yProblems(page), [], 'trial balance')
    await screenshot(page, 'ledger-trial-balance-fr')

    // Reports
    await visit(page, `/app/accounting/reports?buildingId=${b.id}&asOf=${year}-12-31`)
    await page.waitForSelector('[data-test=balance-sheet]')
    assert.equal(
      await text(page, '[data-test=total-assets]'),
      await text(page, '[data-test=total-liabilities]')
    )
    await waitForText(page, 'Sophie Lambert')
    assert.deepEqual(await a11yProblems(page), [], 'reports')
    await screenshot(page, 'ledger-reports-fr')
    assert.deepEqual(errors, [])

    // The same pages in Dutch, German and English
    for (const [locale, chart, journal, trial, reports] of [
      ['nl', 'Rekeningstelsel', 'Dagboek', 'Proef- en saldibalans', 'Financiële rapporten'],
      ['de', 'Kontenplan', 'Journal', 'Saldenbilanz', 'Finanzberichte'],
      ['en', 'Chart of accounts', 'Journal', 'Trial balance', 'Financial reports'],
    ]) {
      const other = await openPage(tb, {
        locale,
        ignore: [/ws:\/\/127.0.0.1/, /WebSocket/, /\[vite\]/],
      })
      await login(other.page, org.email)
      await visit(other.page, `/app/accounting/chart?buildingId=${b.id}`)
      assert.equal(await text(other.page, 'h1'), chart)
      await visit(other.page, `/app/accounting/journal?buildingId=${b.id}`)
      assert.equal(await text(other.page, 'h1'), journal)
      await visit(other.page, `/app/accounting/trial-balance?buildingId=${b.id}`)
      assert.equal(await text(other.page, 'h1'), trial)
      await visit(other.page, `/app/accounting/reports?buildingId=${b.id}`)
      assert.equal(await text(other.page, 'h1'), reports)
      await screenshot(other.page, `ledger-reports-${locale}`)
      assert.deepEqual(other.errors, [])
      await other.page.close()
    }
  }).timeout(180_000)
})
