import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { signupOrg, uniq } from '#tests/helpers/api'
import { addMember, call, createBuilding } from '#tests/functional/buildings/helpers'
import { startFakeStripe, type FakeStripe } from '#tests/helpers/fake_stripe'
import { startSmtpSink, type SmtpSink } from '#tests/helpers/smtp_sink'
import { drainQueues, startTestWorker, type WorkerHandle } from '#tests/helpers/worker'
import { clock } from '#billing/clock'
import { dispatch } from '#jobs/dispatcher'
import {
  billingRowOf,
  enabledModules,
  orgRow,
  ownerRows,
  subscribe,
  waitForDeliveries,
  waitForEvents,
  waitUntil,
} from './helpers.js'

function setup(group: any, state: { fake?: FakeStripe; worker?: WorkerHandle; sink?: SmtpSink }) {
  group.setup(async () => {
    state.fake = await startFakeStripe()
    state.sink = await startSmtpSink()
    return async () => {
      await state.fake!.stop()
      await state.sink!.close()
    }
  })
  group.each.setup(async () => {
    await drainQueues(['billing'])
    state.worker = startTestWorker({ queues: ['billing'] })
    return async () => {
      clock.reset()
      await state.worker!.close()
    }
  })
}

test.group('Billing: subscription journey', (group) => {
  const s: { fake?: FakeStripe; worker?: WorkerHandle; sink?: SmtpSink } = {}
  setup(group, s)

  test('trial → checkout → webhook completed → active with the plan modules', async ({
    client,
    assert,
  }) => {
    const fake = s.fake!
    const org = await signupOrg(client)
    await createBuilding(client, org)
    await createBuilding(client, org)

    const before = await call(client, org, 'get', '/billing')
    before.assertStatus(200)
    assert.equal(before.body().status, 'trialing')
    assert.isNull(before.body().plan)
    assert.equal(before.body().buildingsBilled, 2)
    assert.isString(before.body().trialEndsAt)
    assert.isFalse(before.body().hasSubscription)

    const checkout = await call(client, org, 'post', '/billing/checkout', { plan: 'pro' })
    checkout.assertStatus(200)
    const session = fake.sessionByUrl(checkout.body().url)!
    assert.exists(session)
    assert.equal(session.mode, 'subscription')
    assert.deepEqual(session.line_items, [{ price: 'price_vme_pro_monthly', quantity: 2 }])
    assert.deepEqual(session.payment_method_types, ['card', 'sepa_debit'])
    assert.equal(session.metadata.organisationId, org.organisationId)
    assert.equal(session.subscription_data.metadata.plan, 'pro')
    assert.match(session.success_url, /\/app\/billing\?checkout=success/)
    // Still trialing until Stripe says it is paid.
    assert.equal(await fieldOf(orgRow(org.organisationId), 'status'), 'trialing')

    const page = await fetch(session.url)
    assert.include(await page.text(), '€118.00 / month')

    const done = await fake.completeCheckout(session.id, { paymentMethod: 'sepa_debit' })
    assert.deepEqual(
      done.deliveries.map((d) => [d.event.type, d.status]),
      [
        ['checkout.session.completed', 200],
        ['customer.subscription.created', 200],
        ['invoice.paid', 200],
      ]
    )
    const rows = await waitForDeliveries(done.deliveries)
    assert.isTrue(rows.every((r) => r.status === 'processed'))

    const after = await call(client, org, 'get', '/billing')
    assert.equal(after.body().status, 'active')
    assert.equal(after.body().plan, 'pro')
    assert.equal(after.body().buildingsBilled, 2)
    assert.isTrue(after.body().hasSubscription)
    assert.deepEqual(after.body().nextInvoice.amount, '118.00')
    assert.deepEqual(await enabledModules(org.organisationId), {
      accounting: true,
      community: true,
      gdpr: true,
      iot: false,
      legal: true,
    })
    const invoices = await call(client, org, 'get', '/billing/invoices')
    invoices.assertStatus(200)
    assert.lengthOf(invoices.body().data, 1)
    assert.equal(invoices.body().data[0].total, '118.00')
    assert.equal(invoices.body().data[0].status, 'paid')

    // A module outside the plan: 402 for the admin.
    const iot = await call(client, org, 'put', '/organisation/modules/iot', { enabled: true })
    iot.assertStatus(402)
    assert.equal(iot.body().errors[0].code, 'E_PLAN_REQUIRED')

    // A second checkout while subscribed is a state error; the portal opens.
    const again = await call(client, org, 'post', '/billing/checkout', { plan: 'complete' })
    again.assertStatus(409)
    const portal = await call(client, org, 'post', '/billing/portal')
    portal.assertStatus(200)
    assert.match(portal.body().url, /^http:\/\/127\.0\.0\.1:\d+\/p\/session\/bps_/)
    const audits = await ownerRows(
      `select action from audit_logs where organisation_id = ? and action like 'billing.%' order by created_at`,
      [org.organisationId]
    )
    assert.includeMembers(
      audits.map((a) => a.action),
      ['billing.checkout_created', 'billing.subscription_synced', 'billing.portal_opened']
    )
  })

  test('upgrade and downgrade change the modules; superadmin grants are kept; data kept', async ({
    client,
    assert,
  }) => {
    const fake = s.fake!
    const org = await signupOrg(client)
    await subscribe(client, fake, org, 'essential')
    assert.deepEqual(await enabledModules(org.organisationId), {
      accounting: false,
      community: true,
      gdpr: true,
      iot: false,
      legal: false,
    })

    const up = await call(client, org, 'put', '/billing/plan', { plan: 'complete' })
    up.assertStatus(200)
    assert.equal(up.body().plan, 'complete')
    const sub = [...fake.state.subscriptions.values()].find(
      (x) => x.metadata.organisationId === org.organisationId
    )!
    assert.equal(sub.items.data[0].price.id, 'price_vme_complete_monthly')
    assert.isTrue(await fieldOf(enabledModules(org.organisationId), 'iot'))
    assert.isTrue(await fieldOf(enabledModules(org.organisationId), 'accounting'))

    // A superadmin grants iot outside the plan (audited platform action); a downgrade keeps it.
    const staff = await signupOrg(client, 'Platform staff')
    await db
      .connection('owner')
      .from('users')
      .where('id', staff.userId)
      .update({ is_superadmin: true })
    const down0 = await call(client, org, 'put', '/billing/plan', { plan: 'essential' })
    down0.assertStatus(200)
    assert.isFalse(await fieldOf(enabledModules(org.organisationId), 'iot'))
    const grant = await call(
      client,
      staff,
      'put',
      `/admin/organisations/${org.organisationId}/modules/iot`,
      { enabled: true }
    )
    grant.assertStatus(200)
    await expectStatus(call(client, org, 'put', '/billing/plan', { plan: 'pro' }), 200)
    const down = await call(client, org, 'put', '/billing/plan', { plan: 'essential' })
    down.assertStatus(200)
    assert.deepEqual(await enabledModules(org.organisationId), {
      accounting: false,
      community: true,
      gdpr: true,
      iot: true,
      legal: false,
    })

    // A plan change made in Stripe (customer portal) arrives by webhook.
    const delivery = await fake.updateSubscription(sub.id, { price: 'price_vme_pro_monthly' })
    await waitForEvents([delivery!.event.id])
    assert.equal(await fieldOf(orgRow(org.organisationId), 'plan'), 'pro')
    assert.isTrue(await fieldOf(enabledModules(org.organisationId), 'accounting'))
    assert.isTrue(await fieldOf(enabledModules(org.organisationId), 'legal'))

    const bad = await call(client, org, 'put', '/billing/plan', { plan: 'gold' })
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'plan')
  })

  test('quantity follows the active buildings', async ({ client, assert }) => {
    const fake = s.fake!
    const org = await signupOrg(client)
    const first = await createBuilding(client, org)
    const { subscription } = await subscribe(client, fake, org, 'pro')
    const sub = fake.state.subscriptions.get(subscription!.id)!
    assert.equal(sub.items.data[0].quantity, 1)

    await createBuilding(client, org)
    await createBuilding(client, org)
    await waitUntil(() => sub.items.data[0].quantity === 3)
    await waitUntil(async () => (await fieldOf(billingRowOf(org.organisationId), 'quantity')) === 3)

    const del = await call(client, org, 'delete', `/buildings/${first.id}`)
    del.assertStatus(204)
    await waitUntil(() => sub.items.data[0].quantity === 2)
    const overview = await call(client, org, 'get', '/billing')
    await waitUntil(async () => (await fieldOf(billingRowOf(org.organisationId), 'quantity')) === 2)
    assert.include([2, 3], overview.body().buildingsBilled)
    const updates = fake.state.requests.filter(
      (r) => r.method === 'POST' && r.path === `/v1/subscriptions/${sub.id}`
    )
    assert.deepEqual(
      updates.map((u) => u.body.items[0].quantity),
      updates.length === 2 ? ['3', '2'] : updates.map((u) => u.body.items[0].quantity)
    )
  })
})

