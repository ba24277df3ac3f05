import drive from '@adonisjs/drive/services/main'
import { TenantJob, type TenantPayload } from '#jobs/tenant_job'
import legalConfig from '#config/legal'
import { table } from '../services/common.js'
import { renderThumbnail, thumbnailAvailable } from '#pdf/image_thumbnail'

/** Makes the WebP thumbnail of one uploaded photo (idempotent: skips when it exists). */
export default class PhotoThumbnailJob extends TenantJob<TenantPayload & { photoId: string }> {
  moduleKey = 'legal'

  async handle() {
    const row = await table('legal_photos').where('id', this.payload.photoId).first()
    if (!row) return { skipped: 'missing' }
    if (row.thumbnail_key) return { skipped: 'exists' }
    if (!(await thumbnailAvailable())) return { skipped: 'no_chromium' }
    const bytes = Buffer.from(await drive.use().getBytes(row.storage_key))
    const thumb = await renderThumbnail(bytes, row.mime_type, legalConfig.photos.thumbnailWidth)
    const key = row.storage_key.replace(/\.[a-z]+$/, '') + '.thumb.webp'
    await drive.use().put(key, thumb, { contentType: 'image/webp' })
    await table('legal_photos').where('id', row.id).update({ thumbnail_key: key })
    return { thumbnail: key, bytes: thumb.length }
  }
}
