import { test } from '@japa/runner'
import Membership from '#models/membership'
import { expectStatus } from '#tests/functional/buildings/helpers'
import { unzipSync, strFromU8 } from 'fflate'
import { clearGdprRateLimit, GDPR_AUDIT_ACTIONS } from '#modules/gdpr/index'
import { startSmtpSink, type SmtpSink } from '#tests/helpers/smtp_sink'
import { addMember } from '#tests/functional/buildings/helpers'
import { baseUrl } from '#tests/helpers/api'
import { asPerson, call, createPerson, gdprCall, ownerQuery, signupOrg } from './helpers.js'

test.group('GDPR: export', () => {
  test('JSON export covers every organisation of the person; logged and audited in each', async ({
    client,
    assert,
  }) => {
    const p = await createPerson(client)
    const res = await gdprCall(client, asPerson(p), 'get', '/gdpr/export')
    res.assertStatus(200)
    const body = res.body()
    assert.equal(body.subject.userId, p.userId)
    assert.equal(body.account.account[0].email, p.email)
    assert.lengthOf(body.organisations, 2)
    const slugs = body.organisations.map((o: any) => o.organisation.slug).sort()
    assert.deepEqual(slugs, [p.orgA.slug, p.orgB.slug].sort())
    const a = body.organisations.find((o: any) => o.organisation.slug === p.orgA.slug)
    assert.equal(a.datasets['core.owners'][0].phone, p.phone)
    assert.equal(a.datasets['core.owners'][0].iban, 'BE68539007547034')
    assert.lengthOf(a.datasets['core.ownerships'], 1)
    assert.isArray(a.datasets['gdpr.rightsRequests'])
    assert.isArray(a.datasets['core.auditEvents'])

    for (const org of [p.orgA, p.orgB]) {
      const rows = await ownerQuery(
        `select action, actor_id from audit_logs where organisation_id = ? and action = 'gdpr.export'`,
        [org.organisationId]
      )
      assert.lengthOf(rows, 1)
      assert.equal(rows[0].actor_id, p.userId)
      const reqs = await ownerQuery(
        `select type, status from gdpr_requests where organisation_id = ? and user_id = ?`,
        [org.organisationId, p.userId]
      )
      assert.deepEqual(reqs, [{ type: 'export', status: 'completed' }])
    }
  })

  test('?format=zip: export.json plus one CSV per dataset', async ({ client, assert }) => {
    const p = await createPerson(client)
    const res = await fetch(`${baseUrl()}/api/v1/gdpr/export?format=zip`, {
      headers: { Authorization: `Bearer ${p.token}` },
    })
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), 'application/zip')
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()))
    const names = Object.keys(files)
    assert.include(names, 'export.json')
    assert.include(names, `${p.orgA.slug}/core.owners.csv`)
    assert.include(names, `${p.orgB.slug}/core.owners.csv`)
    assert.include(names, 'account/account.csv')
    const csv = strFromU8(files[`${p.orgA.slug}/core.owners.csv`])
    assert.include(csv, p.lastName)
    assert.match(csv.split('\r\n')[0], /firstName,lastName/)
    const json = JSON.parse(strFromU8(files['export.json']))
    const datasets = json.organisations.flatMap((o: any) => Object.keys(o.datasets))
    // One CSV per dataset per organisation, plus the account datasets.
    assert.equal(
      names.filter((n) => n.endsWith('.csv')).length,
      datasets.length + Object.keys(json.account).length
    )
  })

  test('10 requests per hour per user, then 429 with Retry-After; other users unaffected', async ({
    client,
    assert,
  }) => {
    const p = await createPerson(client)
    for (let i = 0; i < 10; i++) {
      const ok = await gdprCall(client, asPerson(p), 'get', '/gdpr/can-erase')
      ok.assertStatus(200)
    }
    const res = await gdprCall(client, asPerson(p), 'get', '/gdpr/export')
    res.assertStatus(429)
    assert.equal(res.body().errors[0].code, 'E_TOO_MANY_REQUESTS')
    const retry = Number(res.header('retry-after'))
    assert.isAbove(retry, 3000)
    assert.isAtMost(retry, 3600)
    // Another user is not throttled by this one.
    const other = await signupOrg(client)
    await expectStatus(gdprCall(client, { token: other.token }, 'get', '/gdpr/can-erase'), 200)
    await clearGdprRateLimit(p.userId)
    await expectStatus(gdprCall(client, asPerson(p), 'get', '/gdpr/can-erase'), 200)
  })

  test('a person in many organisations (sequential mode): export and erase cover all of them', async ({
    client,
    assert,
  }) => {
    const p = await createPerson(client)
    const more = []
    for (let i = 0; i < 4; i++) {
      const org = await signupOrg(client, `Syndic ${i}`)
      await Membership.create({
        organisationId: org.organisationId,
        userId: p.userId,
        role: 'owner',
      })
      more.push(org)
    }
    const res = await gdprCall(client, asPerson(p), 'get', '/gdpr/export')
    res.assertStatus(200)
    assert.lengthOf(res.body().organisations, 6)
    await expectStatus(gdprCall(client, asPerson(p), 'delete', '/gdpr/erase'), 204)
    for (const org of [p.orgA, p.orgB, ...more]) {
      const rows = await ownerQuery(
        `select 1 from gdpr_requests where organisation_id = ? and user_id = ? and type = 'erase'`,
        [org.organisationId, p.userId]
      )
      assert.lengthOf(rows, 1)
    }
    assert.lengthOf(await ownerQuery(`select 1 from memberships where user_id = ?`, [p.userId]), 0)
  })

  test('anonymous → 401', async ({ client }) => {
    await expectStatus(client.get('/api/v1/gdpr/export'), 401)
    await expectStatus(client.delete('/api/v1/gdpr/erase'), 401)
  })
})