test.group('Billing: webhook', (group) => {
  const s: { fake?: FakeStripe; worker?: WorkerHandle; sink?: SmtpSink } = {}
  setup(group, s)

  test('a forged or missing signature is a 400 and records nothing', async ({ client, assert }) => {
    const fake = s.fake!
    const org = await signupOrg(client)
    const event = fake.makeEvent('customer.subscription.deleted', {
      id: 'sub_forged',
      object: 'subscription',
      customer: 'cus_x',
      status: 'canceled',
      metadata: { organisationId: org.organisationId },
    })
    const payload = JSON.stringify(event)
    const forged = await fake.deliver(event, {
      signature: fake.sign(payload, { secret: 'whsec_attacker' }),
    })
    assert.equal(forged.status, 400)
    assert.equal(JSON.parse(forged.body).errors[0].code, 'E_BAD_REQUEST')
    const missing = await fake.deliver(event, { signature: null })
    assert.equal(missing.status, 400)
    const stale = await fake.deliver(event, {
      signature: fake.sign(JSON.stringify(event, null, 2), {
        timestamp: Math.floor(Date.now() / 1000) - 3600,
      }),
    })
    assert.equal(stale.status, 400)
    const garbage = await client
      .post('/api/v1/webhooks/stripe')
      .header('stripe-signature', 't=1,v1=abc')
      .json({ hello: 'world' })
    garbage.assertStatus(400)

    assert.lengthOf(
      await ownerRows(`select id from billing_stripe_events where id = ?`, [event.id]),
      0
    )
    assert.equal(await fieldOf(orgRow(org.organisationId), 'status'), 'trialing')
  })

  test('a replayed event has one effect; an older event cannot roll the state back', async ({
    client,
    assert,
  }) => {
    const fake = s.fake!
    const org = await signupOrg(client)
    const { subscription } = await subscribe(client, fake, org, 'essential')
    const countSynced = async () => {
      const rows = await ownerRows(
        `select count(*)::int as n from audit_logs where organisation_id = ? and action = 'billing.subscription_synced'`,
        [org.organisationId]
      )
      return rows[0].n
    }

    const snapshot = JSON.parse(JSON.stringify(fake.state.subscriptions.get(subscription!.id)))
    const delivery = (await fake.updateSubscription(subscription!.id, {
      price: 'price_vme_complete_monthly',
    }))!
    await waitForEvents([delivery.event.id])
    const synced = await countSynced()
    assert.equal(await fieldOf(orgRow(org.organisationId), 'plan'), 'complete')

    const replay = await fake.deliver(delivery.event)
    assert.equal(replay.status, 200)
    assert.isTrue(JSON.parse(replay.body).duplicate)
    await new Promise((r) => setTimeout(r, 200))
    assert.equal(await countSynced(), synced)
    assert.lengthOf(
      await ownerRows(`select id from billing_stripe_events where id = ?`, [delivery.event.id]),
      1
    )

    // An older state delivered late (essential, past_due) after the newer one.
    const late = await fake.sendEvent('customer.subscription.updated', {
      ...snapshot,
      status: 'past_due',
    })
    await waitForEvents([late.event.id])
    const row = await orgRow(org.organisationId)
    assert.equal(row.plan, 'complete')
    assert.equal(row.status, 'active')
  })

  test('the endpoint answers fast: the work happens in the job', async ({ assert }) => {
    const fake = s.fake!
    const timings: number[] = []
    const ids: string[] = []
    for (let i = 0; i < 40; i++) {
      const event = fake.makeEvent('customer.subscription.updated', {
        id: `sub_speed_${i}`,
        object: 'subscription',
        customer: `cus_speed_${i}`,
        status: 'active',
        metadata: {},
      })
      const started = performance.now()
      const delivery = await fake.deliver(event)
      timings.push(performance.now() - started)
      assert.equal(delivery.status, 200)
      ids.push(event.id)
    }
    timings.sort((a, b) => a - b)
    const p50 = timings[Math.floor(timings.length * 0.5)]
    const p95 = timings[Math.floor(timings.length * 0.95)]
    console.log(
      `webhook round trip over 40 events: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`
    )
    assert.isBelow(p95, 250)
    await waitForEvents(ids)
  })

  test('unknown event types and unknown organisations are recorded and ignored', async ({
    assert,
  }) => {
    const fake = s.fake!
    const a = await fake.sendEvent('charge.refunded', { id: 'ch_1', object: 'charge' })
    const b = await fake.sendEvent('customer.subscription.updated', {
      id: 'sub_nobody',
      object: 'subscription',
      customer: 'cus_nobody',
      status: 'active',
      metadata: {},
    })
    assert.equal(a.status, 200)
    assert.equal(b.status, 200)
    const rows = await waitForEvents([a.event.id, b.event.id])
    assert.deepEqual(rows.map((r) => r.status).sort(), ['ignored', 'ignored'])
  })
})

