import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { withTenant } from '#tenancy/tenant_context'
import { ApiError } from '#exceptions/api_error'
import type User from '#models/user'
import { eraseAccount } from '#gdpr/core_account'
import personalDataRegistry from '#gdpr/personal_data_registry'
import {
  acrossOrganisations,
  contributorsInEraseOrder,
  organisationsOf,
  subjectIn,
  type SubjectOrganisation,
} from './subjects.js'
import { recordRequest } from './rights_log.js'

export interface EraseReason {
  organisationId: string
  organisation: string
  source: string
  reason: string
}

/** The placeholders of SPEC §5: `Anonymised user #<short id>` and a unique non-routable e-mail. */
export function placeholderFor(userId: string) {
  const short = userId.replace(/-/g, '').slice(0, 8)
  return { name: `Anonymised user #${short}`, email: `erased-${userId}@anonymised.invalid` }
}

async function blockersIn(
  trx: TransactionClientContract,
  organisation: SubjectOrganisation,
  user: User
): Promise<EraseReason[]> {
  const subject = await subjectIn(trx, organisation.id, user.id, user.email)
  const reasons: EraseReason[] = []
  for (const contributor of personalDataRegistry.all()) {
    if (!contributor.eraseBlockers) continue
    for (const reason of await contributor.eraseBlockers(subject, trx)) {
      reasons.push({
        organisationId: organisation.id,
        organisation: organisation.name,
        source: contributor.key,
        reason,
      })
    }
  }
  return reasons
}

/** GET /gdpr/can-erase: reasons from every contributor in every organisation of the person. */
export async function canErase(ctx: HttpContext, user: User) {
  const organisations = await organisationsOf(user.id, ctx.organisation?.id)
  const reasons: EraseReason[] = []
  for (const organisation of organisations) {
    await withTenant(organisation.id, async (trx) => {
      const found = await blockersIn(trx, organisation, user)
      reasons.push(...found)
      await recordRequest(ctx, trx, {
        organisationId: organisation.id,
        userId: user.id,
        type: 'erase_check',
        status: 'completed',
        action: 'gdpr.erase_check',
        details: { blockers: found.length },
      })
    })
  }
  return { canErase: reasons.length === 0, reasons }
}

function blockedError(reasons: EraseReason[]) {
  const entries = reasons.map((r) => ({
    code: 'E_ERASE_BLOCKED',
    message: `${r.organisation}: ${r.reason}`,
  }))
  return new ApiError(409, 'E_INVALID_STATE', 'Your data cannot be erased yet', undefined, entries)
}

/**
 * DELETE /gdpr/erase (Art. 17). Blockers are checked first without writing anything (a
 * refused request changes nothing); then every organisation's contributors anonymise in
 * nested tenant transactions (one failure rolls back all), blockers re-checked inside,
 * and the account itself is anonymised and its tokens revoked last.
 */
export async function erase(ctx: HttpContext, user: User) {
  const organisations = await organisationsOf(user.id, ctx.organisation?.id)
  const pre: EraseReason[] = []
  for (const organisation of organisations) {
    pre.push(...(await withTenant(organisation.id, (trx) => blockersIn(trx, organisation, user))))
  }
  if (pre.length) throw blockedError(pre)

  const placeholder = placeholderFor(user.id)
  const erasedIn: string[] = []
  await acrossOrganisations(
    organisations,
    async (organisation, trx) => {
      const reasons = await blockersIn(trx, organisation, user)
      if (reasons.length) throw blockedError(reasons)
      const subject = await subjectIn(trx, organisation.id, user.id, user.email)
      const contributors = contributorsInEraseOrder().filter((c) => c.erase)
      // Logged first, so the redaction below also clears the ip/user agent of this entry.
      await recordRequest(ctx, trx, {
        organisationId: organisation.id,
        userId: user.id,
        type: 'erase',
        status: 'completed',
        action: 'gdpr.erase',
        details: {
          contributors: contributors.map((c) => c.key),
          ownerRecords: subject.ownerIds.length,
        },
      })
      for (const contributor of contributors) {
        await contributor.erase!(subject, trx, placeholder)
      }
      erasedIn.push(organisation.id)
    },
    async (trx) => {
      // Global rows of the person, once (never from the per-organisation steps: two nested
      // transactions locking the same global row would wait on each other forever).
      const finish = async (client: TransactionClientContract) => {
        await client.from('gdpr_preferences').where('user_id', user.id).delete()
        await client.from('gdpr_email_changes').where('user_id', user.id).delete()
        await eraseAccount(client, user.id, placeholder)
      }
      if (trx) return finish(trx)
      return db.transaction(finish)
    }
  )
  return { erased: true, organisations: erasedIn.length, placeholder: placeholder.name }
}
