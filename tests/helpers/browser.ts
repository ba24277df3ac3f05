/*
| Headless Chromium (Debian's /usr/bin/chromium) driven by puppeteer-core for the
| browser suite. Each browser gets a fresh profile in a temp dir; each page records
| console errors and failed requests so a test can assert the page is clean.
*/
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { type Browser, type Page } from 'puppeteer-core'
import { launchChromium } from '#pdf/chromium'
import { baseUrl } from '#tests/helpers/api'

// Evaluated in the page (puppeteer): the browser's globals, untyped on the Node side.
declare const document: any
declare const location: any
declare const getComputedStyle: any

export interface TestBrowser {
  browser: Browser
  close(): Promise<void>
}

/** The app's own Chromium launch (same binary, flags and throw-away profile). */
export async function launchBrowser(): Promise<TestBrowser> {
  return launchChromium({ defaultViewport: { width: 1280, height: 860 } })
}

export interface TrackedPage {
  page: Page
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[]
}

/**
 * A new page (own incognito context unless `shared` is given, so sessions do not leak
 * between tests) that records console errors. `ignore` filters expected noise.
 */
export async function openPage(
  tb: TestBrowser,
  opts: { locale?: string; ignore?: RegExp[]; shared?: boolean } = {}
): Promise<TrackedPage> {
  const context = opts.shared
    ? tb.browser.defaultBrowserContext()
    : await tb.browser.createBrowserContext()
  const page = await context.newPage()
  page.setDefaultTimeout(15000)
  const errors: string[] = []
  const ignored = (text: string) => (opts.ignore ?? []).some((r) => r.test(text))
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !ignored(msg.text())) errors.push(`console: ${msg.text()}`)
  })
  page.on('pageerror', (err) => {
    const text = err instanceof Error ? err.message : String(err)
    if (!ignored(text)) errors.push(`pageerror: ${text}`)
  })
  if (opts.locale) {
    await page.setCookie({
      name: 'locale',
      value: opts.locale,
      url: baseUrl(),
    })
  }
  return { page, errors }
}

export function url(path: string) {
  return `${baseUrl()}${path}`
}

/** Navigates and waits for the Inertia app to have mounted a page. */
export async function visit(page: Page, path: string) {
  const res = await page.goto(url(path), { waitUntil: 'networkidle0' })
  await page.waitForSelector('main')
  return res
}

export async function screenshot(page: Page, name: string) {
  const dir = join(process.cwd(), 'tmp', 'screenshots')
  await mkdir(dir, { recursive: true })
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true })
}

/** Types into the input labelled `label` (exact text of its <label>, without the "*"). */
export async function fillByLabel(page: Page, label: string, value: string) {
  const id = await page.evaluate((text) => {
    const labels = [...document.querySelectorAll('label')]
    const found = labels.find(
      (l) => l.textContent?.replace('*', '').trim() === text && l.offsetParent !== null
    )
    return found?.getAttribute('for') ?? null
  }, label)
  if (!id) throw new Error(`No visible field labelled "${label}"`)
  const selector = `[id="${id}"]`
  await page.$eval(selector, (el) => {
    ;(el as any).value = ''
  })
  await page.type(selector, value)
}

/** Clicks the first visible button/link whose text contains `text`. */
export async function clickText(page: Page, text: string, selector = 'button, a') {
  const handle = await page.waitForFunction(
    (sel, t) =>
      [...document.querySelectorAll(sel)].find(
        (el) => (el as any).offsetParent !== null && el.textContent?.includes(t)
      ) ?? null,
    {},
    selector,
    text
  )
  await (handle.asElement() as any).click()
}

export async function textOf(page: Page, selector: string) {
  return page.$eval(selector, (el) => el.textContent?.trim() ?? '')
}

/** Waits until the body text contains `text`. */
export async function waitForText(page: Page, text: string, timeout = 15000) {
  await page.waitForFunction((t) => document.body.innerText.includes(t), { timeout }, text)
}

/**
 * Basic accessibility checks on the current page: a lang, one h1, every form control
 * labelled, every button/link with an accessible name, images with alt, no duplicate ids.
 * Returns a list of problems (empty when clean).
 */
export async function a11yProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = []
    const visible = (el: any) => el.offsetParent !== null || el.getClientRects().length > 0
    if (!document.documentElement.lang) problems.push('html has no lang')
    const h1s = [...document.querySelectorAll('h1')].filter(visible)
    if (h1s.length !== 1) problems.push(`expected one h1, found ${h1s.length}`)
    const named = (el: any) =>
      !!(
        el.getAttribute('aria-label') ||
        el.getAttribute('aria-labelledby') ||
        (el.id && document.querySelector(`label[for="${el.id}"]`)) ||
        el.closest('label')
      )
    for (const el of document.querySelectorAll('input, select, textarea') as any) {
      if (el.type === 'hidden' || !visible(el)) continue
      if (!named(el)) problems.push(`unlabelled ${el.tagName.toLowerCase()} ${el.name ?? ''}`)
    }
    for (const el of document.querySelectorAll('button, a[href]') as any) {
      if (!visible(el)) continue
      const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim()
      if (!name)
        problems.push(`${el.tagName.toLowerCase()} without a name: ${el.outerHTML.slice(0, 80)}`)
    }
    for (const img of document.querySelectorAll('img') as any) {
      if (!img.hasAttribute('alt')) problems.push(`img without alt: ${img.src}`)
    }
    const ids = [...document.querySelectorAll('[id]')].map((e: any) => e.id)
    const dup = ids.filter((id, i) => ids.indexOf(id) !== i)
    if (dup.length) problems.push(`duplicate ids: ${[...new Set(dup)].join(', ')}`)
    return problems
  })
}