test.group('GDPR: can-erase and erase blockers', () => {
  test('the only admin of an organisation is blocked; erase → 409 with reasons and nothing changes', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    await clearGdprRateLimit(org.userId)
    const check = await gdprCall(client, { token: org.token }, 'get', '/gdpr/can-erase')
    check.assertStatus(200)
    assert.isFalse(check.body().canErase)
    assert.lengthOf(check.body().reasons, 1)
    assert.equal(check.body().reasons[0].source, 'core')
    assert.match(check.body().reasons[0].reason, /only administrator/)

    const before = await ownerQuery(`select email, full_name from users where id = ?`, [org.userId])
    const res = await gdprCall(client, { token: org.token }, 'delete', '/gdpr/erase')
    res.assertStatus(409)
    assert.equal(res.body().errors[0].code, 'E_INVALID_STATE')
    assert.isTrue(res.body().errors.some((e: any) => /only administrator/.test(e.message)))
    const after = await ownerQuery(`select email, full_name from users where id = ?`, [org.userId])
    assert.deepEqual(after, before)
    const erases = await ownerQuery(
      `select 1 from gdpr_requests where user_id = ? and type = 'erase'`,
      [org.userId]
    )
    assert.lengthOf(erases, 0)
    // The token still works (nothing was revoked).
    await expectStatus(call(client, org, 'get', '/me'), 200)
  })

  test('a second admin lifts the blocker', async ({ client, assert }) => {
    const org = await signupOrg(client)
    await clearGdprRateLimit(org.userId)
    await addMember(org, 'admin')
    const check = await gdprCall(client, { token: org.token }, 'get', '/gdpr/can-erase')
    assert.isTrue(check.body().canErase)
    assert.deepEqual(check.body().reasons, [])
    const audits = await ownerQuery(
      `select count(*)::int as n from audit_logs where actor_id = ? and action = 'gdpr.erase_check'`,
      [org.userId]
    )
    assert.equal(audits[0].n, 1)
  })
})

