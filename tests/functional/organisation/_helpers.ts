import { randomBytes, createHash } from 'node:crypto'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import { STRONG_PASSWORD, uniq, type TestOrg } from '#tests/helpers/api'

/*
| Helpers of the organisation tests. The owner connection (schema owner, bypasses RLS)
| is used ONLY here, to arrange or inspect state the API does not expose (the e-mailed
| token, expiry, superadmin flag, plan).
*/
export const owner = () => db.connection('owner')

/**
 * The invitation token only travels by e-mail (the job gets it in its payload). Tests
 * give the invitation a token they know, in the same shape (32 bytes base64url, SHA-256
 * stored), instead of reading a mailbox.
 */
export async function knownToken(invitationId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  const hash = createHash('sha256').update(token).digest('hex')
  await owner().from('invitations').where('id', invitationId).update({ token_hash: hash })
  return token
}

export interface TestMember {
  token: string
  userId: string
  membershipId: string
  email: string
}

/** Invites a new person with `role` through the API and accepts it: a member with a token. */
export async function addMember(
  client: ApiClient,
  org: TestOrg,
  role: string
): Promise<TestMember> {
  const email = `${uniq(role)}@example.test`
  const invite = await client
    .post('/api/v1/organisation/members')
    .bearerToken(org.token)
    .json({ email, role })
  if (invite.status() !== 201) throw new Error(`invite failed: ${invite.status()} ${invite.text()}`)
  const token = await knownToken(invite.body().id)
  const accepted = await client
    .post(`/api/v1/invitations/${token}/accept`)
    .json({ fullName: `Test ${role}`, password: STRONG_PASSWORD })
  if (accepted.status() !== 200)
    throw new Error(`accept failed: ${accepted.status()} ${accepted.text()}`)
  const membership = await owner()
    .from('memberships')
    .where('organisation_id', org.organisationId)
    .where('user_id', accepted.body().user.id)
    .firstOrFail()
  return {
    token: accepted.body().token,
    userId: accepted.body().user.id,
    membershipId: membership.id,
    email,
  }
}

export async function membershipOf(organisationId: string, userId: string) {
  return owner()
    .from('memberships')
    .where('organisation_id', organisationId)
    .where('user_id', userId)
    .first()
}

export async function auditActions(organisationId: string | null): Promise<string[]> {
  const q = owner().from('audit_logs').orderBy('created_at', 'asc')
  if (organisationId) q.where('organisation_id', organisationId)
  else q.whereNull('organisation_id')
  const rows: { action: string }[] = await q.select('action')
  return rows.map((r) => r.action)
}

export async function roleOf(organisationId: string, userId: string): Promise<string | null> {
  const row = await membershipOf(organisationId, userId)
  return row?.role ?? null
}

/** One column of an organisation's module row (owner connection). */
export async function moduleField(organisationId: string, key: string, column: string) {
  const row = await owner()
    .from('organisation_modules')
    .where('organisation_id', organisationId)
    .where('module_key', key)
    .first()
  return row?.[column]
}

export function fieldsOf(body: { errors: { field?: string }[] }) {
  return body.errors.map((e) => e.field)
}
