import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import Organisation from '#models/organisation'
import User from '#models/user'
import Membership from '#models/membership'
import Building from '#models/building'
import Unit, { type UnitType } from '#models/unit'
import Owner from '#models/owner'
import UnitOwner from '#models/unit_owner'
import moduleRegistry from '#core_modules/module_registry'
import moduleAccess from '#core_modules/module_access'
import { withTenant } from '#tenancy/tenant_context'
import type { Role } from '#policies/permissions'

/*
| Demo data: one syndic firm ("Syndic Démo", slug `demo`) with three buildings in
| Brussels, Liège and Gent, 60 units whose quotas sum to exactly 1000 per building,
| 45 co-owners (FR/NL persons and two companies, co-ownerships and one past owner),
| and one user per role. Idempotent: when the `demo` organisation exists it does
| nothing. Logins: database/seeders/DEMO.md.
|
|   node ace db:seed --files database/seeders/demo_seeder.ts
*/

export const DEMO_SLUG = 'demo'
export const DEMO_PASSWORD = 'Demo-Password-2026!'

export const DEMO_USERS: { email: string; fullName: string; role: Role | null; owner?: string }[] =
  [
    { email: 'admin@demo.vme', fullName: 'Anne Vandenberghe', role: 'admin' },
    { email: 'syndic@demo.vme', fullName: 'Laurent Mathieu', role: 'syndic' },
    { email: 'accountant@demo.vme', fullName: 'Sarah Jacobs', role: 'accountant' },
    {
      email: 'board@demo.vme',
      fullName: 'Marc Dubois',
      role: 'board_member',
      owner: 'marc.dubois',
    },
    { email: 'owner@demo.vme', fullName: 'Julie Moreau', role: 'owner', owner: 'julie.moreau' },
    { email: 'contractor@demo.vme', fullName: 'Ahmed Benali', role: 'contractor' },
    // Platform staff: no membership, is_superadmin set through the owner connection.
    { email: 'staff@vme.local', fullName: 'VME Staff', role: null },
  ]

interface OwnerSpec {
  kind: 'person' | 'company'
  firstName?: string
  lastName?: string
  companyName?: string
  locale: 'fr' | 'nl'
  email?: string
  iban?: string
  city: { street: string; postalCode: string; city: string }
}

const BXL = { street: 'Rue du Bailli 12', postalCode: '1050', city: 'Ixelles' }
const LGE = { street: 'Rue Saint-Gilles 45', postalCode: '4000', city: 'Liège' }
const GNT = { street: 'Veldstraat 20', postalCode: '9000', city: 'Gent' }

const person = (
  firstName: string,
  lastName: string,
  locale: 'fr' | 'nl',
  city: OwnerSpec['city'],
  extra: Partial<OwnerSpec> = {}
): OwnerSpec => ({ kind: 'person', firstName, lastName, locale, city, ...extra })

