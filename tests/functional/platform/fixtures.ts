import { createHash, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import Building from '#models/building'
import Invitation from '#models/invitation'
import { withTenant } from '#tenancy/tenant_context'
import type { Role } from '#policies/permissions'

/** A building inserted directly in the organisation (through RLS, as the app role). */
export function createBuilding(organisationId: string, name = 'Résidence Test') {
  return withTenant(organisationId, () =>
    Building.create({
      name,
      street: 'Rue de la Loi 16',
      postalCode: '1000',
      city: 'Bruxelles',
      country: 'BE',
      totalQuota: 1000,
      fiscalYearStartMonth: 1,
    })
  )
}

/** An invitation row with a fresh token; returns the row and the clear token. */
export async function createInvitation(
  organisationId: string,
  opts: {
    email: string
    role?: Role
    expiresAt?: DateTime
    acceptedAt?: DateTime | null
    revokedAt?: DateTime | null
  }
) {
  const token = randomBytes(24).toString('base64url')
  const invitation = await withTenant(organisationId, () =>
    Invitation.create({
      email: opts.email,
      role: opts.role ?? 'owner',
      tokenHash: createHash('sha256').update(token).digest('hex'),
      expiresAt: opts.expiresAt ?? DateTime.now().plus({ days: 7 }),
      acceptedAt: opts.acceptedAt ?? null,
      revokedAt: opts.revokedAt ?? null,
    })
  )
  return { invitation, token }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
