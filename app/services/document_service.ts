import { createHash, randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, readFile, rm } from 'node:fs/promises'
import { once } from 'node:events'
import path from 'node:path'
import type { Readable } from 'node:stream'
import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import drive from '@adonisjs/drive/services/main'
import Document from '#models/document'
import Building from '#models/building'
import { ApiError } from '#exceptions/api_error'
import { currentTenant } from '#tenancy/tenant_context'
import { detectFileType, type FileKind, type FileType } from '#services/file_type'

/*
| Documents of an organisation: stored on the drive disk under
| `org/<organisationId>/documents/<uuid>.<ext>`, typed by their content (magic bytes),
| with a SHA-256 checksum. The database row and the stored object live and die together:
| a rolled-back upload removes its object, a committed delete removes it too.
*/
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
/** Hard cap of the upload stream; between the two limits the answer is a clean 422. */
export const UPLOAD_STREAM_LIMIT = '100mb'
export const ALLOWED_KINDS: FileKind[] = ['pdf', 'png', 'jpeg', 'webp', 'docx', 'xlsx']

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export interface ReceivedUpload {
  tmpPath: string
  clientName: string
  size: number
  checksum: string
  tooLarge: boolean
}

/** Keeps the client's base name only: no directories, no control characters, ≤ 255 chars. */
export function safeFileName(raw: string | undefined | null, fallbackExt: string): string {
  const base = path.basename(String(raw ?? '').replace(/\\/g, '/'))
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim()
  return (clean || `document.${fallbackExt}`).slice(0, 255)
}

async function streamPart(part: Readable, target: string, report: (chunk: Buffer) => unknown) {
  const hash = createHash('sha256')
  const out = createWriteStream(target)
  let size = 0
  let tooLarge = false
  try {
    for await (const chunk of part as AsyncIterable<Buffer>) {
      await report(chunk)
      size += chunk.length
      if (size > MAX_DOCUMENT_BYTES) {
        // Keep draining the request so the client receives our answer, write nothing more.
        tooLarge = true
        continue
      }
      hash.update(chunk)
      if (!out.write(chunk)) await once(out, 'drain')
    }
  } finally {
    out.end()
    await once(out, 'close')
  }
  return { size, checksum: hash.digest('hex'), tooLarge }
}

/**
 * Reads the multipart body of an upload request (route processed manually, see
 * start/routes/platform.ts): the `file` part goes to a temporary file while its size and
 * checksum are computed; other fields land in `ctx.request.all()`.
 */
export async function receiveUpload(ctx: HttpContext): Promise<ReceivedUpload | null> {
  // Not a multipart request (JSON, empty body…): there is no file.
  const multipart = (ctx.request as { multipart?: HttpContext['request']['multipart'] }).multipart
  if (!multipart || multipart.state !== 'idle') return null
  const dir = app.tmpPath('uploads')
  await mkdir(dir, { recursive: true })
  let received: ReceivedUpload | null = null
  const tmpFiles: string[] = []
  multipart.onFile('file', {}, async (part, report) => {
    // One file per request: a second `file` part is read and dropped.
    if (received) {
      for await (const chunk of part as AsyncIterable<Buffer>) await report(chunk)
      return {}
    }
    const tmpPath = path.join(dir, randomUUID())
    tmpFiles.push(tmpPath)
    const result = await streamPart(part, tmpPath, report)
    received = { tmpPath, clientName: part.filename ?? '', ...result }
    return { tmpPath }
  })
  try {
    await multipart.process({ limit: UPLOAD_STREAM_LIMIT })
  } catch (error) {
    await Promise.all(tmpFiles.map((f) => rm(f, { force: true })))
    throw error
  }
  return received
}

/** Validates and stores an upload in the current tenant; always removes the temp file. */
export async function storeDocument(
  upload: ReceivedUpload | null,
  input: { buildingId?: unknown; uploadedBy: string | null }
): Promise<Document> {
  try {
    if (!upload || upload.size === 0)
      throw ApiError.validation('file', 'A non-empty file is required')
    if (upload.tooLarge) {
      throw ApiError.validation(
        'file',
        `The file must not exceed ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`
      )
    }

    let buildingId: string | null = null
    if (input.buildingId !== undefined && input.buildingId !== null && input.buildingId !== '') {
      const building =
        typeof input.buildingId === 'string' && UUID.test(input.buildingId)
          ? await Building.query().where('id', input.buildingId).first()
          : null
      if (!building) throw ApiError.validation('buildingId', 'Unknown building')
      buildingId = building.id
    }

    const bytes = await readFile(upload.tmpPath)
    const type: FileType | null = detectFileType(bytes)
    if (!type || !ALLOWED_KINDS.includes(type.kind)) {
      throw ApiError.validation(
        'file',
        `Unsupported file type${type ? ` (${type.ext})` : ''}: allowed are PDF, PNG, JPEG, WebP, DOCX and XLSX`
      )
    }

    const { organisationId, trx } = currentTenant()
    const id = randomUUID()
    const storageKey = `org/${organisationId}/documents/${id}.${type.ext}`
    const disk = drive.use()
    await disk.put(storageKey, bytes, { contentType: type.mime })
    // If the request's transaction rolls back, the stored object must go too.
    trx.after('rollback', () => disk.delete(storageKey).catch(() => {}))

    return await Document.create({
      id,
      buildingId,
      name: safeFileName(upload.clientName, type.ext),
      storageKey,
      mimeType: type.mime,
      size: upload.size,
      checksum: upload.checksum,
      uploadedBy: input.uploadedBy,
    })
  } finally {
    if (upload) await rm(upload.tmpPath, { force: true })
  }
}

export async function findDocument(id: string): Promise<Document> {
  const document = await Document.query().where('id', id).first()
  if (!document) throw ApiError.notFound()
  return document
}

export async function openDocumentStream(document: Document): Promise<Readable> {
  return drive.use().getStream(document.storageKey)
}

/** Deletes the row now and the stored object once the deletion is committed. */
export async function deleteDocument(document: Document) {
  const { trx } = currentTenant()
  await document.delete()
  const key = document.storageKey
  trx.after('commit', () =>
    drive
      .use()
      .delete(key)
      .catch(() => {})
  )
}

/** `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266 / 5987). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}