test.group('Billing: payment problems and read-only mode', (group) => {
  const s: { fake?: FakeStripe; worker?: WorkerHandle; sink?: SmtpSink } = {}
  setup(group, s)

  test('past_due: banner state and everything works for 7 days, then read-only (402)', async ({
    client,
    assert,
  }) => {
    const fake = s.fake!
    const org = await signupOrg(client)
    const building = await createBuilding(client, org)
    const { subscription } = await subscribe(client, fake, org, 'pro')

    const failed = await fake.failPayment(subscription!.id)
    await waitForDeliveries(failed.deliveries)
    assert.equal(await fieldOf(orgRow(org.organisationId), 'status'), 'past_due')
    const mail = await s.sink!.waitFor((m) => m.to.includes(org.email))
    assert.equal(mail.subject, 'Le paiement de votre abonnement a échoué')
    assert.include(mail.text, '59,00 €')

    const billing = await call(client, org, 'get', '/billing')
    assert.equal(billing.body().status, 'past_due')
    assert.isFalse(billing.body().readOnly)
    assert.isString(billing.body().graceEndsAt)

    clock.travel({ days: 6 })
    await expectStatus(call(client, org, 'post', '/buildings', { ...buildingBody() }), 201)

    clock.travel({ days: 2 })
    const write = await call(client, org, 'put', `/buildings/${building.id}`, { name: 'Nouveau' })
    write.assertStatus(402)
    assert.equal(write.body().errors[0].code, 'E_PAYMENT_REQUIRED')
    const create = await call(client, org, 'post', '/buildings', buildingBody())
    create.assertStatus(402)
    await expectStatus(call(client, org, 'get', `/buildings/${building.id}`), 200)
    await expectStatus(call(client, org, 'get', '/billing'), 200)
    await expectStatus(call(client, org, 'post', '/billing/portal'), 200)
    await expectStatus(call(client, org, 'get', '/gdpr/export'), 200)
    const rectify = await call(client, org, 'put', '/gdpr/rectify', { firstName: 'Alice' })
    assert.notEqual(rectify.status(), 402)
    const readOnly = await bodyOf(call(client, org, 'get', '/billing'))
    assert.isTrue(readOnly.readOnly)

    // Paid again: writes work again.
    const recovered = await fake.recoverPayment(subscription!.id)
    await waitForDeliveries(recovered.deliveries)
    assert.equal(await fieldOf(orgRow(org.organisationId), 'status'), 'active')
    assert.isNull(await fieldOf(billingRowOf(org.organisationId), 'past_due_since'))
    await expectStatus(
      call(client, org, 'put', `/buildings/${building.id}`, { name: 'Nouveau' }),
      200
    )
  })

  test('canceled: read-only at once, data kept, export available', async ({ client, assert }) => {
    const fake = s.fake!
    const org = await signupOrg(client)
    const building = await createBuilding(client, org)
    const { subscription } = await subscribe(client, fake, org, 'pro')
    const delivery = await fake.cancelSubscription(subscription!.id)
    await waitForEvents([delivery!.event.id])
    assert.equal(await fieldOf(orgRow(org.organisationId), 'status'), 'canceled')

    const write = await call(client, org, 'post', '/buildings', buildingBody())
    write.assertStatus(402)
    assert.equal(write.body().errors[0].code, 'E_PAYMENT_REQUIRED')
    const read = await call(client, org, 'get', `/buildings/${building.id}`)
    read.assertStatus(200)
    assert.equal(read.body().name, building.name)
    await expectStatus(call(client, org, 'get', '/gdpr/export'), 200)
    const billing = await call(client, org, 'get', '/billing')
    assert.equal(billing.body().status, 'canceled')
    assert.isTrue(billing.body().readOnly)
    // A new subscription can be taken out again.
    const again = await call(client, org, 'post', '/billing/checkout', { plan: 'essential' })
    again.assertStatus(200)
  })

  test('a trial that ended without a plan is read-only; the reminder goes out once, 3 days before', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    await db
      .connection('owner')
      .rawQuery(`update organisations set trial_ends_at = now() + interval '2 days' where id = ?`, [
        org.organisationId,
      ])
    const first = await dispatch('billing.trial_reminders', {}, { afterCommit: false })
    const mail = await s.sink!.waitFor((m) => m.to.includes(org.email))
    assert.equal(mail.subject, 'Votre essai se termine dans 3 jours')
    const { waitForJob } = await import('#tests/helpers/worker')
    await waitForJob('billing', first.id!)
    const second = await dispatch('billing.trial_reminders', {}, { afterCommit: false })
    const job = await waitForJob('billing', second.id!)
    assert.equal(
      s.sink!.messages.filter((m) => m.to.includes(org.email) && m.subject.includes('essai'))
        .length,
      1
    )
    assert.isAtLeast(job.returnvalue.checked, 1)

    await expectStatus(call(client, org, 'post', '/buildings', buildingBody()), 201)
    clock.travel({ days: 3 })
    const write = await call(client, org, 'post', '/buildings', buildingBody())
    write.assertStatus(402)
    const expired = await bodyOf(call(client, org, 'get', '/billing'))
    assert.equal(expired.readOnlyReason, 'trial_expired')
    await expectStatus(call(client, org, 'post', '/billing/checkout', { plan: 'pro' }), 200)
  })
})

