import { withPooledPage } from '#pdf/pdf_service'
import { chromiumAvailable } from '#pdf/chromium'

// Browser globals used inside page.evaluate (the server tsconfig has no DOM lib).
declare const createImageBitmap: (blob: Blob) => Promise<{ width: number; height: number }>
declare const OffscreenCanvas: any

/*
| Core image thumbnails without an image library: headless Chromium decodes the photo
| (JPEG/PNG/WebP) and re-encodes it downscaled to WebP on an OffscreenCanvas. It borrows
| a warm page of the PDF pool (same browser, same launch, no second Chromium); the
| pool's pages fetch nothing from the network, and `data:` URLs are all this needs.
*/

/** True when thumbnails can be rendered here (Chromium installed). */
export const thumbnailAvailable = chromiumAvailable

/**
 * A WebP at most `maxWidth` px wide (never upscaled). Without Chromium it throws
 * 503 `E_PDF_UNAVAILABLE` (callers that prefer to skip check `thumbnailAvailable()`).
 */
export async function renderThumbnail(
  bytes: Buffer,
  mime: string,
  maxWidth = 320
): Promise<Buffer> {
  const base64 = await withPooledPage((page) =>
    page.evaluate(
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
  )
  return Buffer.from(base64, 'base64')
}
