import type { HttpContext } from '@adonisjs/core/http'
import Membership from '#models/membership'
import type User from '#models/user'
import { signup } from '#services/signup_service'
import { attemptLogin } from '#services/login_service'
import { SESSION_AUTH_AT } from '#services/password_service'
import { loginValidator, signupValidator } from '#validators/auth_validator'
import { plans, TRIAL_DAYS } from '#config/plans'
import { ApiError } from '#exceptions/api_error'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Roles that use the staff app; everyone else (owner, contractor) lives in the portal. */
export const STAFF_ROLES = ['admin', 'syndic', 'accountant', 'board_member']

/**
 * Session login, logout and sign-up for the pages. The forms post with fetch and
 * `Accept: application/json`: errors come back in the API error shape (the exception
 * handler treats JSON requests as API requests), success as `{ redirect }`.
 */
export default class SessionController {
  async showLogin({ inertia, auth, response }: HttpContext) {
    if (await auth.use('web').check()) return response.redirect('/app')
    return inertia.render('auth/login', {})
  }

  async showSignup({ inertia }: HttpContext) {
    return inertia.render('auth/signup', { trialDays: TRIAL_DAYS, plans: planList() })
  }

  async login(ctx: HttpContext) {
    const { email, password, otp } = await ctx.request.validateUsing(loginValidator)
    const user = await attemptLogin(ctx, email, password, otp ?? null)
    await ctx.auth.use('web').login(user)
    // Sessions opened before a password change are refused (#services/password_service).
    ctx.session.put(SESSION_AUTH_AT, Date.now())
    const intended = ctx.session.pull('intended', null) as string | null
    const target = await landingFor(ctx, user)
    return respond(ctx, intended && isSafePath(intended) ? intended : target)
  }

  async signup(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(signupValidator)
    const { organisation, user } = await signup(payload, ctx)
    await ctx.auth.use('web').login(user)
    ctx.session.put(SESSION_AUTH_AT, Date.now())
    ctx.session.put('organisationId', organisation.id)
    return respond(ctx, '/app')
  }

  /** POST /session/organisation {organisationId}: the organisation the staff app shows. */
  async switchOrganisation(ctx: HttpContext) {
    const organisationId = String(ctx.request.input('organisationId', ''))
    const user = ctx.auth.user as User
    const membership = UUID.test(organisationId)
      ? await Membership.query()
          .where('user_id', user.id)
          .where('organisation_id', organisationId)
          .preload('organisation')
          .first()
      : null
    if (!membership) throw ApiError.notFound('Organisation not found')
    if (!STAFF_ROLES.includes(membership.role)) {
      return respond(ctx, `/o/${membership.organisation.slug}`)
    }
    ctx.session.put('organisationId', membership.organisationId)
    return respond(ctx, '/app')
  }

  async logout(ctx: HttpContext) {
    await ctx.auth.use('web').logout()
    ctx.session.forget('organisationId')
    return respond(ctx, '/login')
  }
}

/** Staff land on the app of their first staff organisation, co-owners on their portal. */
async function landingFor(ctx: HttpContext, user: User): Promise<string> {
  const memberships = await Membership.query()
    .where('user_id', user.id)
    .preload('organisation')
    .orderBy('created_at', 'asc')
  const staff = memberships.find((m) => STAFF_ROLES.includes(m.role))
  if (staff) {
    ctx.session.put('organisationId', staff.organisationId)
    return '/app'
  }
  if (memberships[0]) return `/o/${memberships[0].organisation.slug}`
  return '/app'
}

/** Only same-site paths (no `//evil.example`) are followed after login. */
function isSafePath(path: string) {
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\')
}

function respond(ctx: HttpContext, redirect: string) {
  if (ctx.request.accepts(['html', 'json']) === 'json') return { redirect }
  return ctx.response.redirect(redirect)
}

export function planList() {
  return (Object.keys(plans) as (keyof typeof plans)[]).map((key) => ({
    key,
    pricePerBuilding: plans[key].pricePerBuilding,
    modules: [...plans[key].modules],
  }))
}
