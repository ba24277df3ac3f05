import { access, constants, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'puppeteer-core'
import { ApiError } from '#exceptions/api_error'

/*
| The one way the app starts headless Chromium (Debian's, through puppeteer-core): where
| the binary is, the flags, and a fresh profile directory per browser that is removed
| when the browser closes or dies. The PDF pool (and through it the thumbnailer) and the
| browser test suite use it.
*/
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
]

/** 503 E_PDF_UNAVAILABLE: no Chromium here, or it failed (never a 500). */
export class PdfUnavailableError extends ApiError {
  /** The browser was there but a render broke: worth one more try on a fresh page. */
  readonly retryable: boolean

  constructor(reason: string, options: { retryable?: boolean } = {}) {
    super(
      503,
      'E_PDF_UNAVAILABLE',
      `PDF rendering is unavailable: ${reason}. Install Debian's Chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`
    )
    this.retryable = options.retryable ?? false
  }
}

/** True when the Chromium binary is installed and executable. */
export async function chromiumAvailable(): Promise<boolean> {
  try {
    await access(CHROMIUM_PATH, constants.X_OK)
    return true
  } catch {
    return false
  }
}

export interface LaunchedChromium {
  browser: Browser
  /** Closes the browser and removes its profile directory (idempotent). */
  close(): Promise<void>
}

/**
 * Starts a headless Chromium with its own temporary profile. Throws
 * PdfUnavailableError when the binary is missing or does not start.
 */
export async function launchChromium(
  options: { defaultViewport?: { width: number; height: number } } = {}
): Promise<LaunchedChromium> {
  if (!(await chromiumAvailable())) throw new PdfUnavailableError(`no Chromium at ${CHROMIUM_PATH}`)
  const profile = await mkdtemp(join(tmpdir(), 'vme-chromium-'))
  const removeProfile = () => rm(profile, { recursive: true, force: true }).catch(() => {})
  let browser: Browser
  try {
    // Imported here, not at the top: ~4.5 MB of heap that a web process which renders
    // no PDF never needs.
    const { default: puppeteer } = await import('puppeteer-core')
    browser = await puppeteer.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS, `--user-data-dir=${profile}`],
      ...options,
    })
  } catch (error) {
    await removeProfile()
    throw new PdfUnavailableError(`Chromium did not start (${(error as Error).message})`)
  }
  // A crashed browser leaves its profile behind too.
  browser.once('disconnected', () => void removeProfile())
  let closing: Promise<void> | null = null
  return {
    browser,
    close() {
      closing ??= browser
        .close()
        .catch(() => {})
        .then(removeProfile)
      return closing
    },
  }
}
