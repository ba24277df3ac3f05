import { test } from '@japa/runner'
import { createHash, randomBytes } from 'node:crypto'
import { getQueue } from '#jobs/dispatcher'
import { signupOrg, STRONG_PASSWORD, uniq, type TestOrg } from '#tests/helpers/api'
import type { ApiClient } from '@japa/api-client'
import {
  addMember,
  auditActions,
  fieldsOf,
  knownToken,
  membershipOf,
  owner,
  roleOf,
} from './_helpers.js'

async function invite(client: ApiClient, org: TestOrg, role = 'syndic', email?: string) {
  const address = email ?? `${uniq(role)}@example.test`
  const res = await client
    .post('/api/v1/organisation/members')
    .bearerToken(org.token)
    .json({ email: address, role })
  res.assertStatus(201)
  return { id: res.body().id as string, email: address, token: await knownToken(res.body().id) }
}

async function insertOwner(organisationId: string, email: string) {
  const [row] = await owner()
    .table('owners')
    .insert({
      organisation_id: organisationId,
      kind: 'person',
      first_name: 'Claire',
      last_name: 'Copro',
      email,
      locale: 'nl',
    })
    .returning('*')
  return row as { id: string; user_id: string | null }
}

test.group('Invitations: public page and accept', () => {
  test('GET /invitations/:token shows organisation, branding, email, role, status', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client, 'Syndic Public')
    const inv = await invite(client, org, 'accountant')
    const res = await client.get(`/api/v1/invitations/${inv.token}`)
    res.assertStatus(200)
    assert.equal(res.body().organisation.name, 'Syndic Public')
    assert.deepEqual(res.body().organisation.branding, {
      displayName: 'Syndic Public',
      primaryColor: '#1d4ed8',
      logoUrl: null,
    })
    assert.equal(res.body().email, inv.email)
    assert.equal(res.body().role, 'accountant')
    assert.equal(res.body().status, 'pending')
    assert.isFalse(res.body().accountExists)
    assert.notProperty(res.body().organisation, 'vatNumber')

    const unknown = await client.get(`/api/v1/invitations/${randomBytes(32).toString('base64url')}`)
    unknown.assertStatus(404)
    assert.equal(unknown.body().errors[0].code, 'E_NOT_FOUND')
    const malformed = await client.get('/api/v1/invitations/short!')
    malformed.assertStatus(404)
  })

  test('accepting as a new person creates the account and the membership, once', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const inv = await invite(client, org, 'syndic')

    const res = await client
      .post(`/api/v1/invitations/${inv.token}/accept`)
      .json({ fullName: 'Sam Syndic', password: STRONG_PASSWORD, locale: 'nl' })
    res.assertStatus(200)
    assert.match(res.body().token, /^vme_/)
    assert.isFalse(res.body().loginRequired)
    assert.equal(res.body().user.email, inv.email)
    assert.equal(res.body().user.fullName, 'Sam Syndic')
    assert.equal(res.body().user.locale, 'nl')
    assert.notProperty(res.body().user, 'password')
    assert.equal(res.body().organisation.id, org.organisationId)
    assert.equal(res.body().role, 'syndic')

    const membership = await membershipOf(org.organisationId, res.body().user.id)
    assert.equal(membership.role, 'syndic')
    const row = await owner().from('invitations').where('id', inv.id).first()
    assert.isNotNull(row.accepted_at)
    assert.include(await auditActions(org.organisationId), 'member.joined')

    // The new token works inside the organisation with the invited role.
    const me = await client.get('/api/v1/me').bearerToken(res.body().token)
    me.assertStatus(200)
    assert.equal(me.body().memberships[0].role, 'syndic')
    const login = await client
      .post('/api/v1/auth/login')
      .json({ email: inv.email, password: STRONG_PASSWORD })
    login.assertStatus(200)

    // Single use.
    const again = await client
      .post(`/api/v1/invitations/${inv.token}/accept`)
      .json({ fullName: 'Sam Syndic', password: STRONG_PASSWORD })
    again.assertStatus(409)
    assert.equal(again.body().errors[0].code, 'E_INVITATION_USED')
    const shown = await client.get(`/api/v1/invitations/${inv.token}`)
    assert.equal(shown.body().status, 'accepted')
  })

  test('the e-mail job carries the real token (hash stored), which accepts the invitation', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const email = `${uniq('mail')}@example.test`
    const res = await client
      .post('/api/v1/organisation/members')
      .bearerToken(org.token)
      .json({ email, role: 'board_member', locale: 'de' })
    res.assertStatus(201)

    // Enqueued after the request's transaction committed, one job per invitation.
    const queue = await getQueue('core')
    const job = await queue.getJob(`invitation_email_${res.body().id}`)
    assert.exists(job)
    assert.equal(job!.name, 'core.invitation_email')
    const payload = job!.data
    assert.equal(payload.organisationId, org.organisationId)
    assert.equal(payload.invitationId, res.body().id)
    assert.equal(payload.locale, 'de')
    assert.match(payload.token, /^[A-Za-z0-9_-]{43}$/)
    const row = await owner().from('invitations').where('id', res.body().id).first()
    assert.equal(row.token_hash, createHash('sha256').update(payload.token).digest('hex'))

    const accepted = await client
      .post(`/api/v1/invitations/${payload.token}/accept`)
      .json({ fullName: 'Bea Board', password: STRONG_PASSWORD })
    accepted.assertStatus(200)
    assert.equal(await roleOf(org.organisationId, accepted.body().user.id), 'board_member')
  })

  test('two concurrent accepts of one invitation: exactly one succeeds', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const inv = await invite(client, org, 'accountant')
    const body = { fullName: 'Race Condition', password: STRONG_PASSWORD }
    const results = await Promise.all([
      client.post(`/api/v1/invitations/${inv.token}/accept`).json(body),
      client.post(`/api/v1/invitations/${inv.token}/accept`).json(body),
    ])
    assert.sameMembers(
      results.map((r) => r.status()),
      [200, 409]
    )
    const users = await owner().from('users').where('email', inv.email)
    assert.lengthOf(users, 1)
  })

  test('a new person must give a name and a strong password (422 per field)', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const inv = await invite(client, org)

    const missing = await client.post(`/api/v1/invitations/${inv.token}/accept`).json({})
    missing.assertStatus(422)
    assert.sameMembers(fieldsOf(missing.body()), ['fullName', 'password'])

    const short = await client
      .post(`/api/v1/invitations/${inv.token}/accept`)
      .json({ fullName: 'Bob', password: 'short' })
    short.assertStatus(422)
    assert.deepEqual(fieldsOf(short.body()), ['password'])

    const common = await client
      .post(`/api/v1/invitations/${inv.token}/accept`)
      .json({ fullName: 'Bob', password: 'password1234' })
    common.assertStatus(422)
    assert.deepEqual(fieldsOf(common.body()), ['password'])

    const badLocale = await client
      .post(`/api/v1/invitations/${inv.token}/accept`)
      .json({ fullName: 'Bob', password: STRONG_PASSWORD, locale: 'xx' })
    badLocale.assertStatus(422)
    assert.deepEqual(fieldsOf(badLocale.body()), ['locale'])

    // Nothing was created and the invitation is still usable.
    assert.lengthOf(await owner().from('users').where('email', inv.email), 0)
    const row = await owner().from('invitations').where('id', inv.id).first()
    assert.isNull(row.accepted_at)
  })

  test('expired and revoked invitations are refused with 410 and change nothing', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const expired = await invite(client, org)
    await owner()
      .from('invitations')
      .where('id', expired.id)
      .update({ expires_at: new Date(Date.now() - 60_000) })
    const res = await client
      .post(`/api/v1/invitations/${expired.token}/accept`)
      .json({ fullName: 'Late Larry', password: STRONG_PASSWORD })
    res.assertStatus(410)
    assert.equal(res.body().errors[0].code, 'E_INVITATION_EXPIRED')
    assert.lengthOf(await owner().from('users').where('email', expired.email), 0)
    const shown = await client.get(`/api/v1/invitations/${expired.token}`)
    assert.equal(shown.body().status, 'expired')
    const listed = await client
      .get('/api/v1/organisation/invitations?status=expired')
      .bearerToken(org.token)
    assert.deepEqual(
      listed.body().data.map((i: { id: string }) => i.id),
      [expired.id]
    )

    const revoked = await invite(client, org)
    const del = await client
      .delete(`/api/v1/organisation/invitations/${revoked.id}`)
      .bearerToken(org.token)
    del.assertStatus(204)
    const refused = await client
      .post(`/api/v1/invitations/${revoked.token}/accept`)
      .json({ fullName: 'Revoked Rita', password: STRONG_PASSWORD })
    refused.assertStatus(410)
    assert.equal(refused.body().errors[0].code, 'E_INVITATION_REVOKED')

    const unknown = await client
      .post(`/api/v1/invitations/${randomBytes(32).toString('base64url')}/accept`)
      .json({ fullName: 'Nobody', password: STRONG_PASSWORD })
    unknown.assertStatus(404)
  })

  test('an existing account: signed in → membership + token; anonymous → membership, login required', async ({
    client,
    assert,
  }) => {
    const a = await signupOrg(client)
    const b = await signupOrg(client)

    // a's admin is invited into b and accepts while signed in.
    const inv = await invite(client, b, 'accountant', a.email)
    const res = await client
      .post(`/api/v1/invitations/${inv.token}/accept`)
      .bearerToken(a.token)
      .json({})
    res.assertStatus(200)
    assert.match(res.body().token, /^vme_/)
    assert.equal(res.body().user.id, a.userId)
    assert.equal(await roleOf(b.organisationId, a.userId), 'accountant')
    assert.equal(await roleOf(a.organisationId, a.userId), 'admin')
    const inB = await client
      .get('/api/v1/organisation')
      .bearerToken(a.token)
      .header('X-Organisation', b.organisationId)
    inB.assertStatus(200)
    assert.equal(inB.body().id, b.organisationId)

    // b's admin is invited into a and accepts without signing in: no token handed out.
    const inv2 = await invite(client, a, 'board_member', b.email)
    const shown = await client.get(`/api/v1/invitations/${inv2.token}`)
    assert.isTrue(shown.body().accountExists)
    const anon = await client
      .post(`/api/v1/invitations/${inv2.token}/accept`)
      .json({ fullName: 'Ignored', password: 'Another-Strong-Pass-77' })
    anon.assertStatus(200)
    assert.isNull(anon.body().token)
    assert.isTrue(anon.body().loginRequired)
    assert.equal(await roleOf(a.organisationId, b.userId), 'board_member')
    // The account itself is untouched (name and password are not replaced).
    const user = await owner().from('users').where('id', b.userId).first()
    assert.equal(user.full_name, 'Alice Admin')
    const login = await client
      .post('/api/v1/auth/login')
      .json({ email: b.email, password: STRONG_PASSWORD })
    login.assertStatus(200)
  })

  test('signed in as someone else than the invitee: 403 and nothing changes', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const other = await signupOrg(client)
    const inv = await invite(client, org)
    const res = await client
      .post(`/api/v1/invitations/${inv.token}/accept`)
      .bearerToken(other.token)
      .json({ fullName: 'Mallory', password: STRONG_PASSWORD })
    res.assertStatus(403)
    assert.equal(res.body().errors[0].code, 'E_INVITATION_EMAIL_MISMATCH')
    assert.isNull(await membershipOf(org.organisationId, other.userId))
    const row = await owner().from('invitations').where('id', inv.id).first()
    assert.isNull(row.accepted_at)

    const badToken = await client
      .post(`/api/v1/invitations/${inv.token}/accept`)
      .bearerToken('vme_not-a-real-token')
      .json({ fullName: 'Mallory', password: STRONG_PASSWORD })
    badToken.assertStatus(401)
  })
})

