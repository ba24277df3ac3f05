import { LOCALES, type AppLocale } from '#services/locale_service'

/*
| Translated notification texts. A module registers its messages once (from its
| provider), keyed `<module>.<type>.<part>`, with `{name}` placeholders; `notify()` then
| takes `{ key, params }` instead of a ready-made string and renders it per recipient in
| their language (user preference, then the organisation's default, then fr).
|
| A placeholder may carry a format: `{day:date}` (YYYY-MM-DD → "12 mars 2026") and
| `{value:number}` (12345 → "12 345"), both in the recipient's locale; a param that is
| itself `{ key, params }` is translated in the same locale.
*/
export type MessageCatalog = Record<string, string>

export interface LocalizedText {
  key: string
  /** Values; a nested `{ key }` is translated too (e.g. a fallback word). */
  params?: Record<string, string | number | null | undefined | LocalizedText>
}

/** What notify() accepts for a title or body: a fixed string, or a key + params. */
export type NotificationText = string | LocalizedText

const catalogs: Record<AppLocale, MessageCatalog> = { fr: {}, nl: {}, de: {}, en: {} }

/** Intl locales: Belgian variants, British English (dates "12 March 2026"). */
const INTL_LOCALE: Record<AppLocale, string> = {
  fr: 'fr-BE',
  nl: 'nl-BE',
  de: 'de-BE',
  en: 'en-GB',
}

/** Adds messages (fr is required: it is the fallback of every other language). */
export function registerNotificationMessages(
  messages: { fr: MessageCatalog } & Partial<Record<AppLocale, MessageCatalog>>
) {
  for (const locale of LOCALES) Object.assign(catalogs[locale], messages[locale] ?? {})
}

export function notificationLocale(...candidates: unknown[]): AppLocale {
  for (const value of candidates) {
    if (typeof value === 'string' && (LOCALES as readonly string[]).includes(value)) {
      return value as AppLocale
    }
  }
  return 'fr'
}

function formatParam(value: unknown, format: string | undefined, locale: AppLocale): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'object' && 'key' in value) {
    const nested = value as LocalizedText
    return translateNotification(locale, nested.key, nested.params)
  }
  if (format === 'number' && typeof value === 'number') {
    return new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: 0 }).format(value)
  }
  if (format === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
      dateStyle: 'long',
      timeZone: 'UTC',
    }).format(new Date(`${value}T00:00:00Z`))
  }
  return String(value)
}

/** A message in `locale` (falls back to fr, then to the key itself), placeholders filled. */
export function translateNotification(
  locale: AppLocale,
  key: string,
  params: LocalizedText['params'] = {}
): string {
  const template = catalogs[locale][key] ?? catalogs.fr[key] ?? key
  return template.replace(/\{(\w+)(?::(\w+))?\}/g, (match, name: string, format?: string) =>
    name in params ? formatParam(params[name], format, locale) : match
  )
}

/** A fixed string as is; a key + params rendered in `locale`. */
export function renderNotificationText(text: NotificationText, locale: AppLocale): string {
  return typeof text === 'string' ? text : translateNotification(locale, text.key, text.params)
}
