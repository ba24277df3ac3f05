import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import BaseInertiaMiddleware from '@adonisjs/inertia/inertia_middleware'
import moduleRegistry from '#core_modules/module_registry'
import moduleAccess from '#core_modules/module_access'
import { maybeTenant } from '#tenancy/tenant_context'
import { resolveLocale } from '#services/locale_service'
import { pdfAvailable } from '#pdf/pdf_service'
import { isBearerApiRequest } from '#middleware/bearer_api_fast_path'

export default class InertiaMiddleware extends BaseInertiaMiddleware {
  async share(ctx: HttpContext) {
    // A page may render before session/auth ran (a 404): assume nothing is hydrated.
    const { session, auth } = ctx as Partial<HttpContext>
    const user = auth?.user as
      | {
          id: string
          email: string
          fullName: string
          locale: string | null
          isSuperadmin: boolean
        }
      | undefined
    const organisation = (ctx as Partial<HttpContext>).organisation
    const enabledKeys = organisation && maybeTenant() ? await moduleAccess.enabledKeys() : []

    return {
      errors: ctx.inertia.always(this.getValidationErrors(ctx)),
      flash: ctx.inertia.always({
        error: session?.flashMessages.get('error') as string | undefined,
        success: session?.flashMessages.get('success') as string | undefined,
      }),
      locale: ctx.inertia.always(
        resolveLocale(ctx, user?.locale ?? null, organisation?.locale ?? null)
      ),
      user: ctx.inertia.always(
        user
          ? {
              id: user.id,
              email: user.email,
              fullName: user.fullName,
              isSuperadmin: user.isSuperadmin,
            }
          : null
      ),
      organisation: ctx.inertia.always(
        organisation
          ? {
              id: organisation.id,
              name: organisation.name,
              slug: organisation.slug,
              status: organisation.status,
              branding: organisation.branding,
            }
          : null
      ),
      role: ctx.inertia.always((ctx as Partial<HttpContext>).membership?.role ?? null),
      enabledModules: ctx.inertia.always(
        moduleRegistry
          .all()
          .filter((m) => enabledKeys.includes(m.key))
          .map((m) => ({ key: m.key, names: m.names, navigation: m.navigation }))
      ),
      // No Chromium (zero-setup machine): pages say PDFs are unavailable instead of offering them.
      pdfAvailable: ctx.inertia.always(await pdfAvailable()),
    }
  }

  async handle(ctx: HttpContext, next: NextFn) {
    // A bearer API call never renders a page (its errors are JSON, see the exception
    // handler) and, without the X-Inertia header, `dispose` would do nothing.
    if (isBearerApiRequest(ctx) && !ctx.request.header('x-inertia')) return next()
    await this.init(ctx)
    try {
      return await next()
    } finally {
      this.dispose(ctx)
    }
  }
}

declare module '@adonisjs/inertia/types' {
  type MiddlewareSharedProps = InferSharedProps<InertiaMiddleware>
  export interface SharedProps extends MiddlewareSharedProps {}
}