test.group('Invitations: co-owner portal (POST /owners/:id/invite)', () => {
  test('inviting a co-owner creates an owner invitation; accepting links the owner record', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const email = `${uniq('copro')}@example.test`
    const coOwner = await insertOwner(org.organisationId, email)

    const res = await client.post(`/api/v1/owners/${coOwner.id}/invite`).bearerToken(org.token)
    res.assertStatus(201)
    assert.equal(res.body().role, 'owner')
    assert.equal(res.body().ownerId, coOwner.id)
    assert.equal(res.body().email, email)
    assert.equal(res.body().status, 'pending')

    // A syndic may invite co-owners too (owners.invite); re-inviting replaces the pending one.
    const syndic = await addMember(client, org, 'syndic')
    const again = await client.post(`/api/v1/owners/${coOwner.id}/invite`).bearerToken(syndic.token)
    again.assertStatus(201)
    const first = await owner().from('invitations').where('id', res.body().id).first()
    assert.isNotNull(first.revoked_at)

    const token = await knownToken(again.body().id)
    const accepted = await client
      .post(`/api/v1/invitations/${token}/accept`)
      .json({ fullName: 'Claire Copro', password: STRONG_PASSWORD })
    accepted.assertStatus(200)
    const userId = accepted.body().user.id
    assert.equal(await roleOf(org.organisationId, userId), 'owner')
    const linked = await owner().from('owners').where('id', coOwner.id).first()
    assert.equal(linked.user_id, userId)

    // Already has portal access now.
    const dup = await client.post(`/api/v1/owners/${coOwner.id}/invite`).bearerToken(org.token)
    dup.assertStatus(409)
    assert.equal(dup.body().errors[0].code, 'E_CONFLICT')
  })

  test('unknown, malformed or other-organisation owner: 404; accountant: 403; anonymous: 401', async ({
    client,
    assert,
  }) => {
    const a = await signupOrg(client)
    const b = await signupOrg(client)
    const bOwner = await insertOwner(b.organisationId, `${uniq('copro')}@example.test`)

    const cross = await client.post(`/api/v1/owners/${bOwner.id}/invite`).bearerToken(a.token)
    cross.assertStatus(404)
    assert.equal(cross.body().errors[0].code, 'E_NOT_FOUND')
    const count = await owner().from('invitations').where('owner_id', bOwner.id).count('* as c')
    assert.equal(Number(count[0].c), 0)

    const unknown = await client
      .post('/api/v1/owners/00000000-0000-4000-8000-000000000000/invite')
      .bearerToken(a.token)
    unknown.assertStatus(404)
    const malformed = await client.post('/api/v1/owners/abc/invite').bearerToken(a.token)
    malformed.assertStatus(404)

    const accountant = await addMember(client, b, 'accountant')
    const forbidden = await client
      .post(`/api/v1/owners/${bOwner.id}/invite`)
      .bearerToken(accountant.token)
    forbidden.assertStatus(403)
    const anon = await client.post(`/api/v1/owners/${bOwner.id}/invite`)
    anon.assertStatus(401)
  })
})