test.group('Billing: access', (group) => {
  const s: { fake?: FakeStripe; worker?: WorkerHandle; sink?: SmtpSink } = {}
  setup(group, s)

  test('admin only; validation; the caller’s organisation only', async ({ client, assert }) => {
    const a = await signupOrg(client)
    const b = await signupOrg(client)
    const syndic = await addMember(a, 'syndic')
    for (const [method, path] of [
      ['get', '/billing'],
      ['post', '/billing/checkout'],
      ['post', '/billing/portal'],
      ['put', '/billing/plan'],
    ] as const) {
      const res = await call(client, { token: syndic.token }, method, path, { plan: 'pro' })
      res.assertStatus(403)
    }
    await expectStatus(client.get('/api/v1/billing'), 401)

    const bad = await call(client, a, 'post', '/billing/checkout', { plan: 'platinum' })
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'plan')
    const none = await call(client, a, 'post', '/billing/checkout', {})
    none.assertStatus(422)
    const portal = await call(client, a, 'post', '/billing/portal')
    portal.assertStatus(409)
    const plan = await call(client, a, 'put', '/billing/plan', { plan: 'pro' })
    plan.assertStatus(409)

    await subscribe(client, s.fake!, a, 'pro')
    // B's admin pointing at A: not a member → 403, nothing of A changes.
    const cross = await client
      .post('/api/v1/billing/portal')
      .bearerToken(b.token)
      .header('X-Organisation', a.organisationId)
    cross.assertStatus(403)
    const bView = await call(client, b, 'get', '/billing')
    assert.equal(bView.body().status, 'trialing')
    assert.isFalse(bView.body().hasCustomer)
    const bPlan = await call(client, b, 'put', '/billing/plan', { plan: 'essential' })
    bPlan.assertStatus(409)
    assert.equal(await fieldOf(orgRow(a.organisationId), 'plan'), 'pro')
  })
})

