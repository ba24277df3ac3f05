import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { maybeTenant } from '#tenancy/tenant_context'

export interface AuditEntry {
  action: string
  subjectType?: string | null
  subjectId?: string | null
  metadata?: Record<string, unknown>
  actorId?: string | null
  organisationId?: string | null
}

/**
 * Appends to the audit log. Inside a tenant transaction the entry commits or rolls back
 * with the change it records; outside (login events) it is written on its own.
 */
export async function audit(ctx: HttpContext | null, entry: AuditEntry) {
  const tenant = maybeTenant()
  const organisationId =
    entry.organisationId !== undefined ? entry.organisationId : (tenant?.organisationId ?? null)
  const row = {
    organisation_id: organisationId,
    actor_id:
      entry.actorId !== undefined
        ? entry.actorId
        : ((ctx?.auth?.user as { id?: string } | undefined)?.id ?? null),
    action: entry.action,
    subject_type: entry.subjectType ?? null,
    subject_id: entry.subjectId ?? null,
    ip: ctx?.request.ip() ?? null,
    user_agent: ctx?.request.header('user-agent')?.slice(0, 500) ?? null,
    metadata: JSON.stringify(entry.metadata ?? {}),
  }
  const client = tenant && tenant.organisationId === organisationId ? tenant.trx : db
  // No RETURNING: the app role may not read back rows outside its tenant (login events).
  await client.table('audit_logs').insert(row)
}
