import { createHash, randomUUID } from 'node:crypto'
import { readFile, rm } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { ApiError } from '#exceptions/api_error'
import { detectFileType } from '#services/file_type'
import { safeFileName, type ReceivedUpload } from '#services/document_service'
import { dispatch } from '#jobs/dispatcher'
import legalConfig from '#config/legal'
import { actorId, insert, isoTime, table, tenant } from './common.js'

/*
| Photos of tickets and work reports: JPEG, PNG or WebP by their magic bytes (the
| client's type and name are not trusted), ≤ 10 MB each, ≤ 20 per report. Stored on
| the drive disk; a thumbnail is made in the background (jobs/photo_thumbnail_job).
*/
export const PHOTO_KINDS = ['jpeg', 'png', 'webp']

/** The multipart `file` part (auto-processed by the body parser) as an upload. */
export async function uploadedFile(ctx: HttpContext): Promise<ReceivedUpload | null> {
  const file = ctx.request.file('file')
  if (!file || !file.tmpPath) return null
  const bytes = await readFile(file.tmpPath)
  return {
    tmpPath: file.tmpPath,
    clientName: file.clientName,
    size: bytes.length,
    checksum: createHash('sha256').update(bytes).digest('hex'),
    tooLarge: false,
  }
}

export function serializePhoto(row: Record<string, any>, base: string) {
  return {
    id: row.id,
    name: row.name,
    mimeType: row.mime_type,
    size: Number(row.size),
    url: `${base}/${row.id}`,
    thumbnailUrl: `${base}/${row.id}?size=thumb`,
    hasThumbnail: !!row.thumbnail_key,
    createdAt: isoTime(row.created_at),
  }
}

export async function addPhoto(
  ctx: HttpContext,
  subjectType: 'work_report' | 'ticket',
  subjectId: string,
  maxCount: number
) {
  const upload = await uploadedFile(ctx)
  try {
    if (!upload || upload.size === 0) throw ApiError.validation('file', 'A photo file is required')
    if (upload.size > legalConfig.photos.maxBytes)
      throw ApiError.validation('file', 'A photo must not exceed 10 MB')
    const bytes = await readFile(upload.tmpPath)
    const type = detectFileType(bytes)
    if (!type || !PHOTO_KINDS.includes(type.kind))
      throw ApiError.validation('file', 'A photo must be a JPEG, PNG or WebP image')
    const count = await table('legal_photos')
      .where('subject_type', subjectType)
      .where('subject_id', subjectId)
      .count('* as total')
      .first()
    if (Number(count?.total ?? 0) >= maxCount)
      throw ApiError.validation('file', `At most ${maxCount} photos`)
    const { organisationId, trx } = tenant()
    const id = randomUUID()
    const key = `org/${organisationId}/legal/photos/${id}.${type.ext}`
    const disk = drive.use()
    await disk.put(key, bytes, { contentType: type.mime })
    trx.after('rollback', () => disk.delete(key).catch(() => {}))
    const row = await insert('legal_photos', {
      id,
      subject_type: subjectType,
      subject_id: subjectId,
      storage_key: key,
      mime_type: type.mime,
      size: bytes.length,
      name: safeFileName(upload.clientName, type.ext),
      uploaded_by: actorId(ctx),
    })
    await dispatch(
      'legal.photo_thumbnail',
      { organisationId, photoId: id },
      { jobId: `legal_photo_thumbnail_${id}` }
    )
    return row
  } finally {
    if (upload) await rm(upload.tmpPath, { force: true })
  }
}

export async function listPhotos(subjectType: 'work_report' | 'ticket', subjectId: string) {
  return table('legal_photos')
    .where('subject_type', subjectType)
    .where('subject_id', subjectId)
    .select('*')
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
}

/** A photo's bytes (the thumbnail when asked and ready, else the original). */
export async function photoBytes(
  subjectType: 'work_report' | 'ticket',
  subjectId: string,
  photoId: string,
  thumb: boolean
) {
  const row = await table('legal_photos')
    .where('subject_type', subjectType)
    .where('subject_id', subjectId)
    .where('id', photoId)
    .first()
  if (!row) throw ApiError.notFound('Photo not found')
  const useThumb = thumb && row.thumbnail_key
  const bytes = Buffer.from(
    await drive.use().getBytes(useThumb ? row.thumbnail_key : row.storage_key)
  )
  return { bytes, mime: useThumb ? 'image/webp' : row.mime_type, row }
}
