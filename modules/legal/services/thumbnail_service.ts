import puppeteer, { type Browser } from 'puppeteer-core'
import { CHROMIUM_PATH, pdfAvailable } from '#pdf/pdf_service'

// Browser globals used inside page.evaluate (the server tsconfig has no DOM lib).
declare const createImageBitmap: (blob: Blob) => Promise<{ width: number; height: number }>
declare const OffscreenCanvas: any

/*
| Thumbnails without an image library: the worker's headless Chromium (the same binary
| as the PDF service) decodes the photo (JPEG/PNG/WebP) and re-encodes it downscaled to
| WebP on an OffscreenCanvas. One browser, started on first use, kept warm.
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

/** A WebP at most `width` px wide (never upscaled), or null without Chromium. */
export async function makeThumbnail(
  bytes: Buffer,
  mime: string,
  width: number
): Promise<Buffer | null> {
  if (!(await pdfAvailable())) return null
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
      width
    )
    return Buffer.from(base64, 'base64')
  } finally {
    await page.close().catch(() => {})
  }
}

export async function closeThumbnailBrowser() {
  const current = browser
  browser = null
  if (!current) return
  const running = await current.catch(() => null)
  await running?.close().catch(() => {})
}