test.group('Billing: one-off payment checkouts', (group) => {
  const s: { fake?: FakeStripe; worker?: WorkerHandle; sink?: SmtpSink } = {}
  setup(group, s)

  test('an unknown purpose is recorded and ignored; a registered one runs once in the tenant', async ({
    client,
    assert,
  }) => {
    const fake = s.fake!
    const org = await signupOrg(client)
    const { createPaymentCheckout } = await import('#billing/payment_checkout')
    const { registerCheckoutHandler } = await import('#billing/checkout_hooks')

    const unknown = await createPaymentCheckout({
      purpose: 'nobody.listens',
      organisationId: org.organisationId,
      amount: '12.50',
      description: 'Frais de dossier',
      metadata: { ref: 'X-1' },
      successUrl: 'http://127.0.0.1/ok',
      cancelUrl: 'http://127.0.0.1/cancel',
      customerEmail: 'notaire@example.test',
    })
    assert.match(unknown.id, /^cs_test_/)
    const session = fake.state.sessions.get(unknown.id)!
    assert.equal(session.mode, 'payment')
    assert.equal(session.amount_total, 1250)
    assert.deepEqual(session.metadata, {
      ref: 'X-1',
      purpose: 'nobody.listens',
      organisationId: org.organisationId,
    })
    assert.deepEqual(session.payment_method_types, ['card', 'bancontact'])
    const done = await fake.completeCheckout(unknown.id)
    await waitForDeliveries(done.deliveries)
    const [row] = await ownerRows(`select * from billing_checkout_payments where session_id = ?`, [
      unknown.id,
    ])
    assert.equal(row.status, 'unhandled')
    assert.equal(row.amount, '12.50')
    assert.equal(row.organisation_id, org.organisationId)

    const calls: { amount: string; tenant: string; ref: string }[] = []
    const purpose = `test.${uniq('p')}`
    registerCheckoutHandler(purpose, async (event, trx) => {
      const res = await trx.rawQuery(`select current_setting('app.tenant_id', true) as t`)
      calls.push({ amount: event.amountTotal, tenant: res.rows[0].t, ref: event.metadata.ref })
    })
    const paid = await createPaymentCheckout({
      purpose,
      organisationId: org.organisationId,
      amount: '250',
      description: 'Réservation salle',
      metadata: { ref: 'B-7' },
      successUrl: 'http://127.0.0.1/ok',
      cancelUrl: 'http://127.0.0.1/cancel',
      paymentMethodTypes: ['card', 'bancontact', 'sepa_debit'],
    })
    // SEPA: completed unpaid first, the money a few days later.
    const sepa = await fake.completeCheckout(paid.id, { paymentMethod: 'sepa_debit' })
    assert.deepEqual(
      sepa.deliveries.map((d) => d.event.type),
      ['checkout.session.completed', 'checkout.session.async_payment_succeeded']
    )
    await waitForDeliveries(sepa.deliveries)
    assert.deepEqual(calls, [{ amount: '250.00', tenant: org.organisationId, ref: 'B-7' }])
    const replay = await fake.deliver(sepa.deliveries[1].event)
    assert.equal(replay.status, 200)
    await new Promise((r) => setTimeout(r, 200))
    assert.lengthOf(calls, 1)
    const [handled] = await ownerRows(
      `select status from billing_checkout_payments where session_id = ?`,
      [paid.id]
    )
    assert.equal(handled.status, 'handled')
  })
})

/** Awaits a request and asserts its status (keeps `await` out of member access). */
async function expectStatus(
  request: PromiseLike<{ assertStatus(n: number): void }>,
  status: number
) {
  const res = await request
  res.assertStatus(status)
  return res
}

async function bodyOf(request: PromiseLike<{ body(): any }>) {
  const res = await request
  return res.body()
}

async function fieldOf(value: PromiseLike<any>, key: string) {
  const resolved = await value
  return resolved[key]
}

function buildingBody() {
  return {
    name: `Résidence ${uniq('b')}`,
    address: { street: 'Rue de la Loi 16', postalCode: '1000', city: 'Bruxelles', country: 'BE' },
  }
}
