import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/** The global connection or a transaction: both can read and write these global rows. */
type Client = TransactionClientContract | typeof db
import type User from '#models/user'
import { acrossOrganisations, organisationsOf } from './subjects.js'
import { recordRequest } from './rights_log.js'

export interface GdprPreferences {
  processingRestricted: boolean
  restrictionReason: string | null
  restrictedAt: string | null
  marketingOptIn: boolean
  marketingUpdatedAt: string | null
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : ((v as string | null) ?? null))

/** The person's Art. 18 / Art. 21 choices (defaults: not restricted, no marketing). */
export async function preferencesOf(userId: string, client: Client = db): Promise<GdprPreferences> {
  const row = await client.from('gdpr_preferences').where('user_id', userId).first()
  return {
    processingRestricted: row?.processing_restricted ?? false,
    restrictionReason: row?.restriction_reason ?? null,
    restrictedAt: iso(row?.restricted_at),
    marketingOptIn: row?.marketing_opt_in ?? false,
    marketingUpdatedAt: iso(row?.marketing_updated_at),
  }
}

async function upsert(client: Client, userId: string, values: Record<string, unknown>) {
  await client
    .table('gdpr_preferences')
    .insert({ user_id: userId, ...values, updated_at: new Date() })
    .onConflict('user_id')
    .merge({ ...values, updated_at: new Date() })
}

/** Art. 18: restriction on or off, logged in every organisation of the person. */
export async function setRestriction(
  ctx: HttpContext,
  user: User,
  input: { restricted: boolean; reason?: string | null }
) {
  const before = await preferencesOf(user.id)
  const organisations = await organisationsOf(user.id, ctx.organisation?.id)
  const action = input.restricted ? 'gdpr.restrict' : 'gdpr.unrestrict'
  return acrossOrganisations(
    organisations,
    async (organisation, trx) => {
      await recordRequest(ctx, trx, {
        organisationId: organisation.id,
        userId: user.id,
        type: input.restricted ? 'restrict' : 'unrestrict',
        status: 'completed',
        action,
        details: { was: before.processingRestricted, reasonGiven: !!input.reason },
      })
    },
    async (trx) => {
      const client = trx ?? db
      await upsert(client, user.id, {
        processing_restricted: input.restricted,
        restriction_reason: input.restricted ? (input.reason ?? null) : null,
        restricted_at: input.restricted ? new Date() : null,
      })
      return preferencesOf(user.id, client)
    }
  )
}

/** Art. 21: marketing opt-in/opt-out. */
export async function setMarketing(ctx: HttpContext, user: User, optIn: boolean) {
  const before = await preferencesOf(user.id)
  const organisations = await organisationsOf(user.id, ctx.organisation?.id)
  return acrossOrganisations(
    organisations,
    async (organisation, trx) => {
      await recordRequest(ctx, trx, {
        organisationId: organisation.id,
        userId: user.id,
        type: 'marketing_preference',
        status: 'completed',
        action: 'gdpr.marketing_preference',
        details: { from: before.marketingOptIn, to: optIn },
      })
    },
    async (trx) => {
      const client = trx ?? db
      await upsert(client, user.id, { marketing_opt_in: optIn, marketing_updated_at: new Date() })
      return preferencesOf(user.id, client)
    }
  )
}

/** For other modules (newsletters, analytics, directory listing): may we process beyond the essential? */
export async function isProcessingRestricted(userId: string): Promise<boolean> {
  const preferences = await preferencesOf(userId)
  return preferences.processingRestricted
}

/** Marketing only with an opt-in and no restriction in force. */
export async function marketingAllowed(userId: string): Promise<boolean> {
  const p = await preferencesOf(userId)
  return p.marketingOptIn && !p.processingRestricted
}
