import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import string from '@adonisjs/core/helpers/string'
import Organisation from '#models/organisation'
import User from '#models/user'
import Membership from '#models/membership'
import moduleRegistry from '#core_modules/module_registry'
import moduleAccess from '#core_modules/module_access'
import { withTenant } from '#tenancy/tenant_context'
import { ApiError } from '#exceptions/api_error'
import { TRIAL_DAYS } from '#config/plans'
import { audit } from '#services/audit_service'
import type { HttpContext } from '@adonisjs/core/http'

export interface SignupInput {
  organisation: {
    name: string
    slug?: string
    vatNumber?: string
    locale?: 'fr' | 'nl' | 'de' | 'en'
  }
  user: { email: string; password: string; fullName: string }
}

/**
 * Creates the organisation, its first admin and the trial (every module on for 14 days),
 * audited, in one transaction: a failure leaves nothing behind.
 */
export async function signup(input: SignupInput, ctx: HttpContext | null = null) {
  const email = input.user.email.toLowerCase()
  if (await User.findBy('email', email))
    throw ApiError.conflict('An account with this e-mail already exists', 'user.email')

  const slug = input.organisation.slug ?? (await freeSlug(input.organisation.name))
  if (await Organisation.findBy('slug', slug))
    throw ApiError.conflict('This slug is already taken', 'organisation.slug')

  const organisationId = randomUUID()
  return withTenant(organisationId, async (trx) => {
    const organisation = await Organisation.create(
      {
        id: organisationId,
        name: input.organisation.name,
        slug,
        vatNumber: input.organisation.vatNumber ?? null,
        locale: input.organisation.locale ?? 'fr',
        status: 'trialing',
        trialEndsAt: DateTime.now().plus({ days: TRIAL_DAYS }),
        settings: {},
      },
      { client: trx }
    )
    const user = await User.create(
      {
        email,
        password: input.user.password,
        fullName: input.user.fullName,
        locale: input.organisation.locale ?? null,
      },
      { client: trx }
    )
    await Membership.create({ organisationId, userId: user.id, role: 'admin' }, { client: trx })
    for (const key of moduleRegistry.keys()) await moduleAccess.set(key, true, 'trial')
    await audit(ctx, {
      action: 'organisation.signup',
      subjectType: 'organisation',
      subjectId: organisationId,
      actorId: user.id,
    })
    return { organisation, user }
  })
}

async function freeSlug(name: string): Promise<string> {
  const base =
    string
      .slug(name, { lower: true, strict: true })
      .slice(0, 50)
      .replace(/^-+|-+$/g, '') || 'syndic'
  const padded = base.length < 3 ? `${base}-org` : base
  for (let i = 0; i < 20; i++) {
    const candidate = i === 0 ? padded : `${padded}-${i + 1}`
    if (!(await Organisation.findBy('slug', candidate))) return candidate
  }
  return `${padded}-${randomUUID().slice(0, 8)}`
}
