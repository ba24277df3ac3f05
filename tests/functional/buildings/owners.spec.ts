import { test } from '@japa/runner'
import {
  addMember,
  auditFor,
  call,
  createBuilding,
  createOwner,
  createUnit,
  linkOwner,
  ownerRow,
  signupOrg,
  uniq,
  VALID_IBAN,
  expectStatus,
  lastAuditAction,
  idsOf,
} from './helpers.js'

test.group('Owners', () => {
  test('POST /owners: a person, IBAN normalised, defaults; audited', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const email = `${uniq('marie')}@example.test`
    const res = await call(client, org, 'post', '/owners', {
      kind: 'person',
      firstName: 'Marie',
      lastName: 'Dupont',
      email,
      phone: '+32 470 12 34 56',
      address: { street: 'Rue Haute 5', postalCode: '1000', city: 'Bruxelles', country: 'be' },
      locale: 'fr',
      iban: 'be68 5390 0754 7034',
      acceptsElectronicNotices: true,
    })
    res.assertStatus(201)
    const o = res.body()
    assert.equal(o.kind, 'person')
    assert.equal(o.displayName, 'Marie Dupont')
    assert.equal(o.iban, VALID_IBAN)
    assert.equal(o.address.country, 'BE')
    assert.isTrue(o.acceptsElectronicNotices)
    assert.deepEqual(o.ownerships, [])
    assert.equal(await lastAuditAction(o.id), 'owner.created')

    const company = await call(client, org, 'post', '/owners', {
      kind: 'company',
      companyName: 'Immo SA',
      email: `${uniq('immo')}@example.test`,
    })
    company.assertStatus(201)
    assert.equal(company.body().displayName, 'Immo SA')
    assert.isFalse(company.body().acceptsElectronicNotices)
    assert.isNull(company.body().iban)
  })

  test('name rules by kind and bad fields are 422 with the field', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const email = () => `${uniq()}@example.test`
    const person = await call(client, org, 'post', '/owners', { kind: 'person', email: email() })
    person.assertStatus(422)
    assert.sameMembers(
      person.body().errors.map((e: any) => e.field),
      ['firstName', 'lastName']
    )
    const company = await call(client, org, 'post', '/owners', {
      kind: 'company',
      firstName: 'Only',
      lastName: 'Person',
      email: email(),
    })
    company.assertStatus(422)
    assert.equal(company.body().errors[0].field, 'companyName')

    const base = { kind: 'person', firstName: 'A', lastName: 'B' }
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ kind: 'robot', email: email() }, 'kind'],
      [{ email: 'not-an-email' }, 'email'],
      [{ email: email(), iban: 'BE68539007547035' }, 'iban'],
      [{ email: email(), iban: 'XX00' }, 'iban'],
      [{ email: email(), locale: 'es' }, 'locale'],
      [{ email: email(), phone: 'call me' }, 'phone'],
      [{ email: email(), userId: 'nope' }, 'userId'],
      [{ email: email(), acceptsElectronicNotices: 'maybe' }, 'acceptsElectronicNotices'],
    ]
    for (const [override, field] of cases) {
      const res = await call(client, org, 'post', '/owners', { ...base, ...override })
      assert.equal(res.status(), 422, `${JSON.stringify(override)} → ${res.text()}`)
      assert.equal(res.body().errors[0].field, field, JSON.stringify(override))
    }
    const list = await call(client, org, 'get', '/owners')
    assert.equal(list.body().meta.total, 0)
  })

  test('email unique per organisation, case-insensitive (409 on email); other orgs may reuse it', async ({
    client,
    assert,
  }) => {
    const a = await signupOrg(client)
    const b = await signupOrg(client)
    const email = `${uniq('same')}@example.test`
    await createOwner(client, a, { email })
    const dup = await call(client, a, 'post', '/owners', {
      kind: 'person',
      firstName: 'X',
      lastName: 'Y',
      email: email.toUpperCase(),
    })
    dup.assertStatus(409)
    assert.equal(dup.body().errors[0].code, 'E_CONFLICT')
    assert.equal(dup.body().errors[0].field, 'email')
    await createOwner(client, b, { email })

    const other = await createOwner(client, a)
    const put = await call(client, a, 'put', `/owners/${other.id}`, { email: email.toUpperCase() })
    put.assertStatus(409)
    assert.equal(put.body().errors[0].field, 'email')
  })

  test('userId must be a member of the organisation', async ({ client, assert }) => {
    const a = await signupOrg(client)
    const b = await signupOrg(client)
    const member = await addMember(a, 'owner')
    const ok = await createOwner(client, a, { userId: member.userId })
    assert.equal(ok.userId, member.userId)
    const foreign = await call(client, a, 'post', '/owners', {
      kind: 'person',
      firstName: 'F',
      lastName: 'G',
      email: `${uniq()}@example.test`,
      userId: b.userId,
    })
    foreign.assertStatus(422)
    assert.equal(foreign.body().errors[0].field, 'userId')
  })

  test('PUT /owners/:id: partial update, kind switch re-checks names, audit lists fields only', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const o = await createOwner(client, org, { firstName: 'Jan', lastName: 'Janssens' })
    const res = await call(client, org, 'put', `/owners/${o.id}`, {
      locale: 'nl',
      iban: 'BE71 0961 2345 6769',
      phone: null,
    })
    res.assertStatus(200)
    assert.equal(res.body().locale, 'nl')
    assert.equal(res.body().iban, 'BE71096123456769')
    assert.equal(res.body().firstName, 'Jan')
    const [log] = await auditFor(o.id)
    assert.equal(log.action, 'owner.updated')
    assert.includeMembers(log.metadata.fields, ['locale', 'iban'])
    assert.notInclude(JSON.stringify(log.metadata), 'BE71')

    const toCompany = await call(client, org, 'put', `/owners/${o.id}`, { kind: 'company' })
    toCompany.assertStatus(422)
    assert.equal(toCompany.body().errors[0].field, 'companyName')
    const withName = await call(client, org, 'put', `/owners/${o.id}`, {
      kind: 'company',
      companyName: 'Janssens BV',
    })
    withName.assertStatus(200)
    assert.equal(withName.body().displayName, 'Janssens BV')

    const clearName = await call(client, org, 'put', `/owners/${o.id}`, { companyName: null })
    clearName.assertStatus(422)
    await expectStatus(
      call(client, org, 'put', '/owners/00000000-0000-4000-8000-000000000000', {
        locale: 'fr',
      }),
      404
    )
  })

  test('GET /owners: paged, ?q= on names and email, ?buildingId= current owners of that building', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const tag = uniq('')
    const anna = await createOwner(client, org, { firstName: 'Anna', lastName: `Zeeman${tag}` })
    const bob = await createOwner(client, org, { firstName: 'Bob', lastName: `Adams${tag}` })
    const corp = await createOwner(client, org, {
      kind: 'company',
      companyName: `Maes${tag} NV`,
      firstName: null,
      lastName: null,
      email: `contact-${tag}@maes.test`,
    })
    const all = await call(client, org, 'get', '/owners?perPage=2')
    all.assertStatus(200)
    assert.deepEqual(all.body().meta, { total: 3, perPage: 2, currentPage: 1, lastPage: 2 })
    // Sorted by last name (or company name).
    assert.deepEqual(
      all.body().data.map((o: any) => o.id),
      [bob.id, corp.id]
    )
    const q = async (s: string) =>
      idsOf(call(client, org, 'get', `/owners?q=${encodeURIComponent(s)}`))
    assert.deepEqual(await q('anna'), [anna.id])
    assert.deepEqual(await q(`anna zeeman${tag}`), [anna.id])
    assert.deepEqual(await q(`maes${tag}`), [corp.id])
    assert.deepEqual(await q(`contact-${tag}@`), [corp.id])
    assert.deepEqual(await q('nobody-matches-this'), [])

    const b1 = await createBuilding(client, org)
    const b2 = await createBuilding(client, org)
    const u1 = await createUnit(client, org, b1.id)
    const u2 = await createUnit(client, org, b2.id)
    await linkOwner(client, org, u1.id, anna.id, { percentage: 50 })
    const ended = await linkOwner(client, org, u1.id, bob.id, { percentage: 50 })
    await call(client, org, 'delete', `/unit-owners/${ended.id}`)
    await linkOwner(client, org, u2.id, bob.id)
    const inB1 = await call(client, org, 'get', `/owners?buildingId=${b1.id}`)
    assert.deepEqual(
      inB1.body().data.map((o: any) => o.id),
      [anna.id]
    )
    const bad = await call(client, org, 'get', '/owners?buildingId=xyz')
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'buildingId')
  })

  test('GET /owners/:id includes current ownerships with unit number, building name, percentage', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client)
    const b = await createBuilding(client, org, { name: 'Les Jardins' })
    const u1 = await createUnit(client, org, b.id, { number: '3B' })
    const u2 = await createUnit(client, org, b.id, { number: '4C' })
    const o = await createOwner(client, org)
    await linkOwner(client, org, u1.id, o.id, { percentage: '33.33', startDate: '2020-01-01' })
    const old = await linkOwner(client, org, u2.id, o.id, { percentage: 100 })
    await call(client, org, 'delete', `/unit-owners/${old.id}`)
    const res = await call(client, org, 'get', `/owners/${o.id}`)
    res.assertStatus(200)
    assert.lengthOf(res.body().ownerships, 1)
    assert.deepInclude(res.body().ownerships[0], {
      unitId: u1.id,
      unitNumber: '3B',
      buildingId: b.id,
      buildingName: 'Les Jardins',
      percentage: '33.33',
      startDate: '2020-01-01',
      endDate: null,
      isPrimaryContact: false,
    })
  })

  test('permissions: board_member reads owners, cannot write; contractor cannot read', async ({
    client,
  }) => {
    const org = await signupOrg(client)
    const o = await createOwner(client, org)
    const board = await addMember(org, 'board_member')
    await expectStatus(call(client, board, 'get', '/owners'), 200)
    await expectStatus(call(client, board, 'get', `/owners/${o.id}`), 200)
    await expectStatus(call(client, board, 'put', `/owners/${o.id}`, { locale: 'de' }), 403)
    await expectStatus(
      call(client, board, 'post', '/owners', {
        kind: 'company',
        companyName: 'X',
        email: `${uniq()}@example.test`,
      }),
      403
    )
    const contractor = await addMember(org, 'contractor')
    await expectStatus(call(client, contractor, 'get', `/owners/${o.id}`), 403)
  })

  test('org A on org B owner: 404 for GET/PUT, row unchanged, not listed', async ({
    client,
    assert,
  }) => {
    const a = await signupOrg(client)
    const b = await signupOrg(client)
    const theirs = await createOwner(client, b)
    const before = await ownerRow('owners', theirs.id)
    for (const [method, body] of [
      ['get', undefined],
      ['put', { email: 'stolen@example.test', iban: VALID_IBAN }],
    ] as const) {
      const res = await call(client, a, method, `/owners/${theirs.id}`, body)
      assert.equal(res.status(), 404, method)
    }
    assert.deepEqual(await ownerRow('owners', theirs.id), before)
    const list = await call(client, a, 'get', `/owners?q=${encodeURIComponent(theirs.email)}`)
    assert.equal(list.body().meta.total, 0)
  })
})
