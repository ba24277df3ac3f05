/* eslint-disable @unicorn/no-await-expression-member -- tests read answers inline */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { resetNotaryLimits } from '../../services/notary_service.js'
import { signupOrg } from '#tests/functional/buildings/helpers'
import { startFakeStripe, type FakeStripe } from '#tests/helpers/fake_stripe'
import { startSmtpSink, type SmtpSink } from '#tests/helpers/smtp_sink'
import { drainQueues, startTestWorker, type WorkerHandle } from '#tests/helpers/worker'
import { call, legalFixture, rowsOf, setModule } from './helpers.js'

function notaryBody(overrides: Record<string, unknown> = {}) {
  return {
    notaryName: 'Maître Pieter Claes',
    office: 'Notariskantoor Claes',
    email: 'pieter.claes@notaris.test',
    locale: 'nl',
    building: { street: 'avenue louise 221', postalCode: '1050', city: 'Ixelles' },
    unitNumber: 'a3',
    ...overrides,
  }
}

async function waitUntil(fn: () => Promise<boolean>, ms = 10000) {
  const start = Date.now()
  while (Date.now() - start < ms) {
    if (await fn()) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('condition not met in time')
}

test.group('legal: notary self-service', (group) => {
  let fake: FakeStripe
  let sink: SmtpSink
  let worker: WorkerHandle | undefined
  group.setup(async () => {
    fake = await startFakeStripe()
    sink = await startSmtpSink()
    return async () => {
      await fake.stop()
      await sink.close()
    }
  })
  group.each.setup(async () => {
    await drainQueues(['billing'])
    // The per-IP limits live in Redis and outlive a run: every test starts with none used.
    await resetNotaryLimits('127.0.0.1')
    worker = startTestWorker({ queues: ['billing'] })
    return async () => {
      await worker?.close()
    }
  })

  test('paid request: Stripe Checkout → queued état daté → tracking shows status, due date, then the PDF', async ({
    client,
    assert,
  }) => {
    const { org, unit } = await legalFixture(client, 'Syndic Notaire')
    ;(await call(client, org, 'put', '/legal/settings', { notaryFee: '150' })).assertStatus(200)
    const res = await client.post(`/api/v1/public/notary/${org.slug}/requests`).json(notaryBody())
    res.assertStatus(201)
    const body = res.body()
    assert.equal(body.status, 'pending_payment')
    assert.equal(body.fee, '150.00')
    assert.isString(body.checkoutUrl)
    const token = body.trackingUrl.split('/').pop()
    assert.isAtLeast(token.length, 40)

    const session = fake.sessionByUrl(body.checkoutUrl)!
    assert.equal(session.metadata.purpose, 'legal.notary_fee')
    assert.equal(session.amount_total, 15000)

    // Before payment: nothing in the syndic's queue.
    assert.equal((await call(client, org, 'get', '/etat-dates')).body().meta.total, 0)
    await fake.completeCheckout(session.id)
    await waitUntil(
      async () => (await rowsOf('legal_etat_dates', { unit_id: unit.id })).length === 1
    )
    const [ed] = await rowsOf('legal_etat_dates', { unit_id: unit.id })
    assert.equal(ed.source, 'notary_portal')
    assert.equal(ed.notary_locale, 'nl')

    const tracking = await client.get(`/api/v1/public/notary/${org.slug}/requests/${token}`)
    tracking.assertStatus(200)
    assert.equal(tracking.body().status, 'requested')
    assert.isTrue(tracking.body().paid)
    assert.isString(tracking.body().dueDate)
    assert.isFalse(tracking.body().pdfAvailable)
    ;(await client.get(`/api/v1/public/notary/${org.slug}/requests/${token}/pdf`)).assertStatus(409)

    ;(await call(client, org, 'put', `/etat-dates/${ed.id}/generate`)).assertStatus(200)
    ;(await call(client, org, 'put', `/etat-dates/${ed.id}/deliver`)).assertStatus(200)
    const after = await client.get(`/api/v1/public/notary/${org.slug}/requests/${token}`)
    assert.equal(after.body().status, 'delivered')
    assert.isTrue(after.body().pdfAvailable)
    const pdf = await client.get(`/api/v1/public/notary/${org.slug}/requests/${token}/pdf`)
    pdf.assertStatus(200)
    assert.equal(pdf.header('content-type'), 'application/pdf')

    // A wrong token, or the right token under another organisation's slug: 404.
    const other = await signupOrg(client, 'Autre')
    ;(
      await client.get(`/api/v1/public/notary/${org.slug}/requests/${'x'.repeat(43)}`)
    ).assertStatus(404)
    ;(await client.get(`/api/v1/public/notary/${other.slug}/requests/${token}`)).assertStatus(404)
  }).timeout(60000)

  test('free request (fee 0) is queued at once; unknown unit → unmatched, then assigned by the syndic', async ({
    client,
    assert,
  }) => {
    const { org, unit } = await legalFixture(client, 'Syndic Gratuit')
    const free = await client.post(`/api/v1/public/notary/${org.slug}/requests`).json(notaryBody())
    free.assertStatus(201)
    assert.isNull(free.body().checkoutUrl)
    assert.equal(free.body().status, 'requested')

    const lost = await client
      .post(`/api/v1/public/notary/${org.slug}/requests`)
      .json(notaryBody({ unitNumber: 'Z99', email: 'autre@notaris.test' }))
    lost.assertStatus(201)
    assert.equal(lost.body().status, 'unmatched')
    const list = await call(client, org, 'get', '/notary-requests?status=unmatched')
    assert.equal(list.body().meta.total, 1)
    const id = list.body().data[0].id
    const assigned = await call(client, org, 'put', `/notary-requests/${id}/assign`, {
      unitId: unit.id,
    })
    assigned.assertStatus(200)
    assert.equal(assigned.body().status, 'queued')
    ;(
      await call(client, org, 'put', `/notary-requests/${id}/assign`, { unitId: unit.id })
    ).assertStatus(409)
    assert.equal((await call(client, org, 'get', '/etat-dates')).body().meta.total, 2)
  })

  test('validation, unknown organisation, module off, rate limit', async ({ client, assert }) => {
    const { org } = await legalFixture(client, 'Syndic Limite')
    const bad = await client
      .post(`/api/v1/public/notary/${org.slug}/requests`)
      .json({ notaryName: '', email: 'x', building: { street: '', postalCode: '12', city: '' } })
    bad.assertStatus(422)
    const fields = bad.body().errors.map((e: any) => e.field)
    assert.includeMembers(fields, [
      'notaryName',
      'office',
      'email',
      'building.postalCode',
      'unitNumber',
    ])
    ;(
      await client.post(`/api/v1/public/notary/no-such-org/requests`).json(notaryBody())
    ).assertStatus(404)

    await setModule(client, org, 'legal', false)
    ;(
      await client.post(`/api/v1/public/notary/${org.slug}/requests`).json(notaryBody())
    ).assertStatus(404)
    await setModule(client, org, 'legal', true)

    let last = 0
    let retryAfter: string | undefined
    for (let i = 0; i < 8; i++) {
      const r = await client.post(`/api/v1/public/notary/${org.slug}/requests`).json(notaryBody())
      last = r.status()
      retryAfter = r.header('retry-after')
      if (last === 429) break
    }
    assert.equal(last, 429)
    assert.isString(retryAfter)
    const rows = await db
      .connection('owner')
      .from('legal_notary_requests')
      .where('organisation_id', org.organisationId)
    assert.isAtMost(rows.length, 5)
  })
})
