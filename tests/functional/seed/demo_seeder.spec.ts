import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import DemoSeeder, {
  BUILDINGS,
  DEMO_PASSWORD,
  DEMO_USERS,
  quotasFor,
} from '#database/seeders/demo_seeder'

async function runSeeder() {
  await new DemoSeeder(db.connection()).run()
}

async function counts(organisationId: string) {
  const owner = db.connection('owner')
  const count = async (table: string) => {
    const [row] = await owner.from(table).where('organisation_id', organisationId).count('* as n')
    return Number(row.n)
  }
  const [users] = await owner
    .from('users')
    .whereIn(
      'email',
      DEMO_USERS.map((u) => u.email)
    )
    .count('* as n')
  return {
    buildings: await count('buildings'),
    units: await count('units'),
    owners: await count('owners'),
    unitOwners: await count('unit_owners'),
    memberships: await count('memberships'),
    modules: await count('organisation_modules'),
    users: Number(users.n),
  }
}

test.group('Demo seeder', () => {
  test('quotas split by largest remainder sum exactly to the total', ({ assert }) => {
    assert.equal(
      quotasFor([1, 1, 1]).reduce((a, b) => a + b, 0),
      1000
    )
    assert.deepEqual(quotasFor([1, 1, 1]), [334, 333, 333])
    const tiny = quotasFor([10000, 1, 1])
    assert.equal(
      tiny.reduce((a, b) => a + b, 0),
      1000
    )
    assert.isTrue(tiny.every((q) => q >= 1))
  })

  test('seeds the demo organisation, is idempotent, and owner@demo.vme can log in', async ({
    client,
    assert,
  }) => {
    await runSeeder()
    const owner = db.connection('owner')
    const org = await owner.from('organisations').where('slug', 'demo').firstOrFail()
    assert.equal(org.name, 'Syndic Démo')
    assert.equal(org.display_name, 'Syndic Démo')
    assert.equal(org.primary_color, '#0f766e')
    assert.equal(org.status, 'trialing')
    assert.isNotNull(org.contact_email)
    assert.isNotNull(org.contact_phone)

    const first = await counts(org.id)
    assert.equal(first.buildings, 3)
    assert.equal(
      first.units,
      BUILDINGS.reduce((n, b) => n + b.units.length, 0)
    )
    assert.closeTo(first.units, 60, 2)
    assert.closeTo(first.owners, 45, 3)
    assert.equal(first.memberships, 6)
    assert.equal(first.users, 7)

    // Every module on.
    const modules = await owner.from('organisation_modules').where('organisation_id', org.id)
    assert.isAbove(modules.length, 3)
    assert.isTrue(modules.every((m) => m.enabled))

    // Quotas: exactly 1000 per building, and every building has the unit types a real one has.
    const perBuilding = await owner
      .from('units')
      .join('buildings', 'buildings.id', 'units.building_id')
      .where('units.organisation_id', org.id)
      .groupBy('buildings.id', 'buildings.city', 'buildings.enterprise_number')
      .select('buildings.city', 'buildings.enterprise_number')
      .sum('units.quota as total')
      .select(owner.raw('array_agg(distinct units.type) as types'))
    assert.sameMembers(
      perBuilding.map((b) => b.city),
      ['Ixelles', 'Liège', 'Gent']
    )
    for (const b of perBuilding) {
      assert.equal(Number(b.total), 1000, `${b.city} quotas`)
      assert.match(b.enterprise_number, /^0\d{3}\.\d{3}\.\d{3}$/)
    }
    const allTypes = new Set(perBuilding.flatMap((b) => b.types))
    for (const t of ['apartment', 'parking', 'cellar', 'commercial']) assert.isTrue(allTypes.has(t))

    // Co-ownerships (two active 50/50 holders) and one ended ownership.
    const coOwned = await owner
      .from('unit_owners')
      .where('organisation_id', org.id)
      .whereNull('end_date')
      .groupBy('unit_id')
      .havingRaw('count(*) = 2 and sum(percentage) = 100')
      .select('unit_id')
    assert.isAtLeast(coOwned.length, 2)
    const ended = await owner
      .from('unit_owners')
      .where('organisation_id', org.id)
      .whereNotNull('end_date')
    assert.lengthOf(ended, 1)
    // No unit over 100 % of active ownership, every unit owned.
    const overfull = await owner
      .from('units')
      .leftJoin('unit_owners', (j) =>
        j.on('unit_owners.unit_id', 'units.id').andOnNull('unit_owners.end_date')
      )
      .where('units.organisation_id', org.id)
      .groupBy('units.id')
      .havingRaw('coalesce(sum(unit_owners.percentage), 0) <> 100')
      .select('units.id')
    assert.lengthOf(overfull, 0)

    // Owners: persons and companies, FR and NL.
    const kinds = await owner
      .from('owners')
      .where('organisation_id', org.id)
      .select('kind', 'locale')
    assert.isAtLeast(kinds.filter((o) => o.kind === 'company').length, 2)
    assert.isAtLeast(kinds.filter((o) => o.locale === 'nl').length, 10)
    assert.isAtLeast(kinds.filter((o) => o.locale === 'fr').length, 10)

    // Roles and the superadmin.
    const roles = await owner
      .from('memberships')
      .join('users', 'users.id', 'memberships.user_id')
      .where('memberships.organisation_id', org.id)
      .select('users.email', 'memberships.role')
    assert.sameDeepMembers(
      roles.map((r) => ({ email: r.email, role: r.role })),
      DEMO_USERS.filter((u) => u.role).map((u) => ({ email: u.email, role: u.role }))
    )
    const staff = await owner.from('users').where('email', 'staff@vme.local').firstOrFail()
    assert.isTrue(staff.is_superadmin)
    const linked = await owner
      .from('owners')
      .join('users', 'users.id', 'owners.user_id')
      .where('owners.organisation_id', org.id)
      .select('users.email')
    assert.includeMembers(
      linked.map((l) => l.email),
      ['owner@demo.vme', 'board@demo.vme']
    )

    // Second run: nothing new.
    await runSeeder()
    assert.deepEqual(await counts(org.id), first)
    assert.lengthOf(await owner.from('organisations').where('slug', 'demo'), 1)

    // The owner logs in through the API and sees their organisation and role.
    const login = await client
      .post('/api/v1/auth/login')
      .json({ email: 'owner@demo.vme', password: DEMO_PASSWORD })
    login.assertStatus(200)
    const me = await client.get('/api/v1/me').bearerToken(login.body().token)
    me.assertStatus(200)
    assert.equal(me.body().memberships[0].role, 'owner')
    assert.equal(me.body().memberships[0].organisation.slug, 'demo')

    // Staff can reach the platform endpoints; the admin sees the three buildings.
    const staffLogin = await client
      .post('/api/v1/auth/login')
      .json({ email: 'staff@vme.local', password: DEMO_PASSWORD })
    staffLogin.assertStatus(200)
    const admin = await client
      .post('/api/v1/auth/login')
      .json({ email: 'admin@demo.vme', password: DEMO_PASSWORD })
    admin.assertStatus(200)
    const buildings = await client.get('/api/v1/buildings').bearerToken(admin.body().token)
    buildings.assertStatus(200)
    assert.equal(buildings.body().meta.total, 3)
  }).timeout(60_000)
})
