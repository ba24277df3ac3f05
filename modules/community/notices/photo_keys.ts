/** Drive key of a photo's WebP thumbnail (tenant-prefixed like every stored object). */
export function thumbnailKey(organisationId: string, photoId: string) {
  return `org/${organisationId}/community/thumbnails/${photoId}.webp`
}
