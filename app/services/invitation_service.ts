import { paginateQuery } from '#services/pagination'
import { createHash, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import Invitation from '#models/invitation'
import Membership from '#models/membership'
import Organisation from '#models/organisation'
import Owner from '#models/owner'
import User from '#models/user'
import type { Role } from '#policies/permissions'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { currentTenant, withTenant } from '#tenancy/tenant_context'
import { dispatch } from '#jobs/dispatcher'

export const INVITATION_TTL_DAYS = 7

/** 32 random bytes, base64url: what the e-mail carries. Only its SHA-256 is stored. */
export function generateInvitationToken() {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashInvitationToken(token) }
}

export function hashInvitationToken(token: string) {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** A token that cannot be ours is answered like an unknown one, without touching the DB. */
function isWellFormedToken(token: string) {
  return /^[A-Za-z0-9_-]{20,128}$/.test(token)
}

export interface CreateInvitationInput {
  email: string
  role: Role
  ownerId?: string | null
  locale: string
}

/**
 * Creates a pending invitation in the current tenant and dispatches its e-mail. Inviting
 * the same address again replaces its pending invitation (the old link stops working):
 * that is how an admin "resends" one.
 */
export async function createInvitation(ctx: HttpContext, input: CreateInvitationInput) {
  const { organisationId } = currentTenant()
  const email = input.email.trim().toLowerCase()

  // A co-owner invitation only replaces one for the same owner record, a member one only
  // a member one: inviting a co-owner as staff must not cancel their portal invitation.
  const superseded = await Invitation.query()
    .where('email', email)
    .where((q) => (input.ownerId ? q.where('owner_id', input.ownerId) : q.whereNull('owner_id')))
    .whereNull('accepted_at')
    .whereNull('revoked_at')
    .forUpdate()
  for (const old of superseded) {
    old.revokedAt = DateTime.now()
    await old.save()
  }

  const { token, hash } = generateInvitationToken()
  const invitation = await Invitation.create({
    email,
    role: input.role,
    ownerId: input.ownerId ?? null,
    tokenHash: hash,
    invitedBy: (ctx.auth.user as User | undefined)?.id ?? null,
    expiresAt: DateTime.now().plus({ days: INVITATION_TTL_DAYS }),
    acceptedAt: null,
    revokedAt: null,
  })

  await audit(ctx, {
    action: 'member.invited',
    subjectType: 'invitation',
    subjectId: invitation.id,
    metadata: {
      email,
      role: input.role,
      ownerId: input.ownerId ?? null,
      superseded: superseded.map((i) => i.id),
    },
  })
  // Enqueued once the request transaction commits (dispatcher default), so the worker
  // finds the invitation; one job per invitation.
  await dispatch(
    'core.invitation_email',
    { organisationId, invitationId: invitation.id, token, locale: input.locale },
    { jobId: `invitation_email:${invitation.id}` }
  )
  return invitation
}

/** GET /organisation/invitations: paged, `?status=pending` (default) | accepted | expired | revoked | all. */
export async function listInvitations(
  page: number,
  perPage: number,
  status: 'pending' | 'accepted' | 'expired' | 'revoked' | 'all'
) {
  const query = Invitation.query().orderBy('created_at', 'desc').orderBy('id')
  const now = DateTime.now().toSQL()
  if (status === 'pending') {
    query.whereNull('accepted_at').whereNull('revoked_at').where('expires_at', '>', now)
  } else if (status === 'accepted') {
    query.whereNotNull('accepted_at')
  } else if (status === 'revoked') {
    query.whereNull('accepted_at').whereNotNull('revoked_at')
  } else if (status === 'expired') {
    query.whereNull('accepted_at').whereNull('revoked_at').where('expires_at', '<=', now)
  }
  return paginateQuery(query, { page, perPage })
}

/** DELETE /organisation/invitations/:id: a pending (or expired) invitation is revoked. */
export async function revokeInvitation(ctx: HttpContext, id: string) {
  const invitation = await Invitation.query().where('id', id).forUpdate().first()
  if (!invitation) throw ApiError.notFound()
  if (invitation.acceptedAt) throw ApiError.invalidState('This invitation was already accepted')
  if (invitation.revokedAt) throw ApiError.invalidState('This invitation was already revoked')
  invitation.revokedAt = DateTime.now()
  await invitation.save()
  await audit(ctx, {
    action: 'member.invitation_revoked',
    subjectType: 'invitation',
    subjectId: invitation.id,
    metadata: { email: invitation.email, role: invitation.role },
  })
}

/** POST /owners/:id/invite: portal access (role owner) for a co-owner of this organisation. */
export async function inviteOwner(ctx: HttpContext, ownerId: string) {
  const { trx, organisationId } = currentTenant()
  const owner = await Owner.query().where('id', ownerId).forUpdate().first()
  if (!owner) throw ApiError.notFound()
  if (!owner.email) throw ApiError.validation('email', 'The co-owner has no e-mail address')

  if (owner.userId) {
    const linked = await Membership.query({ client: trx })
      .where('organisation_id', organisationId)
      .where('user_id', owner.userId)
      .first()
    if (linked) throw ApiError.conflict('This co-owner already has access to the portal')
  }
  const organisation = await Organisation.query({ client: trx })
    .where('id', organisationId)
    .firstOrFail()
  return createInvitation(ctx, {
    email: owner.email,
    role: 'owner',
    ownerId: owner.id,
    locale: owner.locale ?? organisation.locale,
  })
}

/** Finds the invitation of a token: the organisation first (SECURITY DEFINER function), then inside its tenant. */
async function organisationOfToken(token: string): Promise<string> {
  if (!isWellFormedToken(token)) throw ApiError.notFound('Invitation not found')
  const result = await db.rawQuery('select app_invitation_organisation(?) as organisation_id', [
    hashInvitationToken(token),
  ])
  const organisationId: string | null = result.rows[0]?.organisation_id ?? null
  if (!organisationId) throw ApiError.notFound('Invitation not found')
  return organisationId
}

/** GET /invitations/:token (public): what the accept page shows. */
export async function describeInvitation(token: string) {
  const organisationId = await organisationOfToken(token)
  return withTenant(organisationId, async (trx) => {
    const invitation = await Invitation.query()
      .where('token_hash', hashInvitationToken(token))
      .first()
    if (!invitation) throw ApiError.notFound('Invitation not found')
    const organisation = await Organisation.query({ client: trx })
      .where('id', organisationId)
      .firstOrFail()
    const existingUser = await User.query({ client: trx }).where('email', invitation.email).first()
    return {
      organisation: {
        name: organisation.name,
        slug: organisation.slug,
        branding: organisation.branding,
      },
      email: invitation.email,
      role: invitation.role,
      status: invitation.status,
      expiresAt: invitation.expiresAt.toISO(),
      // The page asks for a name and a password only when the invitee has no account.
      accountExists: !!existingUser,
    }
  })
}

export interface AcceptInput {
  fullName?: string
  password?: string
  locale?: string
}

/**
 * POST /invitations/:token/accept. Single use: the invitation row is locked, so two
 * concurrent accepts cannot both succeed. Existing account → membership added; new
 * e-mail → account created with the given name and password. A co-owner invitation
 * also links the owner record to the account.
 *
 * An access token is returned for a new account and for a caller already signed in as
 * the invitee. An existing account accepted without being signed in gets the membership
 * but no token (`loginRequired: true`): the e-mailed link must not bypass the account's
 * password and second factor.
 */
export async function acceptInvitation(
  ctx: HttpContext,
  token: string,
  input: AcceptInput,
  caller: User | null
) {
  const organisationId = await organisationOfToken(token)
  const outcome = await withTenant(organisationId, async (trx) => {
    const invitation = await Invitation.query()
      .where('token_hash', hashInvitationToken(token))
      .forUpdate()
      .first()
    if (!invitation) throw ApiError.notFound('Invitation not found')
    if (invitation.acceptedAt)
      throw new ApiError(409, 'E_INVITATION_USED', 'This invitation has already been used')
    if (invitation.revokedAt)
      throw new ApiError(410, 'E_INVITATION_REVOKED', 'This invitation has been revoked')
    if (invitation.expiresAt <= DateTime.now())
      throw new ApiError(410, 'E_INVITATION_EXPIRED', 'This invitation has expired')

    if (caller && caller.email.toLowerCase() !== invitation.email.toLowerCase()) {
      throw new ApiError(
        403,
        'E_INVITATION_EMAIL_MISMATCH',
        'This invitation was sent to another e-mail address; sign out first'
      )
    }

    let user = await User.query({ client: trx }).where('email', invitation.email).first()
    const createdUser = !user
    if (!user) {
      const missing = []
      if (!input.fullName)
        missing.push({ code: 'E_VALIDATION', message: 'fullName is required', field: 'fullName' })
      if (!input.password)
        missing.push({ code: 'E_VALIDATION', message: 'password is required', field: 'password' })
      if (missing.length) {
        const [first, ...rest] = missing
        throw new ApiError(422, first.code, first.message, first.field, rest)
      }
      user = await User.create(
        {
          email: invitation.email,
          password: input.password!,
          fullName: input.fullName!,
          locale: input.locale ?? null,
          isSuperadmin: false,
          notificationPreferences: {},
        },
        { client: trx }
      )
    }

    let membership = await Membership.query({ client: trx })
      .where('organisation_id', organisationId)
      .where('user_id', user.id)
      .first()
    const alreadyMember = !!membership
    if (!membership) {
      membership = await Membership.create(
        { organisationId, userId: user.id, role: invitation.role },
        { client: trx }
      )
    }

    if (invitation.ownerId) {
      const owner = await Owner.query().where('id', invitation.ownerId).forUpdate().first()
      if (owner && owner.userId !== user.id) {
        owner.userId = user.id
        await owner.save()
      }
    }

    invitation.acceptedAt = DateTime.now()
    await invitation.save()

    await audit(ctx, {
      action: 'member.joined',
      subjectType: 'invitation',
      subjectId: invitation.id,
      actorId: user.id,
      metadata: {
        membershipId: membership.id,
        role: membership.role,
        invitedRole: invitation.role,
        ownerId: invitation.ownerId,
        createdUser,
        alreadyMember,
      },
    })

    const organisation = await Organisation.query({ client: trx })
      .where('id', organisationId)
      .firstOrFail()
    return { user, organisation, membership, issueToken: createdUser || !!caller }
  })

  // After commit: the token row references the (possibly new) user.
  const accessToken = outcome.issueToken ? await User.accessTokens.create(outcome.user) : null
  return {
    token: accessToken ? accessToken.value!.release() : null,
    loginRequired: !accessToken,
    user: outcome.user,
    organisation: outcome.organisation,
    role: outcome.membership.role,
  }
}
