import type { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { audit } from '#services/audit_service'

/** The 7 audit event types of SPEC §5 (no other `gdpr.*` action is ever written). */
export const GDPR_AUDIT_ACTIONS = [
  'gdpr.export',
  'gdpr.erase_check',
  'gdpr.erase',
  'gdpr.rectify',
  'gdpr.restrict',
  'gdpr.unrestrict',
  'gdpr.marketing_preference',
] as const
export type GdprAuditAction = (typeof GDPR_AUDIT_ACTIONS)[number]

export const REQUEST_TYPES = [
  'export',
  'erase_check',
  'erase',
  'rectify',
  'email_confirm',
  'restrict',
  'unrestrict',
  'marketing_preference',
] as const
export type RequestType = (typeof REQUEST_TYPES)[number]
export const REQUEST_STATUSES = ['completed', 'refused', 'pending'] as const

/**
 * One rights request, seen by the organisation's admins (gdpr_requests) and in its audit
 * log. Runs inside that organisation's tenant transaction. `details` never holds
 * personal values (field names and counts only).
 */
export async function recordRequest(
  ctx: HttpContext | null,
  trx: TransactionClientContract,
  input: {
    organisationId: string
    userId: string
    type: RequestType
    status: (typeof REQUEST_STATUSES)[number]
    action: GdprAuditAction
    details?: Record<string, unknown>
  }
) {
  const [row] = await trx
    .table('gdpr_requests')
    .insert({
      organisation_id: input.organisationId,
      user_id: input.userId,
      type: input.type,
      status: input.status,
      details: JSON.stringify(input.details ?? {}),
    })
    .returning('id')
  await audit(ctx, {
    action: input.action,
    subjectType: 'user',
    subjectId: input.userId,
    actorId: input.userId,
    organisationId: input.organisationId,
    metadata: { requestId: row.id, type: input.type, status: input.status, ...input.details },
  })
}
