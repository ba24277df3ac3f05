import puppeteer, { type Browser } from 'puppeteer-core'
import { CHROMIUM_PATH, PdfUnavailableError, pdfAvailable } from '#pdf/pdf_service'

// Browser globals used inside page.evaluate (the server tsconfig has no DOM lib).
declare const createImageBitmap: (blob: Blob) => Promise<{ width: number; height: number }>
declare const OffscreenCanvas: any

/*
| Core image thumbnails without an image library: headless Chromium (the same binary as
| the PDF service) decodes the photo (JPEG/PNG/WebP) and re-encodes it downscaled to WebP
| on an OffscreenCanvas. The PDF pool does not lend its pages, so this keeps one warm
| browser of its own, started on first use (only job workers ever start it).
*/
let browser: Promise<Browser> | null = null

async function instance(): Promise<Browser> {
  browser ??= puppeteer
    .launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    })
    .then((b) => {
      b.on('disconnected', () => (browser = null))
      return b
    })
    .catch((error) => {
      browser = null
      throw error
    })
  return browser
}

/** True when thumbnails can be rendered here (Chromium installed). */
export const thumbnailAvailable = pdfAvailable

/**
 * A WebP at most `maxWidth` px wide (never upscaled). Without Chromium it throws
 * 503 `E_PDF_UNAVAILABLE` (callers that prefer to skip check `thumbnailAvailable()`).
 */
export async function renderThumbnail(
  bytes: Buffer,
  mime: string,
  maxWidth = 320
): Promise<Buffer> {
  if (!(await pdfAvailable())) throw new PdfUnavailableError(`no Chromium at ${CHROMIUM_PATH}`)
  const chromium = await instance()
  const page = await chromium.newPage()
  try {
    const base64: string = await page.evaluate(
      async (data: string, type: string, max: number) => {
        const response = await fetch(`data:${type};base64,${data}`)
        const blob = await response.blob()
        const bitmap = await createImageBitmap(blob)
        const scale = Math.min(1, max / bitmap.width)
        const canvas = new OffscreenCanvas(
          Math.max(1, Math.round(bitmap.width * scale)),
          Math.max(1, Math.round(bitmap.height * scale))
        )
        canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
        const out = await canvas.convertToBlob({ type: 'image/webp', quality: 0.8 })
        const buf = new Uint8Array(await out.arrayBuffer())
        let s = ''
        for (let i = 0; i < buf.length; i += 0x8000)
          s += String.fromCharCode(...buf.subarray(i, i + 0x8000))
        return btoa(s)
      },
      bytes.toString('base64'),
      mime,
      maxWidth
    )
    return Buffer.from(base64, 'base64')
  } finally {
    await page.close().catch(() => {})
  }
}

/** Closes the thumbnail browser (provider shutdown); safe to call when never started. */
export async function closeThumbnailBrowser() {
  const current = browser
  browser = null
  if (!current) return
  const running = await current.catch(() => null)
  await running?.close().catch(() => {})
}
