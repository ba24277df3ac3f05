import type { HttpContext } from '@adonisjs/core/http'
import OrganisationModule from '#models/organisation_module'
import type Organisation from '#models/organisation'
import moduleRegistry from '#core_modules/module_registry'
import moduleAccess from '#core_modules/module_access'
import type { Locale, ModuleManifest } from '#core_modules/module_manifest'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { resolveLocale } from '#services/locale_service'
import type User from '#models/user'

/** Module names in the caller's language (user preference, Accept-Language, organisation, fr). */
export function requestLocale(ctx: HttpContext, orgLocale: string | null): Locale {
  return resolveLocale(ctx, (ctx.auth.user as User | undefined)?.locale ?? null, orgLocale)
}

export interface ModuleEntry {
  key: string
  name: string
  names: ModuleManifest['names']
  description: string
  enabled: boolean
  required: boolean
  includedInPlan: boolean
  source: 'plan' | 'manual' | 'trial' | null
  dependsOn: string[]
}

function entry(
  manifest: ModuleManifest,
  row: OrganisationModule | undefined,
  organisation: Organisation,
  locale: Locale
): ModuleEntry {
  return {
    key: manifest.key,
    name: manifest.names[locale] ?? manifest.names.fr,
    names: manifest.names,
    description: manifest.descriptions[locale] ?? manifest.descriptions.fr,
    enabled: manifest.required ? true : (row?.enabled ?? false),
    required: manifest.required,
    includedInPlan: manifest.required || moduleAccess.includedInPlan(organisation, manifest.key),
    source: row?.source ?? (manifest.required ? 'plan' : null),
    dependsOn: manifest.dependsOn,
  }
}

/** Every registered module with this organisation's state (current tenant transaction). */
export async function listModules(organisation: Organisation, locale: Locale) {
  const rows = await OrganisationModule.query()
  const byKey = new Map(rows.map((r) => [r.moduleKey, r]))
  return moduleRegistry.all().map((m) => entry(m, byKey.get(m.key), organisation, locale))
}

export async function moduleEntry(organisation: Organisation, key: string, locale: Locale) {
  const manifest = moduleRegistry.get(key)
  if (!manifest) throw ApiError.notFound('Unknown module')
  const row = await OrganisationModule.query().where('module_key', key).first()
  return entry(manifest, row ?? undefined, organisation, locale)
}

/**
 * Turns a module on or off for the current tenant (source `manual`). Required modules
 * stay on (409); dependencies must be on first, dependants off first (409). The plan
 * limit (402) applies to admins, not to platform staff (`bypassPlan`). Disabling keeps
 * the module's data.
 */
export async function setModule(
  ctx: HttpContext,
  organisation: Organisation,
  key: string,
  enabled: boolean,
  opts: { bypassPlan?: boolean; auditAction?: string } = {}
) {
  const manifest = moduleRegistry.get(key)
  if (!manifest) throw ApiError.notFound('Unknown module')
  if (!enabled && manifest.required) {
    throw ApiError.conflict(`The module "${key}" is required and cannot be disabled`, 'enabled')
  }

  // Lock this tenant's module rows: two concurrent toggles are applied one after the other.
  const rows = await OrganisationModule.query().forUpdate()
  const isOn = (k: string) =>
    moduleRegistry.get(k)?.required || rows.some((r) => r.moduleKey === k && r.enabled)
  const previous = isOn(key)

  if (enabled) {
    if (!opts.bypassPlan && !moduleAccess.includedInPlan(organisation, key)) {
      throw new ApiError(
        402,
        'E_PLAN_REQUIRED',
        `The module "${key}" is not included in your plan; upgrade to enable it`
      )
    }
    const missing = manifest.dependsOn.filter((dep) => !isOn(dep))
    if (missing.length) {
      throw ApiError.conflict(`Enable ${missing.join(', ')} first`, 'enabled')
    }
  } else {
    const dependants = moduleRegistry
      .all()
      .filter((m) => m.dependsOn.includes(key) && isOn(m.key))
      .map((m) => m.key)
    if (dependants.length) {
      throw ApiError.conflict(`Disable ${dependants.join(', ')} first`, 'enabled')
    }
  }

  await moduleAccess.set(key, enabled, 'manual')
  // Platform staff grants survive billing's plan sync (app/billing/subscription_service.ts).
  if (opts.bypassPlan) await moduleAccess.markSuperadminGrant(key, enabled)
  await audit(ctx, {
    action: opts.auditAction
      ? `${opts.auditAction}.${enabled ? 'enabled' : 'disabled'}`
      : `module.${enabled ? 'enabled' : 'disabled'}`,
    subjectType: 'module',
    subjectId: key,
    metadata: { key, previous, enabled, source: 'manual' },
  })
}
