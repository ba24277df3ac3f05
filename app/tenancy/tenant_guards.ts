import type { HttpContext } from '@adonisjs/core/http'

/*
| Checks that run on every tenant request once the organisation and membership are
| known, inside the tenant transaction and before the route handler. Core features
| that can refuse a request for the whole organisation register one here instead of
| editing the tenant middleware: enforced 2FA enrolment (403 E_2FA_ENROLMENT_REQUIRED),
| billing read-only mode (402 E_PAYMENT_REQUIRED). A guard throws an ApiError to refuse.
*/
export type TenantGuard = (ctx: HttpContext) => void | Promise<void>

const guards: { name: string; guard: TenantGuard }[] = []

export function registerTenantGuard(name: string, guard: TenantGuard) {
  if (guards.some((g) => g.name === name)) return
  guards.push({ name, guard })
}

export async function runTenantGuards(ctx: HttpContext) {
  for (const { guard } of guards) await guard(ctx)
}