test.group('GDPR: rectify', (group) => {
  let sink: SmtpSink
  group.setup(async () => {
    sink = await startSmtpSink()
    return () => sink.close()
  })

  test('name, phone and address apply to the account and the co-owner records of every organisation', async ({
    client,
    assert,
  }) => {
    const p = await createPerson(client)
    const res = await gdprCall(client, asPerson(p), 'put', '/gdpr/rectify', {
      lastName: 'Van Damme',
      phone: '+32 2 555 12 34',
      address: { street: 'Grote Markt 1', postalCode: '9000', city: 'Gent' },
    })
    res.assertStatus(200)
    assert.equal(res.body().fullName, 'Jozefien Van Damme')
    assert.equal(res.body().ownerRecordsUpdated, 2)
    const owners = await ownerQuery(
      `select last_name, phone, address from owners where user_id = ? order by organisation_id`,
      [p.userId]
    )
    assert.lengthOf(owners, 2)
    for (const o of owners) {
      assert.equal(o.last_name, 'Van Damme')
      assert.equal(o.phone, '+32 2 555 12 34')
      assert.equal(o.address.city, 'Gent')
      assert.equal(o.address.country, 'BE')
    }
    const audit = await ownerQuery(
      `select metadata from audit_logs where actor_id = ? and action = 'gdpr.rectify'`,
      [p.userId]
    )
    assert.lengthOf(audit, 2)
    // Field names only, never the values.
    assert.notInclude(JSON.stringify(audit), 'Van Damme')
  })

  test('a new e-mail is re-verified: pending until the link is used, then applied everywhere', async ({
    client,
    assert,
  }) => {
    const p = await createPerson(client)
    const newEmail = `new-${p.email}`
    const res = await gdprCall(client, asPerson(p), 'put', '/gdpr/rectify', { email: newEmail })
    res.assertStatus(200)
    assert.equal(res.body().email, p.email)
    assert.equal(res.body().pendingEmail, newEmail)
    const [user] = await ownerQuery(`select email from users where id = ?`, [p.userId])
    assert.equal(user.email, p.email)

    const mail = await sink.waitFor((m) => m.to.includes(newEmail), 10000)
    const link = /\/gdpr\/confirm-email\/([A-Za-z0-9_-]+)/.exec(mail.text)
    assert.isNotNull(link)
    const token = link![1]

    // The confirmation page (public) shows the pending address.
    const page = await client.get(`/gdpr/confirm-email/${token}`)
    page.assertStatus(200)

    const confirm = await client.post(`/api/v1/gdpr/email-confirmations/${token}`).json({})
    confirm.assertStatus(200)
    assert.deepEqual(confirm.body(), { confirmed: true, email: newEmail })
    const [after] = await ownerQuery(`select email from users where id = ?`, [p.userId])
    assert.equal(after.email, newEmail)
    const owners = await ownerQuery(`select email from owners where user_id = ?`, [p.userId])
    assert.deepEqual(
      owners.map((o) => o.email),
      [newEmail, newEmail]
    )
    // Single use.
    const again = await client.post(`/api/v1/gdpr/email-confirmations/${token}`).json({})
    again.assertStatus(409)
    const unknown = await client.post(`/api/v1/gdpr/email-confirmations/not-a-token`).json({})
    unknown.assertStatus(404)
  })

  test('422 on bad fields or an empty body; 409 when the new e-mail belongs to someone else', async ({
    client,
    assert,
  }) => {
    const p = await createPerson(client)
    const bad = await gdprCall(client, asPerson(p), 'put', '/gdpr/rectify', {
      email: 'not-an-email',
      phone: 'call me maybe',
      firstName: 'x'.repeat(101),
    })
    bad.assertStatus(422)
    const fields = bad
      .body()
      .errors.map((e: any) => e.field)
      .sort()
    assert.includeMembers(fields, ['email', 'firstName', 'phone'])
    await expectStatus(gdprCall(client, asPerson(p), 'put', '/gdpr/rectify', {}), 422)
    const other = await signupOrg(client)
    const taken = await gdprCall(client, asPerson(p), 'put', '/gdpr/rectify', {
      email: other.email,
    })
    taken.assertStatus(409)
    assert.equal(taken.body().errors[0].field, 'email')
  })
})

