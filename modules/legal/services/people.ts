import { currentTenant } from '#tenancy/tenant_context'

/** User ids of the organisation's members holding one of `roles` (syndic staff by default). */
export async function memberUserIds(roles: string[] = ['admin', 'syndic']): Promise<string[]> {
  const { trx, organisationId } = currentTenant()
  const rows = await trx
    .from('memberships')
    .where('organisation_id', organisationId)
    .whereIn('role', roles)
    .select('user_id')
  return rows.map((r: { user_id: string }) => r.user_id)
}

/** Display name of a co-owner row (person or company). */
export function ownerName(row: {
  kind?: string
  first_name?: string | null
  last_name?: string | null
  company_name?: string | null
}): string {
  if (row.kind === 'company') return row.company_name ?? ''
  return [row.first_name, row.last_name].filter(Boolean).join(' ')
}