/** Keyed `first.last` (ASCII); the key also makes the e-mail unless one is given. */
const OWNERS: Record<string, OwnerSpec> = {
  'immo.horizon': {
    kind: 'company',
    companyName: 'Immo Horizon SRL',
    locale: 'fr',
    email: 'gestion@immo-horizon.be',
    iban: 'BE21001234567803',
    city: { street: 'Chaussée de Charleroi 110', postalCode: '1060', city: 'Saint-Gilles' },
  },
  'vastgoed.leie': {
    kind: 'company',
    companyName: 'Vastgoed Leie BV',
    locale: 'nl',
    email: 'beheer@vastgoed-leie.be',
    iban: 'BE35310123456737',
    city: { street: 'Coupure Links 55', postalCode: '9000', city: 'Gent' },
  },
  // Brussels
  'marc.dubois': person('Marc', 'Dubois', 'fr', BXL, {
    email: 'board@demo.vme',
    iban: 'BE94735001234514',
  }),
  'isabelle.lejeune': person('Isabelle', 'Lejeune', 'fr', BXL),
  'thomas.peeters': person('Thomas', 'Peeters', 'nl', BXL),
  'martin.lambert': person('Martin', 'Lambert', 'fr', BXL),
  'sophie.dubois': person('Sophie', 'Dubois', 'fr', BXL),
  'nathalie.simon': person('Nathalie', 'Simon', 'fr', BXL),
  'julie.moreau': person('Julie', 'Moreau', 'fr', BXL, {
    email: 'owner@demo.vme',
    iban: 'BE41063012345610',
  }),
  'olivier.mertens': person('Olivier', 'Mertens', 'fr', BXL),
  'claire.dumont': person('Claire', 'Dumont', 'fr', BXL),
  'francois.laurent': person('François', 'Laurent', 'fr', BXL),
  'amelie.gerard': person('Amélie', 'Gérard', 'fr', BXL),
  'hugo.renson': person('Hugo', 'Renson', 'fr', BXL),
  'lea.vandamme': person('Léa', 'Vandamme', 'fr', BXL),
  'kevin.hermans': person('Kevin', 'Hermans', 'nl', BXL),
  'nadia.el-amrani': person('Nadia', 'El Amrani', 'fr', BXL),
  'yves.wauters': person('Yves', 'Wauters', 'fr', BXL),
  // Liège
  'jean-pierre.lemaire': person('Jean-Pierre', 'Lemaire', 'fr', LGE),
  'monique.fontaine': person('Monique', 'Fontaine', 'fr', LGE),
  'luc.collard': person('Luc', 'Collard', 'fr', LGE),
  'camille.leroy': person('Camille', 'Leroy', 'fr', LGE, { iban: 'BE85001876543206' }),
  'jacques.renard': person('Jacques', 'Renard', 'fr', LGE),
  'sebastien.lecomte': person('Sébastien', 'Lecomte', 'fr', LGE),
  'veronique.gilson': person('Véronique', 'Gilson', 'fr', LGE),
  'patrick.delvaux': person('Patrick', 'Delvaux', 'fr', LGE),
  'emilie.charlier': person('Émilie', 'Charlier', 'fr', LGE),
  'didier.halleux': person('Didier', 'Halleux', 'fr', LGE),
  'sandrine.hubert': person('Sandrine', 'Hubert', 'fr', LGE),
  'michel.jacquemin': person('Michel', 'Jacquemin', 'fr', LGE),
  'aurelie.ernst': person('Aurélie', 'Ernst', 'fr', LGE),
  'bernard.pirard': person('Bernard', 'Pirard', 'fr', LGE),
  'chantal.denis': person('Chantal', 'Denis', 'fr', LGE),
  // Gent
  'pieter.janssens': person('Pieter', 'Janssens', 'nl', GNT, { iban: 'BE56363123456788' }),
  'an.janssens': person('An', 'Janssens', 'nl', GNT),
  'lotte.de-smet': person('Lotte', 'De Smet', 'nl', GNT),
  'bram.maes': person('Bram', 'Maes', 'nl', GNT),
  'els.willems': person('Els', 'Willems', 'nl', GNT),
  'koen.claes': person('Koen', 'Claes', 'nl', GNT),
  'sofie.goossens': person('Sofie', 'Goossens', 'nl', GNT),
  'wouter.vermeulen': person('Wouter', 'Vermeulen', 'nl', GNT),
  'jan.peeters': person('Jan', 'Peeters', 'nl', GNT),
  'ine.mertens': person('Ine', 'Mertens', 'nl', GNT),
  'tom.de-backer': person('Tom', 'De Backer', 'nl', GNT),
  'griet.van-acker': person('Griet', 'Van Acker', 'nl', GNT),
  'stijn.lemmens': person('Stijn', 'Lemmens', 'nl', GNT),
}

/** [ownerKey, percentage, startDate?, endDate?] */
type Holding = [string, number, string?, string?]
interface UnitSpec {
  number: string
  type: UnitType
  floor: string
  area: number
  owners: Holding[]
}

