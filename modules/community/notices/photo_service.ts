import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { dispatch } from '#jobs/dispatcher'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { detectFileType } from '#services/file_type'
import {
  deleteDocument,
  findDocument,
  openDocumentStream,
  storeDocument,
} from '#services/document_service'
import { isUuid, tenant, type Actor } from '../shared/context.js'
import { iso } from '../shared/format.js'
import { assertAuthorOrStaff, canSee, findNotice } from './notice_access.js'
import { thumbnailKey } from './photo_keys.js'

/*
| Notice photos: 1–5 per notice, JPEG/PNG/WebP decided by the bytes (magic numbers),
| ≤ 5 MB, stored through the core document service (drive disk, checksum, rollback-safe).
| After upload a job (jobs/photo_thumbnail_job) renders a WebP thumbnail ≤ 320 px with the
| core `#pdf/image_thumbnail` and puts it on the same drive disk under a key derived from
| the photo id (no extra column: existence of the object = thumbnail ready). Until then
| `?size=thumb` serves the original.
*/
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024
export const MAX_PHOTOS = 5
const KINDS = ['jpeg', 'png', 'webp']
export const THUMBNAIL_WIDTH = 320

export { thumbnailKey }

export function thumbnailJobId(photoId: string) {
  return `community_photo_thumbnail_${photoId}`
}

function dropThumbnailAfterCommit(organisationId: string, photoId: string) {
  const key = thumbnailKey(organisationId, photoId)
  tenant().trx.after('commit', () =>
    drive
      .use()
      .delete(key)
      .catch(() => {})
  )
}

export function serializePhoto(p: any, doc: { mime_type?: string; size?: number } = {}) {
  return {
    id: p.id,
    noticeId: p.notice_id,
    position: p.position,
    mimeType: doc.mime_type ?? null,
    size: doc.size !== undefined ? Number(doc.size) : null,
    url: `/api/v1/photos/${p.id}/file`,
    thumbnailUrl: `/api/v1/photos/${p.id}/file?size=thumb`,
    createdAt: iso(p.created_at),
  }
}

export async function addPhoto(ctx: HttpContext, actor: Actor, noticeId: string) {
  const { trx, organisationId } = tenant()
  const notice = await findNotice(actor, noticeId, { forUpdate: true })
  assertAuthorOrStaff(actor, notice)
  const file = ctx.request.file('file')
  if (!file || !file.tmpPath || !file.size)
    throw ApiError.validation('file', 'A photo file is required')
  if (file.size > MAX_PHOTO_BYTES) throw ApiError.validation('file', 'A photo must not exceed 5 MB')
  const bytes = await readFile(file.tmpPath)
  const type = detectFileType(bytes)
  if (!type || !KINDS.includes(type.kind))
    throw ApiError.validation('file', 'Photos must be JPEG, PNG or WebP images')
  const [{ n }] = await trx
    .from('community_notice_photos')
    .where('organisation_id', organisationId)
    .where('notice_id', notice.id)
    .count('* as n')
  if (Number(n) >= MAX_PHOTOS)
    throw ApiError.validation('file', `A notice has at most ${MAX_PHOTOS} photos`)
  const document = await storeDocument(
    {
      tmpPath: file.tmpPath,
      clientName: file.clientName,
      size: file.size,
      checksum: createHash('sha256').update(bytes).digest('hex'),
      tooLarge: false,
    },
    { buildingId: notice.building_id, uploadedBy: actor.userId }
  )
  const [row] = await trx
    .table('community_notice_photos')
    .insert({
      organisation_id: organisationId,
      notice_id: notice.id,
      document_id: document.id,
      position: Number(n),
    })
    .returning('*')
  // Enqueued after commit by the dispatcher; the jobId makes it idempotent.
  await dispatch(
    'community.photo_thumbnail',
    { organisationId, photoId: row.id },
    { jobId: thumbnailJobId(row.id) }
  )
  await audit(ctx, {
    action: 'community.notice.photo_add',
    subjectType: 'community_notice',
    subjectId: notice.id,
    metadata: { photoId: row.id, mimeType: document.mimeType, size: document.size },
  })
  return serializePhoto(row, { mime_type: document.mimeType, size: document.size })
}

export async function listPhotos(actor: Actor, noticeId: string) {
  const { trx, organisationId } = tenant()
  const notice = await findNotice(actor, noticeId)
  const rows = await trx
    .from('community_notice_photos as p')
    .join('documents as d', 'd.id', 'p.document_id')
    .where('p.organisation_id', organisationId)
    .where('p.notice_id', notice.id)
    .orderBy('p.position')
    .orderBy('p.created_at')
    .select('p.*', 'd.mime_type', 'd.size')
  return { data: rows.map((r: any) => serializePhoto(r, r)) }
}

/** The photo row and its notice, if the actor (or, with null, the public) may see it. */
export async function findPhoto(actor: Actor | null, id: unknown) {
  const { trx, organisationId } = tenant()
  if (!isUuid(id)) throw ApiError.notFound()
  const photo = await trx
    .from('community_notice_photos')
    .where('organisation_id', organisationId)
    .where('id', id)
    .first()
  if (!photo) throw ApiError.notFound()
  const notice = await trx
    .from('community_notices')
    .where('organisation_id', organisationId)
    .where('id', photo.notice_id)
    .first()
  const visible = actor
    ? await canSee(actor, notice)
    : notice.visibility === 'public' && notice.status === 'published' && !notice.hidden
  if (!visible) throw ApiError.notFound()
  return { photo, notice }
}

/** The photo's bytes as a stream: its thumbnail when asked and ready, else the original. */
export async function photoStream(photo: any, thumb = false) {
  const document = await findDocument(photo.document_id)
  if (thumb) {
    const key = thumbnailKey(photo.organisation_id, photo.id)
    const disk = drive.use()
    if (await disk.exists(key)) return { mimeType: 'image/webp', stream: await disk.getStream(key) }
  }
  return { mimeType: document.mimeType, stream: await openDocumentStream(document) }
}

export async function deletePhoto(ctx: HttpContext, actor: Actor, id: string) {
  const { photo, notice } = await findPhoto(actor, id)
  assertAuthorOrStaff(actor, notice)
  const document = await findDocument(photo.document_id)
  await deleteDocument(document) // the photo row goes with it (FK cascade)
  dropThumbnailAfterCommit(photo.organisation_id, photo.id)
  await audit(ctx, {
    action: 'community.notice.photo_delete',
    subjectType: 'community_notice',
    subjectId: notice.id,
    metadata: { photoId: id },
  })
}

/** Used when a notice is deleted: its photo documents go too. */
export async function deleteNoticePhotos(noticeId: string) {
  const { trx, organisationId } = tenant()
  const rows = await trx
    .from('community_notice_photos')
    .where('organisation_id', organisationId)
    .where('notice_id', noticeId)
    .select('id', 'document_id')
  for (const r of rows) {
    await deleteDocument(await findDocument(r.document_id))
    dropThumbnailAfterCommit(organisationId, r.id)
  }
}
