import { test } from '@japa/runner'
import { signupOrg, uniq } from '#tests/helpers/api'
import { addMember, auditActions, fieldsOf, owner } from './_helpers.js'

test.group('Organisation: GET/PUT /organisation', () => {
  test('any member reads the current organisation; anonymous gets 401', async ({
    client,
    assert,
  }) => {
    const org = await signupOrg(client, 'Syndic Lecture')
    const res = await client.get('/api/v1/organisation').bearerToken(org.token)
    res.assertStatus(200)
    assert.equal(res.body().id, org.organisationId)
    assert.equal(res.body().slug, org.slug)
    assert.deepEqual(res.body().branding, {
      displayName: 'Syndic Lecture',
      primaryColor: '#1d4ed8',
      logoUrl: null,
    })

    const ownerMember = await addMember(client, org, 'owner')
    const asOwner = await client.get('/api/v1/organisation').bearerToken(ownerMember.token)
    asOwner.assertStatus(200)
    assert.equal(asOwner.body().id, org.organisationId)

    const anon = await client.get('/api/v1/organisation')
    anon.assertStatus(401)
    assert.equal(anon.body().errors[0].code, 'E_UNAUTHORIZED')
  })

  test('admin updates profile, address and branding (audited)', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const slug = uniq('new-')
    const res = await client
      .put('/api/v1/organisation')
      .bearerToken(org.token)
      .json({
        name: 'Syndic Nouveau',
        slug,
        vatNumber: 'BE 0403.170.701',
        address: { street: 'Rue de la Loi 16', postalCode: '1000', city: 'Bruxelles' },
        locale: 'nl',
        contactEmail: 'info@syndic.test',
        contactPhone: '+32 2 123 45 67',
        branding: {
          displayName: 'Mon Syndic',
          primaryColor: '#AA3300',
          logoUrl: 'https://cdn.example.test/logo.png',
        },
      })
    res.assertStatus(200)
    const body = res.body()
    assert.equal(body.name, 'Syndic Nouveau')
    assert.equal(body.slug, slug)
    assert.equal(body.vatNumber, 'BE0403170701')
    assert.deepEqual(body.address, {
      street: 'Rue de la Loi 16',
      postalCode: '1000',
      city: 'Bruxelles',
      country: 'BE',
    })
    assert.equal(body.locale, 'nl')
    assert.equal(body.contactEmail, 'info@syndic.test')
    assert.equal(body.contactPhone, '+32 2 123 45 67')
    assert.deepEqual(body.branding, {
      displayName: 'Mon Syndic',
      primaryColor: '#aa3300',
      logoUrl: 'https://cdn.example.test/logo.png',
    })

    const again = await client.get('/api/v1/organisation').bearerToken(org.token)
    assert.equal(again.body().slug, slug)
    assert.equal(again.body().branding.primaryColor, '#aa3300')

    // A partial update keeps the rest; null clears an optional field.
    const partial = await client
      .put('/api/v1/organisation')
      .bearerToken(org.token)
      .json({ branding: { logoUrl: null } })
    partial.assertStatus(200)
    assert.equal(partial.body().name, 'Syndic Nouveau')
    assert.isNull(partial.body().branding.logoUrl)
    assert.equal(partial.body().branding.primaryColor, '#aa3300')

    const row = await owner().from('organisations').where('id', org.organisationId).first()
    assert.equal(row.primary_color, '#aa3300')
    assert.deepEqual(row.settings, {})
    const actions = await auditActions(org.organisationId)
    assert.equal(actions.filter((a) => a === 'organisation.updated').length, 2)
  })

  test('a slug already used by another organisation is a 409 on slug', async ({
    client,
    assert,
  }) => {
    const a = await signupOrg(client)
    const b = await signupOrg(client)
    const res = await client.put('/api/v1/organisation').bearerToken(a.token).json({ slug: b.slug })
    res.assertStatus(409)
    assert.equal(res.body().errors[0].code, 'E_CONFLICT')
    assert.equal(res.body().errors[0].field, 'slug')
    const row = await owner().from('organisations').where('id', a.organisationId).first()
    assert.equal(row.slug, a.slug)

    // Its own slug is not a conflict.
    const same = await client
      .put('/api/v1/organisation')
      .bearerToken(a.token)
      .json({ slug: a.slug })
    same.assertStatus(200)
  })

  test('bad input is a 422 per field and changes nothing', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'x' }, 'name'],
      [{ slug: 'Not A Slug!' }, 'slug'],
      [{ vatNumber: 'BE0403170702' }, 'vatNumber'],
      [{ vatNumber: '12' }, 'vatNumber'],
      [{ address: { street: 'Rue', postalCode: '1000' } }, 'address.city'],
      [
        { address: { street: 'Rue', postalCode: '1000', city: 'X', country: 'BEL' } },
        'address.country',
      ],
      [{ locale: 'es' }, 'locale'],
      [{ contactEmail: 'not-an-email' }, 'contactEmail'],
      [{ contactPhone: 'call me' }, 'contactPhone'],
      [{ branding: { primaryColor: 'red' } }, 'branding.primaryColor'],
      [{ branding: { primaryColor: '#abc' } }, 'branding.primaryColor'],
      [{ branding: { logoUrl: 'javascript:alert(1)' } }, 'branding.logoUrl'],
      [{ branding: { logoUrl: 'ftp://example.test/logo.png' } }, 'branding.logoUrl'],
      [{ branding: { displayName: 'x'.repeat(201) } }, 'branding.displayName'],
      [{ branding: 'blue' }, 'branding'],
      [{ address: 'Rue de la Loi' }, 'address'],
    ]
    for (const [payload, field] of cases) {
      const res = await client.put('/api/v1/organisation').bearerToken(org.token).json(payload)
      assert.equal(res.status(), 422, JSON.stringify(payload))
      assert.equal(res.body().errors[0].code, 'E_VALIDATION')
      assert.include(fieldsOf(res.body()), field, JSON.stringify(payload))
    }
    const row = await owner().from('organisations').where('id', org.organisationId).first()
    assert.equal(row.slug, org.slug)
    assert.isNull(row.primary_color)
    assert.isNull(row.vat_number)
  })

  test('only admins update: a syndic gets 403 and nothing changes', async ({ client, assert }) => {
    const org = await signupOrg(client)
    const syndic = await addMember(client, org, 'syndic')
    const res = await client
      .put('/api/v1/organisation')
      .bearerToken(syndic.token)
      .json({ name: 'Hijacked' })
    res.assertStatus(403)
    assert.equal(res.body().errors[0].code, 'E_FORBIDDEN')
    const anon = await client.put('/api/v1/organisation').json({ name: 'Hijacked' })
    anon.assertStatus(401)
    const row = await owner().from('organisations').where('id', org.organisationId).first()
    assert.equal(row.name, 'Syndic Test')
  })

  test('X-Organisation of an organisation one is not a member of is a 403', async ({
    client,
    assert,
  }) => {
    const a = await signupOrg(client)
    const b = await signupOrg(client)
    const res = await client
      .put('/api/v1/organisation')
      .bearerToken(a.token)
      .header('X-Organisation', b.organisationId)
      .json({ name: 'Hijacked' })
    res.assertStatus(403)
    const row = await owner().from('organisations').where('id', b.organisationId).first()
    assert.equal(row.name, 'Syndic Test')
  })
})