interface BuildingSpec {
  name: string
  street: string
  postalCode: string
  city: string
  constructionYear: number
  enterpriseNumber: string
  units: UnitSpec[]
}

const apt = (number: string, floor: string, area: number, ...owners: Holding[]): UnitSpec => ({
  number,
  type: 'apartment',
  floor,
  area,
  owners,
})
const parking = (number: string, owner: string): UnitSpec => ({
  number,
  type: 'parking',
  floor: '-1',
  area: 12.5,
  owners: [[owner, 100]],
})
const cellar = (number: string, owner: string): UnitSpec => ({
  number,
  type: 'cellar',
  floor: '-1',
  area: 5,
  owners: [[owner, 100]],
})

export const BUILDINGS: BuildingSpec[] = [
  {
    name: 'Résidence Les Tilleuls',
    street: 'Avenue Louise 231',
    postalCode: '1050',
    city: 'Ixelles',
    constructionYear: 1968,
    enterpriseNumber: '0862.347.024',
    units: [
      {
        number: 'REZ',
        type: 'commercial',
        floor: '0',
        area: 140,
        owners: [['immo.horizon', 100, '2016-05-01']],
      },
      apt('1A', '1', 92, ['marc.dubois', 100, '2009-03-15']),
      apt('1B', '1', 68, ['isabelle.lejeune', 100]),
      apt('1C', '1', 74, ['thomas.peeters', 100]),
      apt('2A', '2', 95, ['martin.lambert', 50, '2014-09-01'], ['sophie.dubois', 50, '2014-09-01']),
      apt('2B', '2', 68, ['nathalie.simon', 100]),
      apt('2C', '2', 74, ['immo.horizon', 100, '2018-02-01']),
      apt('3A', '3', 95, ['julie.moreau', 100, '2020-10-01']),
      apt('3B', '3', 68, ['olivier.mertens', 100]),
      apt('3C', '3', 74, ['claire.dumont', 100]),
      apt('4A', '4', 110, ['francois.laurent', 100]),
      apt('4B', '4', 82, ['amelie.gerard', 100]),
      apt('5A', '5', 120, ['hugo.renson', 100]),
      apt('5B', '5', 64, ['lea.vandamme', 100]),
      parking('P1', 'marc.dubois'),
      parking('P2', 'martin.lambert'),
      parking('P3', 'julie.moreau'),
      parking('P4', 'francois.laurent'),
      parking('P5', 'kevin.hermans'),
      cellar('C1', 'marc.dubois'),
      cellar('C2', 'thomas.peeters'),
      cellar('C3', 'julie.moreau'),
      cellar('C4', 'nadia.el-amrani'),
      cellar('C5', 'yves.wauters'),
    ],
  },
  {
    name: 'Résidence Sauvenière',
    street: 'Boulevard de la Sauvenière 98',
    postalCode: '4000',
    city: 'Liège',
    constructionYear: 1975,
    enterpriseNumber: '0771.903.630',
    units: [
      apt('0A', '0', 71, ['jean-pierre.lemaire', 100]),
      apt('0B', '0', 66, ['monique.fontaine', 100]),
      apt('1A', '1', 88, ['luc.collard', 100]),
      // One past owner: the history is kept (ended ownership), the unit changed hands in 2023.
      apt(
        '1B',
        '1',
        79,
        ['jacques.renard', 100, '2012-09-01', '2023-03-31'],
        ['camille.leroy', 100, '2023-04-01']
      ),
      apt('1C', '1', 58, ['sebastien.lecomte', 100]),
      apt('2A', '2', 88, ['veronique.gilson', 100]),
      apt('2B', '2', 79, ['patrick.delvaux', 100]),
      apt('2C', '2', 58, ['emilie.charlier', 100]),
      apt('3A', '3', 90, ['didier.halleux', 100]),
      apt('3B', '3', 84, ['sandrine.hubert', 100]),
      apt('4A', '4', 105, ['michel.jacquemin', 100]),
      parking('P1', 'jean-pierre.lemaire'),
      parking('P2', 'luc.collard'),
      parking('P3', 'camille.leroy'),
      parking('P4', 'aurelie.ernst'),
      parking('P5', 'bernard.pirard'),
      cellar('C1', 'monique.fontaine'),
      cellar('C2', 'sebastien.lecomte'),
      cellar('C3', 'didier.halleux'),
      cellar('C4', 'chantal.denis'),
    ],
  },
  {
    name: 'Residentie Graslei',
    street: 'Korenlei 7',
    postalCode: '9000',
    city: 'Gent',
    constructionYear: 1992,
    enterpriseNumber: '0412.358.777',
    units: [
      apt('1.1', '1', 97, ['pieter.janssens', 50, '2017-06-01'], ['an.janssens', 50, '2017-06-01']),
      apt('1.2', '1', 72, ['vastgoed.leie', 100]),
      apt('2.1', '2', 97, ['lotte.de-smet', 100]),
      apt('2.2', '2', 72, ['bram.maes', 100]),
      apt('3.1', '3', 97, ['vastgoed.leie', 100]),
      apt('3.2', '3', 72, ['els.willems', 100]),
      apt('4.1', '4', 97, ['koen.claes', 100]),
      apt('4.2', '4', 72, ['sofie.goossens', 100]),
      apt('5.1', '5', 130, ['jan.peeters', 100]),
      parking('P1', 'pieter.janssens'),
      parking('P2', 'lotte.de-smet'),
      parking('P3', 'ine.mertens'),
      parking('P4', 'tom.de-backer'),
      cellar('K1', 'griet.van-acker'),
      cellar('K2', 'stijn.lemmens'),
      cellar('K3', 'wouter.vermeulen'),
    ],
  },
]

