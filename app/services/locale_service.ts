import type { HttpContext } from '@adonisjs/core/http'

export const LOCALES = ['fr', 'nl', 'de', 'en'] as const
export type AppLocale = (typeof LOCALES)[number]

function isLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** SPEC §2: explicit choice (cookie), user preference, Accept-Language, organisation default, then fr. */
export function resolveLocale(
  ctx: HttpContext,
  userLocale: string | null,
  orgLocale: string | null
): AppLocale {
  const chosen = ctx.request?.plainCookie('locale', { encoded: false })
  if (isLocale(chosen)) return chosen
  if (isLocale(userLocale)) return userLocale
  const accepted = ctx.request?.language([...LOCALES])
  if (isLocale(accepted)) return accepted
  if (isLocale(orgLocale)) return orgLocale
  return 'fr'
}
