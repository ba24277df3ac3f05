import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { maybeTenant, withTenant } from '#tenancy/tenant_context'
import personalDataRegistry, {
  type PersonalDataContributor,
  type PersonalDataSubject,
} from '#gdpr/personal_data_registry'

export interface SubjectOrganisation {
  id: string
  name: string
  slug: string
  role: string
}

/** The organisations the person belongs to; the current one first (its transaction is reused). */
export async function organisationsOf(
  userId: string,
  currentOrganisationId?: string
): Promise<SubjectOrganisation[]> {
  // On the open transaction when there is one (memberships carry no tenant policy): a
  // second connection would wait behind it on the embedded database.
  const rows = await (maybeTenant()?.trx ?? db)
    .from('memberships')
    .join('organisations', 'organisations.id', 'memberships.organisation_id')
    .where('memberships.user_id', userId)
    .orderBy('memberships.created_at')
    .select('organisations.id', 'organisations.name', 'organisations.slug', 'memberships.role')
  const list = rows.map((r) => ({ id: r.id, name: r.name, slug: r.slug, role: r.role }))
  return list.sort(
    (a, b) => Number(b.id === currentOrganisationId) - Number(a.id === currentOrganisationId)
  )
}

/** The registry subject of `userId` inside one organisation (run in its tenant transaction). */
export async function subjectIn(
  trx: TransactionClientContract,
  organisationId: string,
  userId: string,
  email: string
): Promise<PersonalDataSubject> {
  const owners = await trx
    .from('owners')
    .where('organisation_id', organisationId)
    .where('user_id', userId)
    .select('id')
  return { userId, email, organisationId, ownerIds: owners.map((o) => o.id as string) }
}

/** Module contributors first, core last (core removes the membership and unlinks owners). */
export function contributorsInEraseOrder(): PersonalDataContributor[] {
  const all = personalDataRegistry.all()
  return [...all.filter((c) => c.key !== 'core'), ...all.filter((c) => c.key === 'core')]
}

/**
 * Above this many organisations the nested mode would hold too many pooled connections
 * at once (pool max 10 per process): the steps then run one organisation after the other.
 */
export const MAX_NESTED_TENANTS = 5

/**
 * Runs `step` in every organisation's tenant transaction, NESTED: each transaction stays
 * open until the steps of all organisations (and `final`, run in the innermost one) have
 * succeeded, so one failure anywhere rolls back every organisation (one unit of work
 * across tenants, each step still under its own RLS context).
 * A person in more than MAX_NESTED_TENANTS organisations is handled sequentially (each
 * organisation atomically, then `final` in its own transaction); every step is
 * idempotent, so a failed run is completed by running the request again.
 */
export async function acrossOrganisations<T>(
  organisations: SubjectOrganisation[],
  step: (organisation: SubjectOrganisation, trx: TransactionClientContract) => Promise<void>,
  final: (trx: TransactionClientContract | null) => Promise<T>
): Promise<T> {
  if (organisations.length > MAX_NESTED_TENANTS) {
    for (const organisation of organisations) {
      await withTenant(organisation.id, (trx) => step(organisation, trx))
    }
    return final(null)
  }
  const run = async (index: number, last: TransactionClientContract | null): Promise<T> => {
    if (index >= organisations.length) return final(last)
    const organisation = organisations[index]
    return withTenant(organisation.id, async (trx) => {
      // Nested transactions must never wait on each other: fail loudly instead of hanging.
      await trx.rawQuery(`set local lock_timeout = '15s'`)
      await step(organisation, trx)
      return run(index + 1, trx)
    })
  }
  return run(0, null)
}