test.group('GDPR: restriction and marketing', () => {
  test('restrict, unrestrict and marketing preference: stored, logged, and exactly the 7 audit types exist', async ({
    client,
    assert,
  }) => {
    const p = await createPerson(client)
    const r1 = await gdprCall(client, asPerson(p), 'put', '/gdpr/restrict-processing', {
      restricted: true,
      reason: 'I contest the accuracy of my data',
    })
    r1.assertStatus(200)
    assert.isTrue(r1.body().processingRestricted)
    assert.equal(r1.body().restrictionReason, 'I contest the accuracy of my data')
    const { isProcessingRestricted, marketingAllowed } = await import('#modules/gdpr/index')
    assert.isTrue(await isProcessingRestricted(p.userId))

    const m = await gdprCall(client, asPerson(p), 'put', '/gdpr/marketing-preference', {
      optIn: true,
    })
    m.assertStatus(200)
    assert.isTrue(m.body().marketingOptIn)
    // Restricted: no marketing even with the opt-in.
    assert.isFalse(await marketingAllowed(p.userId))

    const r2 = await gdprCall(client, asPerson(p), 'put', '/gdpr/restrict-processing', {
      restricted: false,
    })
    assert.isFalse(r2.body().processingRestricted)
    assert.isNull(r2.body().restrictionReason)
    assert.isTrue(await marketingAllowed(p.userId))

    await expectStatus(
      gdprCall(client, asPerson(p), 'put', '/gdpr/restrict-processing', { restricted: 'yes' }),
      422
    )
    await expectStatus(gdprCall(client, asPerson(p), 'put', '/gdpr/marketing-preference', {}), 422)

    await gdprCall(client, asPerson(p), 'get', '/gdpr/export')
    await gdprCall(client, asPerson(p), 'get', '/gdpr/can-erase')
    await gdprCall(client, asPerson(p), 'put', '/gdpr/rectify', { phone: '+32 475 00 00 00' })
    await gdprCall(client, asPerson(p), 'delete', '/gdpr/erase')
    const actions = await ownerQuery(
      `select distinct action from audit_logs where action like 'gdpr.%' and organisation_id = ?`,
      [p.orgA.organisationId]
    )
    assert.sameMembers(
      actions.map((a) => a.action),
      [...GDPR_AUDIT_ACTIONS]
    )
  })
})

test.group('GDPR: rights requests log (admin)', () => {
  test('admin lists requests of the organisation, paged and filtered; others 403; 422 on bad filters', async ({
    client,
    assert,
  }) => {
    const p = await createPerson(client)
    await gdprCall(client, asPerson(p), 'get', '/gdpr/export')
    await gdprCall(client, asPerson(p), 'put', '/gdpr/marketing-preference', { optIn: true })
    const res = await call(client, p.orgA, 'get', '/gdpr/requests?perPage=1')
    res.assertStatus(200)
    assert.equal(res.body().meta.total, 2)
    assert.equal(res.body().meta.lastPage, 2)
    assert.equal(res.body().data[0].userName, p.fullName)
    const exports = await call(
      client,
      p.orgA,
      'get',
      `/gdpr/requests?type=export&userId=${p.userId}`
    )
    assert.equal(exports.body().meta.total, 1)
    assert.equal(exports.body().data[0].type, 'export')
    await expectStatus(call(client, p.orgA, 'get', '/gdpr/requests?type=nope'), 422)
    await expectStatus(call(client, p.orgA, 'get', '/gdpr/requests?from=yesterday'), 422)
    await expectStatus(call(client, p.orgA, 'get', '/gdpr/requests?userId=x'), 422)
    // Org B's admin sees only org B's log.
    const b = await call(client, p.orgB, 'get', '/gdpr/requests')
    assert.equal(b.body().meta.total, 2)
    // A co-owner is not an admin.
    await expectStatus(gdprCall(client, asPerson(p), 'get', '/gdpr/requests'), 403)
    const syndic = await addMember(p.orgA, 'syndic')
    await expectStatus(call(client, syndic, 'get', '/gdpr/requests'), 403)
  })

  test('gdpr cannot be disabled (always on): 409', async ({ client }) => {
    const org = await signupOrg(client)
    await expectStatus(
      call(client, org, 'put', '/organisation/modules/gdpr', { enabled: false }),
      409
    )
  })
})