/** Quotas proportional to area, summing to exactly `total` (largest remainder, at least 1). */
export function quotasFor(areas: number[], total = 1000): number[] {
  const sum = areas.reduce((a, b) => a + b, 0)
  const exact = areas.map((a) => (a / sum) * total)
  const quotas = exact.map((e) => Math.max(1, Math.floor(e)))
  let rest = total - quotas.reduce((a, b) => a + b, 0)
  const order = exact
    .map((e, i) => ({ i, r: e - Math.floor(e) }))
    .sort((a, b) => b.r - a.r || a.i - b.i)
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) quotas[order[k].i]++
  for (let k = order.length - 1; rest < 0; k = (k - 1 + order.length) % order.length) {
    if (quotas[order[k].i] > 1) {
      quotas[order[k].i]--
      rest++
    }
  }
  return quotas
}

function ownerEmail(key: string, spec: OwnerSpec) {
  return spec.email ?? `${key}@${spec.locale === 'nl' ? 'voorbeeld' : 'exemple'}.be`
}

function phoneFor(index: number, locale: 'fr' | 'nl') {
  const prefix = locale === 'nl' ? '+32 470' : '+32 475'
  return `${prefix} ${String(120000 + index * 7919)
    .slice(-6)
    .replace(/(\d{2})(\d{2})(\d{2})/, '$1 $2 $3')}`
}

