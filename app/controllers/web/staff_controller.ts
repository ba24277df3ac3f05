import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import Building from '#models/building'
import Unit from '#models/unit'
import Owner from '#models/owner'
import UnitOwner from '#models/unit_owner'
import Membership from '#models/membership'
import Invitation from '#models/invitation'
import moduleRegistry from '#core_modules/module_registry'
import moduleAccess from '#core_modules/module_access'
import { currentTenant } from '#tenancy/tenant_context'
import { UNIT_TYPES } from '#models/unit'
import type User from '#models/user'
import { remainingBackupCodes } from '#services/two_factor_service'

const PER_PAGE = 25

/**
 * Staff app pages (/app). Initial props are read from the models inside the request's
 * tenant transaction; every change goes through the JSON API from the page, which then
 * reloads its props.
 */
export default class StaffController {
  async dashboard({ inertia, organisation }: HttpContext) {
    const { trx } = currentTenant()
    // One statement, one round trip: the tenant transaction is a single connection, so
    // concurrent queries on it (Promise.all) only queue, and one failing leaves the others
    // running on an aborted transaction.
    const result = await trx.rawQuery(
      `select (select count(*) from buildings where organisation_id = :org) as buildings,
              (select count(*) from units where organisation_id = :org) as units,
              (select count(*) from owners where organisation_id = :org) as owners`,
      { org: organisation.id }
    )
    const row = result.rows[0]
    const [buildings, units, owners] = [row.buildings, row.units, row.owners].map(Number)
    const recent = await Building.query().orderBy('created_at', 'desc').limit(5)
    const trialDaysLeft =
      organisation.status === 'trialing' && organisation.trialEndsAt
        ? Math.max(0, Math.ceil(organisation.trialEndsAt.diff(DateTime.now(), 'days').days))
        : null
    return inertia.render('app/dashboard', {
      counts: { buildings, units, owners },
      trialDaysLeft,
      recentBuildings: recent.map((b) => ({ id: b.id, name: b.name, city: b.city })),
    })
  }

  async buildings({ inertia, request }: HttpContext) {
    const q = String(request.input('q', '')).trim()
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const query = Building.query()
      .withCount('units')
      .withAggregate('units', (u) => u.sum('quota').as('allocated_quota'))
      .orderBy('name', 'asc')
    if (q) query.where((w) => w.whereILike('name', `%${q}%`).orWhereILike('city', `%${q}%`))
    const result = await query.paginate(page, PER_PAGE)
    return inertia.render('app/buildings/index', {
      q,
      buildings: result.all().map((b) => ({
        id: b.id,
        name: b.name,
        address: { street: b.street, postalCode: b.postalCode, city: b.city, country: b.country },
        totalQuota: b.totalQuota,
        unitsCount: Number(b.$extras.units_count ?? 0),
        allocatedQuota: Number(b.$extras.allocated_quota ?? 0),
      })),
      meta: pageMeta(result),
    })
  }

  async building(ctx: HttpContext) {
    const { inertia, params } = ctx
    const building = await Building.find(params.id)
    if (!building) return notFound(ctx, 'Building not found')
    const today = DateTime.now().toISODate()!
    const units = await Unit.query()
      .where('building_id', building.id)
      .preload('ownerships', (o) =>
        o
          .where((w) => w.whereNull('end_date').orWhere('end_date', '>', today))
          .preload('owner')
          .orderBy('start_date', 'asc')
      )
      .orderByRaw('length(number), number')
    const owners = await Owner.query().orderBy('last_name').orderBy('company_name').limit(1000)
    return inertia.render('app/buildings/show', {
      building: {
        id: building.id,
        name: building.name,
        address: {
          street: building.street,
          postalCode: building.postalCode,
          city: building.city,
          country: building.country,
        },
        totalQuota: building.totalQuota,
        constructionYear: building.constructionYear,
        enterpriseNumber: building.enterpriseNumber,
        fiscalYearStartMonth: building.fiscalYearStartMonth,
      },
      units: units.map((u) => ({
        id: u.id,
        number: u.number,
        type: u.type,
        floor: u.floor,
        area: u.area,
        quota: u.quota,
        ownerships: u.ownerships.map((o) => ({
          id: o.id,
          ownerId: o.ownerId,
          ownerName: o.owner.displayName,
          percentage: o.percentage,
          startDate: o.startDate.toISODate()!,
          isPrimaryContact: o.isPrimaryContact,
        })),
      })),
      unitTypes: [...UNIT_TYPES],
      ownerOptions: owners.map((o) => ({ id: o.id, name: o.displayName, email: o.email })),
    })
  }

