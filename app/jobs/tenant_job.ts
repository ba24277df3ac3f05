import { UnrecoverableError } from 'bullmq'
import { BaseJob } from '#jobs/base_job'
import { withTenant } from '#tenancy/tenant_context'
import moduleAccess from '#core_modules/module_access'
import Organisation from '#models/organisation'

export interface TenantPayload {
  organisationId: string
  [key: string]: unknown
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * A job that belongs to one organisation: `handle()` runs inside
 * `withTenant(payload.organisationId)` (one transaction, RLS set), so it can only see
 * that organisation's rows. With `moduleKey`, organisations that have the module off
 * are skipped (the job completes with `{skipped: 'module_disabled'}`).
 */
export abstract class TenantJob<P extends TenantPayload = TenantPayload> extends BaseJob<P> {
  /** Feature module this job belongs to; undefined for core jobs. */
  moduleKey?: string

  get organisationId(): string {
    return this.payload.organisationId
  }

  async run(): Promise<unknown> {
    const organisationId = this.payload?.organisationId
    // A payload without a valid organisation can never succeed: do not retry it.
    if (typeof organisationId !== 'string' || !UUID.test(organisationId)) {
      throw new UnrecoverableError('Tenant job payload needs a valid organisationId')
    }
    if (this.moduleKey && !(await moduleAccess.isEnabledFor(organisationId, this.moduleKey))) {
      return { skipped: 'module_disabled' }
    }
    return withTenant(organisationId, () => this.handle())
  }
}

/**
 * For scheduled jobs: runs `fn` once per organisation (each inside its own tenant
 * transaction), optionally only where `moduleKey` is enabled. One organisation's
 * failure does not stop the others; errors are collected and rethrown at the end.
 */
export async function forEachOrganisation(
  fn: (organisationId: string) => Promise<void>,
  opts: { moduleKey?: string } = {}
): Promise<{ processed: number; skipped: number }> {
  const organisations = await Organisation.query()
    .whereNot('status', 'suspended')
    .select('id')
    .orderBy('created_at')
  let processed = 0
  let skipped = 0
  const errors: unknown[] = []
  for (const { id } of organisations) {
    if (opts.moduleKey && !(await moduleAccess.isEnabledFor(id, opts.moduleKey))) {
      skipped++
      continue
    }
    try {
      await withTenant(id, async () => fn(id))
      processed++
    } catch (error) {
      errors.push(error)
    }
  }
  if (errors.length) {
    throw new AggregateError(errors, `${errors.length} organisation(s) failed`)
  }
  return { processed, skipped }
}
