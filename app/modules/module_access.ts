import OrganisationModule from '#models/organisation_module'
import type Organisation from '#models/organisation'
import moduleRegistry from '#core_modules/module_registry'
import { plans, type PlanKey } from '#config/plans'
import { currentTenant, withTenant } from '#tenancy/tenant_context'

/**
 * Per-organisation enablement. Data, not code: `organisation_modules`. Read inside the
 * tenant transaction (RLS applies), so one organisation can never read another's.
 */
class ModuleAccess {
  /** Enabled module keys of the current tenant. Required modules are always on. */
  async enabledKeys(): Promise<string[]> {
    const rows = await OrganisationModule.query().select('module_key', 'enabled')
    const enabled = new Set(rows.filter((r) => r.enabled).map((r) => r.moduleKey))
    for (const m of moduleRegistry.all()) if (m.required) enabled.add(m.key)
    return moduleRegistry.keys().filter((k) => enabled.has(k))
  }

  async isEnabled(key: string): Promise<boolean> {
    const manifest = moduleRegistry.get(key)
    if (!manifest) return false
    if (manifest.required) return true
    const row = await OrganisationModule.query().where('module_key', key).first()
    return row?.enabled ?? false
  }

  /** `isEnabled` against the tenant's enabled keys already read (organisation_modules). */
  isEnabledAmong(enabledKeys: ReadonlySet<string>, key: string): boolean {
    const manifest = moduleRegistry.get(key)
    if (!manifest) return false
    return manifest.required || enabledKeys.has(key)
  }

  /** Jobs use this to skip organisations that have the module off. */
  async isEnabledFor(organisationId: string, key: string): Promise<boolean> {
    return withTenant(organisationId, () => this.isEnabled(key))
  }

  includedInPlan(organisation: Organisation, key: string): boolean {
    if (organisation.status === 'trialing') return true
    const plan = organisation.plan as PlanKey | null
    return !!plan && (plans[plan]?.modules as readonly string[] | undefined)?.includes(key) === true
  }

  /** Upsert inside the current tenant transaction. */
  async set(key: string, enabled: boolean, source: 'plan' | 'manual' | 'trial') {
    const { trx, organisationId } = currentTenant()
    await trx
      .insertQuery()
      .table('organisation_modules')
      .insert({
        organisation_id: organisationId,
        module_key: key,
        enabled,
        source,
        updated_at: new Date(),
      })
      .knexQuery.onConflict(['organisation_id', 'module_key'])
      .merge(['enabled', 'source', 'updated_at'])
  }

  /** Marks (or clears) a superadmin grant: billing's plan sync keeps such a module on. */
  async markSuperadminGrant(key: string, granted: boolean) {
    const { trx, organisationId } = currentTenant()
    await trx.rawQuery(
      `update organisation_modules set settings = jsonb_set(settings, '{superadminGrant}', to_jsonb(?::boolean))
       where organisation_id = ? and module_key = ?`,
      [granted, organisationId, key]
    )
  }
}

const moduleAccess = new ModuleAccess()
export default moduleAccess
