/* eslint-disable @unicorn/no-await-expression-member -- tests read answers inline */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { drainQueues } from '#tests/helpers/worker'
import { setFundsClock } from '../../services/funds/clock.js'
import { call, createDraftCall, fundsFixture, signupOrg } from './funds_helpers.js'

/*
| Late-interest rates keep the column's 3 decimals (numeric(6,3)) end to end: stored,
| returned as a decimal string ("4.125"), and used as such for the interest (it used to be
| shown and computed as 4.13).
*/
test.group('Funds: interest rates with 3 decimals', (group) => {
  group.each.setup(async () => {
    setFundsClock('2026-01-10')
    await drainQueues(['accounting'])
    return () => setFundsClock(null)
  })

  test('4.125 is stored, returned as "4.125" and used for the arrears interest', async ({
    client,
    assert,
  }) => {
    const { org, building, owners } = await fundsFixture(client, { quotas: [1000] })
    const put = await call(client, org, 'put', '/accounting/interest-rates/2026', {
      rate: 4.125,
    })
    put.assertStatus(200)
    assert.deepEqual(put.body(), { year: 2026, rate: '4.125' })
    const stored = await db
      .connection('owner')
      .from('accounting_interest_rates')
      .where({ organisation_id: org.organisationId, year: 2026 })
      .first()
    assert.equal(stored.rate, '4.125')

    const list = (await call(client, org, 'get', '/accounting/interest-rates')).body()
    assert.deepEqual(list, { defaultRate: '4.500', data: [{ year: 2026, rate: '4.125' }] })

    const draft = await createDraftCall(client, org, building.id, {
      ordinaryAmount: '3650.00',
      extraordinaryAmount: 0,
      dueDate: '2026-01-31',
    })
    ;(await call(client, org, 'put', `/call-for-funds/${draft.id}/send`)).assertStatus(200)
    const arrears = (
      await call(client, org, 'get', `/buildings/${building.id}/arrears?asOf=2026-05-01`)
    ).body()
    assert.lengthOf(arrears.owners, 1)
    assert.equal(arrears.owners[0].ownerId, owners[0].id)
    // 3,650.00 × 4.125 % × 90 days / 365 = 37.125 → 37.13 (half-up once); 4.13 % gave 37.17.
    assert.equal(arrears.owners[0].interest, '37.13')
  })

  test('an update keeps 3 decimals; a string payload works; a 4th decimal is refused', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client, 'Syndic Rates')
    const first = await call(client, org, 'put', '/accounting/interest-rates/2027', { rate: '6' })
    assert.deepEqual(first.body(), { year: 2027, rate: '6.000' })
    const second = await call(client, org, 'put', '/accounting/interest-rates/2027', {
      rate: '0.005',
    })
    assert.deepEqual(second.body(), { year: 2027, rate: '0.005' })
    const bad = await call(client, org, 'put', '/accounting/interest-rates/2027', {
      rate: 4.1255,
    })
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'rate')
    const list = (await call(client, org, 'get', '/accounting/interest-rates')).body()
    assert.deepEqual(list.data, [{ year: 2027, rate: '0.005' }])
  })
})