export default class DemoSeeder extends BaseSeeder {
  async run() {
    if (await Organisation.findBy('slug', DEMO_SLUG)) return

    const organisationId = randomUUID()
    await withTenant(organisationId, async (trx) => {
      await Organisation.create(
        {
          id: organisationId,
          name: 'Syndic Démo',
          slug: DEMO_SLUG,
          vatNumber: 'BE0850123440',
          address: {
            street: 'Rue Royale 120',
            postalCode: '1000',
            city: 'Bruxelles',
            country: 'BE',
          },
          locale: 'fr',
          displayName: 'Syndic Démo',
          primaryColor: '#0f766e',
          contactEmail: 'contact@syndic-demo.be',
          contactPhone: '+32 2 555 01 23',
          status: 'trialing',
          trialEndsAt: DateTime.now().plus({ days: 14 }),
          settings: {},
        },
        { client: trx }
      )
      for (const key of moduleRegistry.keys()) await moduleAccess.set(key, true, 'trial')

      const users = new Map<string, User>()
      for (const spec of DEMO_USERS) {
        const user =
          (await User.query({ client: trx }).where('email', spec.email).first()) ??
          (await User.create(
            { email: spec.email, password: DEMO_PASSWORD, fullName: spec.fullName, locale: 'fr' },
            { client: trx }
          ))
        users.set(spec.email, user)
        if (spec.role) {
          await Membership.create(
            { organisationId, userId: user.id, role: spec.role },
            { client: trx }
          )
        }
      }
      const userOfOwner = new Map(
        DEMO_USERS.filter((u) => u.owner).map((u) => [u.owner!, users.get(u.email)!.id])
      )

      const owners = new Map<string, Owner>()
      let index = 0
      for (const [key, spec] of Object.entries(OWNERS)) {
        index++
        const owner = await Owner.create({
          kind: spec.kind,
          firstName: spec.firstName ?? null,
          lastName: spec.lastName ?? null,
          companyName: spec.companyName ?? null,
          email: ownerEmail(key, spec),
          phone: phoneFor(index, spec.locale),
          address: { ...spec.city, country: 'BE' },
          locale: spec.locale,
          iban: spec.iban ?? null,
          userId: userOfOwner.get(key) ?? null,
          // Roughly two in three accepted electronic notices in writing.
          acceptsElectronicNotices: index % 3 !== 0,
        })
        owners.set(key, owner)
      }

      for (const spec of BUILDINGS) {
        const building = await Building.create({
          name: spec.name,
          street: spec.street,
          postalCode: spec.postalCode,
          city: spec.city,
          country: 'BE',
          totalQuota: 1000,
          constructionYear: spec.constructionYear,
          enterpriseNumber: spec.enterpriseNumber,
          fiscalYearStartMonth: 1,
        })
        const quotas = quotasFor(
          spec.units.map((u) =>
            u.type === 'apartment' || u.type === 'commercial' ? u.area : u.area * 0.6
          )
        )
        for (const [i, unitSpec] of spec.units.entries()) {
          const unit = await Unit.create({
            buildingId: building.id,
            number: unitSpec.number,
            type: unitSpec.type,
            floor: unitSpec.floor,
            area: unitSpec.area.toFixed(2),
            quota: quotas[i],
          })
          const primary = unitSpec.owners.find(([, , , end]) => !end)?.[0]
          for (const [ownerKey, percentage, start, end] of unitSpec.owners) {
            await UnitOwner.create({
              unitId: unit.id,
              ownerId: owners.get(ownerKey)!.id,
              percentage: percentage.toFixed(2),
              startDate: DateTime.fromISO(start ?? '2019-01-01'),
              endDate: end ? DateTime.fromISO(end) : null,
              isPrimaryContact: ownerKey === primary,
            })
          }
        }
      }
    })

    // Platform staff flag: only the owner role may grant it (the app role never does).
    await db.connection('owner').from('users').where('email', 'staff@vme.local').update({
      is_superadmin: true,
    })

    // Each feature module adds its demo data (modules/<key>/database/seeders/demo_seed.ts,
    // default export `(organisationId) => Promise<void>`, runs its own withTenant).
    for (const key of ['gdpr', 'accounting', 'legal', 'community', 'iot']) {
      let seed: ((organisationId: string) => Promise<void>) | undefined
      try {
        const module = await import(`../../modules/${key}/database/seeders/demo_seed.js`)
        seed = module.default
      } catch (error) {
        const e = error as { code?: string; message?: string }
        if (e.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('demo_seed'))
          throw error
      }
      if (seed) await seed(organisationId)
    }
  }
}
