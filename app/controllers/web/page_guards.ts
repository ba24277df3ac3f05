import type { HttpContext } from '@adonisjs/core/http'
import Membership from '#models/membership'
import { can, type Role } from '#policies/permissions'
import moduleAccess from '#core_modules/module_access'

/**
 * Route middleware for pages: the role must hold `permission`, else the error page with
 * a 403 (the page keeps the app's layout and language, unlike a bare API error).
 */
export function pageCan(permission: string) {
  return async (ctx: HttpContext, next: () => Promise<void>) => {
    if (!can(ctx.membership.role as Role, permission)) {
      // A middleware's return value is not the body: send the rendered page.
      const page = await ctx.inertia.render('errors/error', {
        status: 403,
        errors: [{ code: 'E_FORBIDDEN', message: 'You are not allowed to open this page' }],
      })
      return ctx.response.status(403).send(page)
    }
    return next()
  }
}

/** Route middleware: the staff app is for staff roles; co-owners are sent to their portal. */
export async function staffOnly(ctx: HttpContext, next: () => Promise<void>) {
  const role = ctx.membership.role as Role
  if (!can(role, 'organisation.read') || role === 'owner' || role === 'contractor') {
    return ctx.response.redirect(`/o/${ctx.organisation.slug}`)
  }
  return next()
}

/**
 * Before the tenant middleware on pages: an organisation remembered in the session that
 * the user no longer belongs to (removed, or switched away) is forgotten, so the user
 * lands on their first remaining organisation instead of a dead end.
 */
export async function forgetStaleOrganisation(ctx: HttpContext, next: () => Promise<void>) {
  const remembered = ctx.session.get('organisationId') as string | undefined
  const user = ctx.auth.user as { id: string } | undefined
  if (remembered && user) {
    const still = await Membership.query()
      .where('user_id', user.id)
      .where('organisation_id', remembered)
      .select('id')
      .first()
    if (!still) ctx.session.forget('organisationId')
  }
  return next()
}

/**
 * Route middleware for a module's pages (after `tenant`): a disabled module shows the
 * error page with E_MODULE_DISABLED and, for staff, the module's page where an admin
 * can enable it (SPEC §1: "its pages show a module not enabled page").
 */
export function pageModule(key: string) {
  return async (ctx: HttpContext, next: () => Promise<void>) => {
    if (!(await moduleAccess.isEnabled(key))) {
      const page = await ctx.inertia.render('errors/error', {
        status: 403,
        errors: [
          {
            code: 'E_MODULE_DISABLED',
            message: `The module "${key}" is not enabled for this organisation. An administrator can enable it under /app/modules/${key}.`,
          },
        ],
      })
      return ctx.response.status(403).send(page)
    }
    return next()
  }
}
