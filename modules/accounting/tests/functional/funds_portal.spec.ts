/* eslint-disable @unicorn/no-await-expression-member -- tests read answers inline */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { addMember } from '#tests/functional/buildings/helpers'
import { startFakeStripe, type FakeStripe } from '#tests/helpers/fake_stripe'
import { drainQueues, startTestWorker, type WorkerHandle } from '#tests/helpers/worker'
import { setFundsClock } from '../../services/funds/clock.js'
import { call, createDraftCall, fundsFixture } from './funds_helpers.js'

async function waitUntil(fn: () => Promise<boolean>, timeoutMs = 20_000) {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    if (await fn()) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('condition not met in time')
}

const ownerDb = () => db.connection('owner')

test.group('Funds: owner portal and paying online (Stripe Checkout)', (group) => {
  let fake: FakeStripe
  let worker: WorkerHandle | undefined
  group.setup(async () => {
    fake = await startFakeStripe()
    return () => fake.stop()
  })
  group.each.setup(async () => {
    setFundsClock('2026-01-10')
    await drainQueues(['billing', 'accounting'])
    worker = startTestWorker({ queues: ['billing'] })
    return async () => {
      setFundsClock(null)
      await worker?.close()
    }
  })

  test('an owner sees their balance and pays it; the webhook posts the payment exactly once', async ({
    client,
    assert,
  }) => {
    const { org, building, owners } = await fundsFixture(client, { quotas: [400, 600] })
    const draft = await createDraftCall(client, org, building.id)
    await call(client, org, 'put', `/call-for-funds/${draft.id}/send`)
    const member = await addMember(org, 'owner')
    await ownerDb().rawQuery('update owners set user_id = ? where id = ?', [
      member.userId,
      owners[0].id,
    ])

    const account = await call(client, member, 'get', '/me/accounting')
    account.assertStatus(200)
    assert.lengthOf(account.body().data, 1)
    assert.equal(account.body().data[0].balance.balance, '6000.00')
    assert.equal(account.body().data[0].statement.movements[0].debit, '6000.00')
    // Staff APIs stay closed to the owner.
    ;(await call(client, member, 'get', `/owners/${owners[1].id}/balance`)).assertStatus(403)

    const checkout = await call(client, member, 'post', '/me/accounting/checkout', {
      buildingId: building.id,
    })
    checkout.assertStatus(201)
    assert.equal(checkout.body().amount, '6000.00')
    const session = fake.sessionByUrl(checkout.body().url)!
    assert.exists(session)
    assert.equal(session.mode, 'payment')
    assert.equal(session.metadata.purpose, 'accounting.owner_payment')
    assert.equal(session.metadata.ownerId, owners[0].id)

    const done = await fake.completeCheckout(session.id, { paymentMethod: 'bancontact' })
    const completed = done.deliveries.find((d) => d.event.type === 'checkout.session.completed')!
    assert.equal(completed.status, 200)
    const payments = () =>
      ownerDb().rawQuery(
        'select * from accounting_payments where organisation_id = ? and owner_id = ?',
        [org.organisationId, owners[0].id]
      )
    await waitUntil(async () => (await payments()).rows.length > 0)
    // The same event delivered again: still one payment, one journal entry.
    await fake.deliver(completed.event)
    await new Promise((r) => setTimeout(r, 1500))
    const rows = (await payments()).rows
    assert.lengthOf(rows, 1)
    assert.equal(Number(rows[0].amount).toFixed(2), '6000.00')
    assert.equal(rows[0].stripe_session_id, session.id)
    const entries = await ownerDb().rawQuery(
      `select count(*)::int as n from accounting_journal_entries where organisation_id = ? and type = 'payment_received'`,
      [org.organisationId]
    )
    assert.equal(entries.rows[0].n, 1)
    const after = (await call(client, member, 'get', '/me/accounting')).body()
    assert.equal(after.data[0].balance.balance, '0.00')
    const shown = (await call(client, org, 'get', `/call-for-funds/${draft.id}`)).body()
    assert.equal(shown.lines.find((l: any) => l.ownerId === owners[0].id).outstandingAmount, '0.00')

    const nothing = await call(client, member, 'post', '/me/accounting/checkout', {
      buildingId: building.id,
    })
    nothing.assertStatus(409)
  })

  test('a user without a co-owner record cannot pay (404); bad input 422', async ({ client }) => {
    const { org, building } = await fundsFixture(client, { quotas: [1000] })
    const member = await addMember(org, 'owner')
    ;(
      await call(client, member, 'post', '/me/accounting/checkout', { buildingId: building.id })
    ).assertStatus(404)
    ;(
      await call(client, member, 'post', '/me/accounting/checkout', { buildingId: 'x' })
    ).assertStatus(422)
    const contractor = await addMember(org, 'contractor')
    ;(await call(client, contractor, 'get', '/me/accounting')).assertStatus(403)
  })
})