  async owners({ inertia, request }: HttpContext) {
    const q = String(request.input('q', '')).trim()
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const query = Owner.query().orderBy('last_name').orderBy('company_name').orderBy('first_name')
    if (q) {
      query.where((w) =>
        w
          .whereILike('last_name', `%${q}%`)
          .orWhereILike('first_name', `%${q}%`)
          .orWhereILike('company_name', `%${q}%`)
          .orWhereILike('email', `%${q}%`)
      )
    }
    const result = await query.paginate(page, PER_PAGE)
    const ownerIds = result.all().map((o) => o.id)
    const today = DateTime.now().toISODate()!
    const active = ownerIds.length
      ? await UnitOwner.query()
          .whereIn('owner_id', ownerIds)
          .where((w) => w.whereNull('end_date').orWhere('end_date', '>', today))
          .preload('unit', (u) => u.preload('building'))
      : []
    const pending = ownerIds.length
      ? await Invitation.query()
          .whereIn('owner_id', ownerIds)
          .whereNull('accepted_at')
          .whereNull('revoked_at')
      : []
    return inertia.render('app/owners/index', {
      q,
      owners: result.all().map((o) => ({
        id: o.id,
        kind: o.kind,
        firstName: o.firstName,
        lastName: o.lastName,
        companyName: o.companyName,
        displayName: o.displayName,
        email: o.email,
        phone: o.phone,
        locale: o.locale,
        iban: o.iban,
        portalStatus: o.userId
          ? 'active'
          : pending.some((i) => i.ownerId === o.id && i.status === 'pending')
            ? 'invited'
            : 'none',
        units: active
          .filter((a) => a.ownerId === o.id)
          .map((a) => ({
            unitId: a.unitId,
            buildingId: a.unit.buildingId,
            label: `${a.unit.building.name} · ${a.unit.number}`,
            percentage: a.percentage,
          })),
      })),
      meta: pageMeta(result),
    })
  }

  async members({ inertia, organisation }: HttpContext) {
    const { trx } = currentTenant()
    const memberships = await Membership.query({ client: trx })
      .where('organisation_id', organisation.id)
      .whereNot('role', 'owner')
      .preload('user')
      .orderBy('created_at', 'asc')
    const invitations = await Invitation.query()
      .whereNull('owner_id')
      .whereNull('accepted_at')
      .whereNull('revoked_at')
      .where('expires_at', '>', DateTime.now().toSQL()!)
      .orderBy('created_at', 'desc')
    return inertia.render('app/members/index', {
      members: memberships.map((m) => ({
        id: m.id,
        userId: m.userId,
        fullName: m.user.fullName,
        email: m.user.email,
        role: m.role,
        since: m.createdAt.toISODate()!,
        twoFactorEnabled: !!m.user.twoFactorEnabledAt,
      })),
      invitations: invitations.map((i) => ({
        id: i.id,
        email: i.email,
        role: i.role,
        expiresAt: i.expiresAt.toISODate()!,
      })),
      roles: ['admin', 'syndic', 'accountant', 'board_member', 'contractor'],
    })
  }

  async modules({ inertia, organisation }: HttpContext) {
    const enabled = await moduleAccess.enabledKeys()
    return inertia.render('app/modules/index', {
      plan: organisation.plan,
      modules: moduleRegistry.all().map((m) => ({
        key: m.key,
        names: m.names,
        descriptions: m.descriptions,
        enabled: enabled.includes(m.key),
        required: m.required,
        includedInPlan: moduleAccess.includedInPlan(organisation, m.key),
      })),
    })
  }

  async module(ctx: HttpContext) {
    const { inertia, params, organisation } = ctx
    const manifest = moduleRegistry.get(params.key)
    if (!manifest) return notFound(ctx, 'Module not found')
    const enabled = await moduleAccess.isEnabled(manifest.key)
    const first = await Building.query().orderBy('name', 'asc').first()
    return inertia.render('app/modules/show', {
      module: {
        key: manifest.key,
        names: manifest.names,
        descriptions: manifest.descriptions,
        required: manifest.required,
        includedInPlan: moduleAccess.includedInPlan(organisation, manifest.key),
      },
      enabled,
      firstBuilding: first ? { id: first.id, name: first.name } : null,
    })
  }

  /** Security settings of the signed-in user: 2FA enrolment/disable/backup codes, password. */
  async security({ inertia, organisation, membership, auth }: HttpContext) {
    const user = auth.user as User
    const remaining = user.twoFactorEnabledAt ? await remainingBackupCodes(user.id) : 0
    return inertia.render('app/security/index', {
      email: user.email,
      twoFactorEnabled: !!user.twoFactorEnabledAt,
      backupCodesRemaining: remaining,
      required:
        organisation.settings?.require2fa === true &&
        ['admin', 'syndic', 'accountant'].includes(membership.role),
      require2fa: organisation.settings?.require2fa === true,
    })
  }

  async branding({ inertia, organisation }: HttpContext) {
    return inertia.render('app/settings/branding', {
      settings: {
        name: organisation.name,
        displayName: organisation.displayName ?? '',
        primaryColor: organisation.primaryColor ?? '#1d4ed8',
        logoUrl: organisation.logoUrl ?? '',
        contactEmail: organisation.contactEmail ?? '',
        contactPhone: organisation.contactPhone ?? '',
      },
    })
  }
}

/** The error page with a 404 status (rendered here: the page must carry a body). */
function notFound(ctx: HttpContext, message: string) {
  ctx.response.status(404)
  return ctx.inertia.render('errors/error', {
    status: 404,
    errors: [{ code: 'E_NOT_FOUND', message }],
  })
}

function pageMeta(result: {
  total: number
  perPage: number
  currentPage: number
  lastPage: number
}) {
  return {
    total: result.total,
    perPage: result.perPage,
    currentPage: result.currentPage,
    lastPage: result.lastPage,
  }
}
