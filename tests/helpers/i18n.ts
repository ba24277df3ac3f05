/*
| The pages' message catalogues (resources/inertia/i18n/<locale>.json), read for
| assertions: a browser test checks the text the page should show in each language.
*/
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export type Locale = 'fr' | 'nl' | 'de' | 'en'
const cache = new Map<Locale, Record<string, unknown>>()

function catalogue(locale: Locale) {
  let c = cache.get(locale)
  if (!c) {
    c = JSON.parse(
      readFileSync(join(process.cwd(), 'resources/inertia/i18n', `${locale}.json`), 'utf8')
    ) as Record<string, unknown>
    cache.set(locale, c)
  }
  return c
}

export function translate(
  locale: Locale,
  key: string,
  params: Record<string, string | number> = {}
): string {
  let node: unknown = catalogue(locale)
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part]
  if (typeof node !== 'string') throw new Error(`Missing message ${locale}:${key}`)
  return node.replace(/\{(\w+)\}/g, (m, name: string) =>
    params[name] !== undefined ? String(params[name]) : m
  )
}
