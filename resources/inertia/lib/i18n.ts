/*
| Tiny i18n for the pages: messages in i18n/<locale>.json (nested keys), the locale
| comes from the `locale` shared prop (cookie, user, Accept-Language, organisation).
*/
import { computed } from 'vue'
import { usePage } from '@inertiajs/vue3'
import fr from '~/i18n/fr.json'
import nl from '~/i18n/nl.json'
import de from '~/i18n/de.json'
import en from '~/i18n/en.json'

export const LOCALES = ['fr', 'nl', 'de', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const LOCALE_NAMES: Record<Locale, string> = {
  fr: 'Français',
  nl: 'Nederlands',
  de: 'Deutsch',
  en: 'English',
}

const catalogues: Record<Locale, Record<string, unknown>> = { fr, nl, de, en }

/*
| More message files, each under its own namespace so that features never edit the
| same file: `i18n/<ns>/<locale>.json` (core features: `twofa`, `billing`…) and
| `modules/<key>/ui/i18n/<locale>.json` (namespace = module key). `t('billing.title')`.
*/
const extraFiles = {
  ...import.meta.glob<Record<string, unknown>>('../i18n/*/*.json', { eager: true, import: 'default' }),
  ...import.meta.glob<Record<string, unknown>>('../../../modules/*/ui/i18n/*.json', {
    eager: true,
    import: 'default',
  }),
}
for (const [path, messages] of Object.entries(extraFiles)) {
  const m = /\/([a-z0-9_]+)\/(?:ui\/i18n\/)?(fr|nl|de|en)\.json$/.exec(path)
  if (!m) continue
  const [, namespace, locale] = m
  const catalogue = catalogues[locale as Locale]
  catalogue[namespace] = {
    ...((catalogue[namespace] as Record<string, unknown> | undefined) ?? {}),
    ...messages,
  }
}

function lookup(catalogue: Record<string, unknown>, key: string): string | undefined {
  let node: unknown = catalogue
  for (const part of key.split('.')) {
    if (node && typeof node === 'object' && part in (node as object)) {
      node = (node as Record<string, unknown>)[part]
    } else return undefined
  }
  return typeof node === 'string' ? node : undefined
}

export function translate(
  locale: Locale,
  key: string,
  params: Record<string, string | number> = {}
): string {
  const raw = lookup(catalogues[locale], key) ?? lookup(catalogues.fr, key) ?? key
  return raw.replace(/\{(\w+)\}/g, (m, name: string) =>
    params[name] !== undefined ? String(params[name]) : m
  )
}

export function useI18n() {
  const page = usePage()
  const locale = computed<Locale>(() => {
    const l = (page.props as { locale?: string }).locale
    return (LOCALES as readonly string[]).includes(l ?? '') ? (l as Locale) : 'fr'
  })
  const t = (key: string, params?: Record<string, string | number>) =>
    translate(locale.value, key, params)
  /** A `{fr, nl, de, en}` object from a module manifest. */
  const pick = (value: Partial<Record<Locale, string>> | null | undefined) =>
    value ? (value[locale.value] ?? value.fr ?? value.en ?? '') : ''
  const intlLocale = computed(() => `${locale.value}-BE`)
  const money = (value: string | number) =>
    new Intl.NumberFormat(intlLocale.value, { style: 'currency', currency: 'EUR' }).format(
      Number(value)
    )
  const number = (value: string | number, digits = 0) =>
    new Intl.NumberFormat(intlLocale.value, {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(Number(value))
  const date = (value: string | null | undefined) =>
    value
      ? new Intl.DateTimeFormat(intlLocale.value, { dateStyle: 'medium' }).format(
          new Date(value.length === 10 ? `${value}T12:00:00` : value)
        )
      : ''
  const monthName = (month: number) =>
    new Intl.DateTimeFormat(intlLocale.value, { month: 'long' }).format(
      new Date(2024, month - 1, 1)
    )
  /** Server validation messages are English: the common ones are shown translated. */
  const fieldError = (message: string | undefined) => {
    if (!message) return undefined
    if (/must be defined|is required|field is required/i.test(message))
      return t('validation.required')
    if (/valid email/i.test(message)) return t('validation.email')
    const min = /at least (\d+) characters/i.exec(message)
    if (min) return t('validation.minLength', { n: min[1] })
    if (/too common/i.test(message)) return t('validation.commonPassword')
    const quota = /^Only (\d+) of the building's/i.exec(message)
    if (quota) return t('validation.quotaLeft', { n: number(quota[1]) })
    const pct = /; ([\d.]+) % is available/i.exec(message)
    if (pct) return t('validation.percentageLeft', { n: number(pct[1], 2) })
    if (/already (exists|taken|used)|same unique value/i.test(message)) return t('validation.taken')
    return message
  }
  return { t, locale, pick, money, number, date, monthName, fieldError }
}

/** Sets the plain `locale` cookie the server reads, then reloads the page. */
export function switchLocale(locale: Locale) {
  document.cookie = `locale=${locale}; path=/; max-age=31536000; samesite=lax`
  window.location.reload()
}
