import { test } from '@japa/runner'
import { signupOrg, uniq } from '#tests/helpers/api'
import { addMember, auditActions, fieldsOf, membershipOf, owner, roleOf } from './_helpers.js'

test.group('Organisation: members', () => {
  test('admin lists members (paged) with email, fullName, role, since', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const syndic = await addMember(client, org, 'syndic')
    await addMember(client, org, 'accountant')

    const res = await client.get('/api/v1/organisation/members').bearerToken(org.token)
    res.assertStatus(200)
    assert.equal(res.body().meta.total, 3)
    const first = res.body().data[0]
    assert.equal(first.userId, org.userId)
    assert.equal(first.email, org.email)
    assert.equal(first.fullName, 'Alice Admin')
    assert.equal(first.role, 'admin')
    assert.match(first.since, /^\d{4}-\d{2}-\d{2}T/)
    assert.notProperty(first, 'password')

    const paged = await client
      .get('/api/v1/organisation/members?page=2&perPage=2')
      .bearerToken(org.token)
    paged.assertStatus(200)
    assert.deepEqual(paged.body().meta, { total: 3, perPage: 2, currentPage: 2, lastPage: 2 })
    assert.lengthOf(paged.body().data, 1)

    const filtered = await client
      .get('/api/v1/organisation/members?role=syndic')
      .bearerToken(org.token)
    assert.deepEqual(
      filtered.body().data.map((m: { id: string }) => m.id),
      [syndic.membershipId]
    )

    // A syndic may read the member list too (members.read), not an owner.
    const asSyndic = await client.get('/api/v1/organisation/members').bearerToken(syndic.token)
    asSyndic.assertStatus(200)
    const ownerMember = await addMember(client, org, 'owner')
    const asOwner = await client.get('/api/v1/organisation/members').bearerToken(ownerMember.token)
    asOwner.assertStatus(403)

    const bad = await client.get('/api/v1/organisation/members?role=king').bearerToken(org.token)
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'role')
    const badPage = await client
      .get('/api/v1/organisation/members?perPage=500')
      .bearerToken(org.token)
    badPage.assertStatus(422)
    assert.equal(badPage.body().errors[0].field, 'perPage')

    const anon = await client.get('/api/v1/organisation/members')
    anon.assertStatus(401)
  })

  test('another organisation never shows up in the member list', async ({ client, assert }) => {
    const a = await signupOrg(client)
    const b = await signupOrg(client)
    const res = await client.get('/api/v1/organisation/members').bearerToken(a.token)
    const ids = res.body().data.map((m: { userId: string }) => m.userId)
    assert.deepEqual(ids, [a.userId])
    assert.notInclude(ids, b.userId)
  })

  test('inviting creates a pending invitation (token hashed, 7 days) and audits it', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const email = `${uniq('new')}@Example.test`
    const res = await client
      .post('/api/v1/organisation/members')
      .bearerToken(org.token)
      .json({ email, role: 'accountant' })
    res.assertStatus(201)
    const body = res.body()
    assert.equal(body.email, email.toLowerCase())
    assert.equal(body.role, 'accountant')
    assert.equal(body.status, 'pending')
    assert.equal(body.invitedBy, org.userId)
    assert.notProperty(body, 'tokenHash')
    assert.notProperty(body, 'token')
    const days = (new Date(body.expiresAt).getTime() - Date.now()) / 86400000
    assert.closeTo(days, 7, 0.01)

    const row = await owner().from('invitations').where('id', body.id).first()
    assert.match(row.token_hash, /^[0-9a-f]{64}$/)
    assert.equal(row.organisation_id, org.organisationId)
    assert.include(await auditActions(org.organisationId), 'member.invited')

    const list = await client.get('/api/v1/organisation/invitations').bearerToken(org.token)
    list.assertStatus(200)
    assert.deepEqual(
      list.body().data.map((i: { id: string }) => i.id),
      [body.id]
    )
    assert.equal(list.body().meta.total, 1)

    // Inviting the same address again replaces the pending invitation.
    const again = await client
      .post('/api/v1/organisation/members')
      .bearerToken(org.token)
      .json({ email, role: 'syndic' })
    again.assertStatus(201)
    const pending = await client.get('/api/v1/organisation/invitations').bearerToken(org.token)
    assert.deepEqual(
      pending.body().data.map((i: { id: string }) => i.id),
      [again.body().id]
    )
    const all = await client
      .get('/api/v1/organisation/invitations?status=revoked')
      .bearerToken(org.token)
    assert.deepEqual(
      all.body().data.map((i: { id: string }) => i.id),
      [body.id]
    )
  })

  test('inviting a member is a 409; bad email or role is a 422 per field', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const syndic = await addMember(client, org, 'syndic')
    const dup = await client
      .post('/api/v1/organisation/members')
      .bearerToken(org.token)
      .json({ email: syndic.email.toUpperCase(), role: 'accountant' })
    dup.assertStatus(409)
    assert.equal(dup.body().errors[0].code, 'E_CONFLICT')
    assert.equal(dup.body().errors[0].field, 'email')

    const bad = await client
      .post('/api/v1/organisation/members')
      .bearerToken(org.token)
      .json({ email: 'nope', role: 'king' })
    bad.assertStatus(422)
    assert.sameMembers(fieldsOf(bad.body()), ['email', 'role'])

    const missing = await client
      .post('/api/v1/organisation/members')
      .bearerToken(org.token)
      .json({})
    missing.assertStatus(422)
    assert.sameMembers(fieldsOf(missing.body()), ['email', 'role'])

    const count = await owner()
      .from('invitations')
      .where('organisation_id', org.organisationId)
      .count('* as c')
    assert.equal(Number(count[0].c), 1)
  })

  test('a syndic cannot invite, change roles or remove members (403)', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const syndic = await addMember(client, org, 'syndic')
    const accountant = await addMember(client, org, 'accountant')

    const invite = await client
      .post('/api/v1/organisation/members')
      .bearerToken(syndic.token)
      .json({ email: `${uniq()}@example.test`, role: 'admin' })
    invite.assertStatus(403)
    const promote = await client
      .put(`/api/v1/organisation/members/${syndic.membershipId}`)
      .bearerToken(syndic.token)
      .json({ role: 'admin' })
    promote.assertStatus(403)
    const remove = await client
      .delete(`/api/v1/organisation/members/${accountant.membershipId}`)
      .bearerToken(syndic.token)
    remove.assertStatus(403)

    assert.equal(await roleOf(org.organisationId, syndic.userId), 'syndic')
    assert.isNotNull(await membershipOf(org.organisationId, accountant.userId))

    const anon = await client
      .put(`/api/v1/organisation/members/${syndic.membershipId}`)
      .json({ role: 'admin' })
    anon.assertStatus(401)
  })

  test('admin changes a role and removes a member (audited)', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const member = await addMember(client, org, 'syndic')
    const res = await client
      .put(`/api/v1/organisation/members/${member.membershipId}`)
      .bearerToken(org.token)
      .json({ role: 'board_member' })
    res.assertStatus(200)
    assert.equal(res.body().id, member.membershipId)
    assert.equal(res.body().role, 'board_member')
    assert.equal(res.body().email, member.email)
    assert.equal(await roleOf(org.organisationId, member.userId), 'board_member')

    const bad = await client
      .put(`/api/v1/organisation/members/${member.membershipId}`)
      .bearerToken(org.token)
      .json({ role: 'superadmin' })
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'role')

    const del = await client
      .delete(`/api/v1/organisation/members/${member.membershipId}`)
      .bearerToken(org.token)
    del.assertStatus(204)
    assert.isNull(await membershipOf(org.organisationId, member.userId))

    // The removed person's token no longer opens this organisation.
    const after = await client.get('/api/v1/organisation').bearerToken(member.token)
    after.assertStatus(403)

    const gone = await client
      .delete(`/api/v1/organisation/members/${member.membershipId}`)
      .bearerToken(org.token)
    gone.assertStatus(404)

    const actions = await auditActions(org.organisationId)
    assert.include(actions, 'member.role_changed')
    assert.include(actions, 'member.removed')
  })

  test('the last admin cannot be demoted or removed (409); with two admins it works', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const admin = await membershipOf(org.organisationId, org.userId)

    const demote = await client
      .put(`/api/v1/organisation/members/${admin.id}`)
      .bearerToken(org.token)
      .json({ role: 'syndic' })
    demote.assertStatus(409)
    assert.equal(demote.body().errors[0].code, 'E_CONFLICT')
    const remove = await client
      .delete(`/api/v1/organisation/members/${admin.id}`)
      .bearerToken(org.token)
    remove.assertStatus(409)
    assert.equal(remove.body().errors[0].code, 'E_CONFLICT')
    assert.equal(await roleOf(org.organisationId, org.userId), 'admin')

    const second = await addMember(client, org, 'admin')
    const ok = await client
      .put(`/api/v1/organisation/members/${admin.id}`)
      .bearerToken(org.token)
      .json({ role: 'syndic' })
    ok.assertStatus(200)
    // Now `second` is the last admin.
    const last = await client
      .delete(`/api/v1/organisation/members/${second.membershipId}`)
      .bearerToken(second.token)
    last.assertStatus(409)
  })

  test('two admins demoting each other at the same time leave one admin', async ({
    client,
    assert,
  }) => {
    for (let round = 0; round < 3; round++) {
      const org = await signupOrg(client)
      const admin = await membershipOf(org.organisationId, org.userId)
      const second = await addMember(client, org, 'admin')
      const [r1, r2] = await Promise.all([
        client
          .put(`/api/v1/organisation/members/${second.membershipId}`)
          .bearerToken(org.token)
          .json({ role: 'syndic' }),
        client.delete(`/api/v1/organisation/members/${admin.id}`).bearerToken(second.token),
      ])
      // Exactly one wins; the other is refused (409 last admin, or 403 when it was
      // already demoted before its request started).
      const ok = [r1.status(), r2.status()].filter((s) => s === 200 || s === 204)
      assert.lengthOf(ok, 1)
      assert.includeMembers(
        [409, 403],
        [r1.status(), r2.status()].filter((s) => s >= 400)
      )
      const admins = await owner()
        .from('memberships')
        .where('organisation_id', org.organisationId)
        .where('role', 'admin')
      assert.lengthOf(admins, 1)
    }
  })

  test("org A's admin on org B's member and invitation ids: 404 and nothing changes", async ({
    client,
    assert,
  }) => {
    const a = await signupOrg(client)
    const b = await signupOrg(client)
    const bMember = await addMember(client, b, 'syndic')
    const bInvite = await client
      .post('/api/v1/organisation/members')
      .bearerToken(b.token)
      .json({ email: `${uniq()}@example.test`, role: 'owner' })

    const put = await client
      .put(`/api/v1/organisation/members/${bMember.membershipId}`)
      .bearerToken(a.token)
      .json({ role: 'admin' })
    put.assertStatus(404)
    assert.equal(put.body().errors[0].code, 'E_NOT_FOUND')
    const del = await client
      .delete(`/api/v1/organisation/members/${bMember.membershipId}`)
      .bearerToken(a.token)
    del.assertStatus(404)
    const revoke = await client
      .delete(`/api/v1/organisation/invitations/${bInvite.body().id}`)
      .bearerToken(a.token)
    revoke.assertStatus(404)

    assert.equal(await roleOf(b.organisationId, bMember.userId), 'syndic')
    const inv = await owner().from('invitations').where('id', bInvite.body().id).first()
    assert.isNull(inv.revoked_at)

    const malformed = await client
      .put('/api/v1/organisation/members/not-a-uuid')
      .bearerToken(a.token)
      .json({ role: 'admin' })
    malformed.assertStatus(404)
  })

  test('admin revokes a pending invitation; revoking twice is a 409', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const syndic = await addMember(client, org, 'syndic')
    const invite = await client
      .post('/api/v1/organisation/members')
      .bearerToken(org.token)
      .json({ email: `${uniq()}@example.test`, role: 'owner' })

    const forbidden = await client
      .delete(`/api/v1/organisation/invitations/${invite.body().id}`)
      .bearerToken(syndic.token)
    forbidden.assertStatus(403)

    const res = await client
      .delete(`/api/v1/organisation/invitations/${invite.body().id}`)
      .bearerToken(org.token)
    res.assertStatus(204)
    const row = await owner().from('invitations').where('id', invite.body().id).first()
    assert.isNotNull(row.revoked_at)
    assert.include(await auditActions(org.organisationId), 'member.invitation_revoked')

    const twice = await client
      .delete(`/api/v1/organisation/invitations/${invite.body().id}`)
      .bearerToken(org.token)
    twice.assertStatus(409)
    assert.equal(twice.body().errors[0].code, 'E_INVALID_STATE')

    const bad = await client
      .get('/api/v1/organisation/invitations?status=lost')
      .bearerToken(org.token)
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'status')
  })
})
