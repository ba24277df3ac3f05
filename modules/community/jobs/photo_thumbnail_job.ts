import drive from '@adonisjs/drive/services/main'
import { TenantJob, type TenantPayload } from '#jobs/tenant_job'
import { renderThumbnail, thumbnailAvailable } from '#pdf/image_thumbnail'
import { findDocument } from '#services/document_service'
import { tenant } from '../shared/context.js'
import { THUMBNAIL_WIDTH, thumbnailKey } from '../notices/photo_service.js'

/** Makes the WebP thumbnail of one notice photo (idempotent: skips when it exists). */
export default class PhotoThumbnailJob extends TenantJob<TenantPayload & { photoId: string }> {
  moduleKey = 'community'

  async handle() {
    const { trx, organisationId } = tenant()
    const photo = await trx
      .from('community_notice_photos')
      .where('organisation_id', organisationId)
      .where('id', this.payload.photoId)
      .first()
    if (!photo) return { skipped: 'missing' }
    const key = thumbnailKey(organisationId, photo.id)
    const disk = drive.use()
    if (await disk.exists(key)) return { skipped: 'exists' }
    if (!(await thumbnailAvailable())) return { skipped: 'no_chromium' }
    const document = await findDocument(photo.document_id)
    const bytes = Buffer.from(await disk.getBytes(document.storageKey))
    const thumb = await renderThumbnail(bytes, document.mimeType, THUMBNAIL_WIDTH)
    await disk.put(key, thumb, { contentType: 'image/webp' })
    return { thumbnail: key, bytes: thumb.length }
  }
}
