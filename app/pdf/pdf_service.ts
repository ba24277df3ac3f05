import type { Browser, Page } from 'puppeteer-core'
import { ApiError } from '#exceptions/api_error'
import {
  chromiumAvailable,
  launchChromium,
  PdfUnavailableError,
  type LaunchedChromium,
} from '#pdf/chromium'

/*
| The core PDF service (ARCHITECTURE "Web"): HTML rendered by Debian's Chromium through
| puppeteer-core, with a small pool of warm pages shared by every module (and lent to
| the image thumbnailer). The browser starts on first use and stays up; a crashed
| browser or page is replaced on the next render. Without Chromium, renders fail with
| 503 E_PDF_UNAVAILABLE (never a 500).
*/
export { CHROMIUM_PATH, PdfUnavailableError } from '#pdf/chromium'
const POOL_SIZE = Math.max(1, Number(process.env.PDF_POOL_SIZE ?? 2))
const RENDER_TIMEOUT_MS = 30_000

export interface PdfOptions {
  /** Page numbers "x / y" at the bottom (default true). */
  pageNumbers?: boolean
  landscape?: boolean
  /** Small text printed left of the page number on every page (e.g. document reference). */
  footerText?: string
}

export const pdfAvailable = chromiumAvailable

class PdfPool {
  #browser: Promise<LaunchedChromium> | null = null
  #idle: Page[] = []
  #created = 0
  #waiters: ((page: Page) => void)[] = []
  /** Browsers launched and pages opened since start: a warm pool keeps both flat. */
  readonly counters = { launches: 0, pagesOpened: 0 }

  async #launch() {
    this.counters.launches++
    const launched = await launchChromium()
    launched.browser.on('disconnected', () => {
      this.#browser = null
      this.#idle = []
      this.#created = 0
    })
    return launched
  }

  async #browserInstance(): Promise<Browser> {
    this.#browser ??= this.#launch().catch((error) => {
      this.#browser = null
      throw error
    })
    const { browser } = await this.#browser
    return browser
  }

  async #acquire(): Promise<Page> {
    const browser = await this.#browserInstance()
    const idle = this.#idle.pop()
    if (idle && !idle.isClosed()) return idle
    if (this.#created < POOL_SIZE) {
      this.#created++
      try {
        this.counters.pagesOpened++
        const page = await browser.newPage()
        // Documents are self-contained: nothing may be fetched from the network.
        await page.setRequestInterception(true)
        page.on('request', (req) => {
          const url = req.url()
          if (url.startsWith('data:') || url === 'about:blank') req.continue()
          else req.abort()
        })
        return page
      } catch (error) {
        this.#created--
        throw error
      }
    }
    return new Promise((resolve) => this.#waiters.push(resolve))
  }

  #release(page: Page, broken: boolean) {
    if (broken || page.isClosed()) {
      this.#created--
      page.close().catch(() => {})
      // A waiter gets a fresh page on its own next acquire.
      const waiter = this.#waiters.shift()
      if (waiter) this.#acquire().then(waiter, () => {})
      return
    }
    const waiter = this.#waiters.shift()
    if (waiter) waiter(page)
    else this.#idle.push(page)
  }

  /** Pre-starts the browser and pages (benchmarks, worker start). */
  async warm() {
    const pages = await Promise.all(Array.from({ length: POOL_SIZE }, () => this.#acquire()))
    for (const p of pages) this.#release(p, false)
  }

  /**
   * Lends a warm page to `fn` (the thumbnailer), on a blank document first; a page whose
   * use failed is replaced, and the error is `fn`'s own (no Chromium: E_PDF_UNAVAILABLE).
   */
  async withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
    const page = await this.#acquire()
    let broken = false
    try {
      // Nothing of the previous document (its CSP, scripts, size) reaches the borrower.
      await page.goto('about:blank', { timeout: RENDER_TIMEOUT_MS })
      return await fn(page)
    } catch (error) {
      broken = true
      throw error
    } finally {
      this.#release(page, broken)
    }
  }

  /**
   * Renders `html` to an A4 PDF. A page or browser that breaks mid-render (a crashed
   * renderer, a closed target) is replaced and the render tried once more on a fresh
   * page before answering 503.
   */
  async render(html: string, options: PdfOptions = {}): Promise<Buffer> {
    try {
      return await this.#renderOnce(html, options)
    } catch (error) {
      if (error instanceof PdfUnavailableError && error.retryable) {
        return this.#renderOnce(html, options)
      }
      throw error
    }
  }

  async #renderOnce(html: string, options: PdfOptions): Promise<Buffer> {
    const page = await this.#acquire()
    let broken = false
    try {
      await page.setContent(html, { waitUntil: 'load', timeout: RENDER_TIMEOUT_MS })
      const footer =
        options.pageNumbers === false && !options.footerText
          ? '<div></div>'
          : `<div style="font-size:8px;width:100%;padding:0 16mm;color:#555;display:flex;justify-content:space-between;font-family:Helvetica,Arial,sans-serif">
             <span>${escapeHtml(options.footerText ?? '')}</span>
             <span>${options.pageNumbers === false ? '' : '<span class="pageNumber"></span> / <span class="totalPages"></span>'}</span>
           </div>`
      const pdf = await page.pdf({
        format: 'A4',
        landscape: options.landscape ?? false,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<div></div>',
        footerTemplate: footer,
        margin: { top: '16mm', bottom: '18mm', left: '16mm', right: '16mm' },
        timeout: RENDER_TIMEOUT_MS,
      })
      return Buffer.from(pdf)
    } catch (error) {
      broken = true
      if (error instanceof ApiError) throw error
      throw new PdfUnavailableError(`rendering failed (${(error as Error).message})`, {
        retryable: true,
      })
    } finally {
      this.#release(page, broken)
    }
  }

  async close() {
    const current = this.#browser
    this.#browser = null
    this.#idle = []
    this.#created = 0
    if (!current) return
    const launched = await current.catch(() => null)
    await launched?.close()
  }
}

const pdfPool = new PdfPool()

/** Renders a complete HTML document (see `pdfDocument`) to an A4 PDF. */
export function renderPdf(html: string, options?: PdfOptions): Promise<Buffer> {
  return pdfPool.render(html, options)
}

/** Runs `fn` on a warm page of the PDF pool (see PdfPool.withPage). */
export function withPooledPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
  return pdfPool.withPage(fn)
}

export function warmPdfPool() {
  return pdfPool.warm()
}

/** How many browsers and pages the pool has opened (tests of the warm pool). */
export function pdfPoolCounters() {
  return { ...pdfPool.counters, poolSize: POOL_SIZE }
}

export function closePdfPool() {
  return pdfPool.close()
}

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}
