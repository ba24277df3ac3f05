import { createHash, randomBytes } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { ApiError } from '#exceptions/api_error'
import type User from '#models/user'
import { appUrl } from '#config/app'
import { sendTemplated } from '#services/mail_service'
import { acrossOrganisations, organisationsOf } from './subjects.js'
import { recordRequest } from './rights_log.js'
import { gdprMail } from './gdpr_messages.js'

export const EMAIL_CHANGE_TTL_HOURS = 24

export interface RectifyInput {
  firstName?: string
  lastName?: string
  email?: string
  phone?: string | null
  address?: { street?: string; postalCode?: string; city?: string; country?: string } | null
}

export function hashEmailToken(token: string) {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

function splitName(fullName: string): { first: string; last: string } {
  const parts = fullName.trim().split(/\s+/)
  if (parts.length < 2) return { first: parts[0] ?? '', last: '' }
  return { first: parts[0], last: parts.slice(1).join(' ') }
}

function isUniqueViolation(error: unknown) {
  return (error as { code?: string })?.code === '23505'
}

/**
 * PUT /gdpr/rectify (Art. 16). Name, phone and address apply at once to the account and
 * to every co-owner record linked to the person in every organisation (nested tenant
 * transactions: all or nothing). A new e-mail is only recorded as pending and a link is
 * sent to it; it applies when confirmed (confirmEmailChange).
 */
export async function rectify(ctx: HttpContext, user: User, input: RectifyInput) {
  const fields = (Object.keys(input) as (keyof RectifyInput)[]).filter(
    (k) => input[k] !== undefined
  )
  if (!fields.length) {
    throw ApiError.validation('firstName', 'Give at least one field to rectify')
  }
  const newEmail = input.email?.toLowerCase()
  const emailChanges = newEmail !== undefined && newEmail !== user.email.toLowerCase()
  if (emailChanges) {
    const taken = await db.from('users').where('email', newEmail).whereNot('id', user.id).first()
    if (taken) throw ApiError.conflict('This e-mail address is already used', 'email')
  }

  const current = splitName(user.fullName)
  const first = input.firstName ?? current.first
  const last = input.lastName ?? current.last
  const nameChanges = input.firstName !== undefined || input.lastName !== undefined
  const organisations = await organisationsOf(user.id, ctx.organisation?.id)
  let ownerRecords = 0
  let token: string | null = null

  await acrossOrganisations(
    organisations,
    async (organisation, trx) => {
      const patch: Record<string, unknown> = {}
      if (input.phone !== undefined) patch.phone = input.phone
      if (input.address !== undefined) {
        patch.address =
          input.address === null ? null : JSON.stringify({ country: 'BE', ...input.address })
      }
      const persons: Record<string, unknown> = { ...patch }
      if (input.firstName !== undefined) persons.first_name = input.firstName
      if (input.lastName !== undefined) persons.last_name = input.lastName
      if (Object.keys(persons).length) {
        ownerRecords += Number(
          await trx
            .from('owners')
            .where('organisation_id', organisation.id)
            .where('user_id', user.id)
            .where('kind', 'person')
            .update({ ...persons, updated_at: new Date() })
        )
      }
      if (Object.keys(patch).length) {
        ownerRecords += Number(
          await trx
            .from('owners')
            .where('organisation_id', organisation.id)
            .where('user_id', user.id)
            .where('kind', 'company')
            .update({ ...patch, updated_at: new Date() })
        )
      }
      await recordRequest(ctx, trx, {
        organisationId: organisation.id,
        userId: user.id,
        type: 'rectify',
        status: emailChanges ? 'pending' : 'completed',
        action: 'gdpr.rectify',
        details: { fields, emailPending: emailChanges },
      })
    },
    async (trx) => {
      const run = async (client: TransactionClientContract) => {
        if (nameChanges) {
          await client
            .from('users')
            .where('id', user.id)
            .update({ full_name: `${first} ${last}`.trim(), updated_at: new Date() })
          user.fullName = `${first} ${last}`.trim()
        }
        if (emailChanges) token = await createEmailChange(client, user.id, newEmail!)
      }
      if (trx) await run(trx)
      else await db.transaction(run)
    }
  )

  if (token && emailChanges) {
    const locale = user.locale ?? ctx.organisation?.locale ?? 'fr'
    const m = gdprMail(locale)
    await sendTemplated({
      to: newEmail!,
      template: 'notification',
      locale,
      organisation: ctx.organisation ?? null,
      subject: m.subject,
      data: {
        recipientName: user.fullName,
        title: m.title,
        body: m.body(EMAIL_CHANGE_TTL_HOURS),
        url: `${appUrl}/gdpr/confirm-email/${token}`,
      },
    })
  }

  return {
    fullName: user.fullName,
    email: user.email,
    pendingEmail: emailChanges ? newEmail : await pendingEmailOf(user.id),
    ownerRecordsUpdated: ownerRecords,
    fields,
  }
}

async function createEmailChange(client: TransactionClientContract, userId: string, email: string) {
  // A newer request supersedes any pending one.
  await client
    .from('gdpr_email_changes')
    .where('user_id', userId)
    .whereNull('confirmed_at')
    .whereNull('cancelled_at')
    .update({ cancelled_at: new Date() })
  const token = randomBytes(32).toString('base64url')
  await client.table('gdpr_email_changes').insert({
    user_id: userId,
    new_email: email,
    token_hash: hashEmailToken(token),
    expires_at: DateTime.now().plus({ hours: EMAIL_CHANGE_TTL_HOURS }).toJSDate(),
  })
  return token
}

export async function pendingEmailOf(userId: string): Promise<string | null> {
  const row = await db
    .from('gdpr_email_changes')
    .where('user_id', userId)
    .whereNull('confirmed_at')
    .whereNull('cancelled_at')
    .where('expires_at', '>', new Date())
    .orderBy('created_at', 'desc')
    .first()
  return row?.new_email ?? null
}

/** What the confirmation page shows before the click (no personal value beyond the address). */
export async function describeEmailChange(token: string) {
  const row = await db
    .from('gdpr_email_changes')
    .where('token_hash', hashEmailToken(token))
    .select('new_email', 'expires_at', 'confirmed_at', 'cancelled_at')
    .first()
  if (!row) return { status: 'unknown' as const, email: null }
  const status = row.confirmed_at
    ? ('confirmed' as const)
    : row.cancelled_at
      ? ('cancelled' as const)
      : new Date(row.expires_at) < new Date()
        ? ('expired' as const)
        : ('pending' as const)
  return { status, email: row.new_email as string }
}

/**
 * POST /gdpr/email-confirmations/:token (public: the token from the e-mail is the
 * credential). Applies the new address to the account and to the person's co-owner
 * records in every organisation, all or nothing.
 */
export async function confirmEmailChange(ctx: HttpContext, token: string) {
  const row = await db.from('gdpr_email_changes').where('token_hash', hashEmailToken(token)).first()
  if (!row) throw ApiError.notFound('Unknown or already used confirmation link')
  if (row.confirmed_at) throw ApiError.invalidState('This e-mail address was already confirmed')
  if (row.cancelled_at)
    throw ApiError.invalidState('This confirmation link was replaced by a newer one')
  if (new Date(row.expires_at) < new Date())
    throw ApiError.invalidState('This confirmation link has expired')
  const userId = row.user_id as string
  const email = row.new_email as string
  const taken = await db.from('users').where('email', email).whereNot('id', userId).first()
  if (taken) throw ApiError.conflict('This e-mail address is already used', 'email')

  const organisations = await organisationsOf(userId)
  try {
    await acrossOrganisations(
      organisations,
      async (organisation, trx) => {
        await trx
          .from('owners')
          .where('organisation_id', organisation.id)
          .where('user_id', userId)
          .update({ email, updated_at: new Date() })
        await recordRequest(ctx, trx, {
          organisationId: organisation.id,
          userId,
          type: 'email_confirm',
          status: 'completed',
          action: 'gdpr.rectify',
          details: { fields: ['email'], confirmed: true },
        })
      },
      async (trx) => {
        const run = async (client: TransactionClientContract) => {
          await client.from('users').where('id', userId).update({ email, updated_at: new Date() })
          await client
            .from('gdpr_email_changes')
            .where('id', row.id)
            .update({ confirmed_at: new Date() })
        }
        if (trx) await run(trx)
        else await db.transaction(run)
      }
    )
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw ApiError.conflict('This e-mail address is already used by another record', 'email')
    }
    throw error
  }
  return { confirmed: true, email }
}
