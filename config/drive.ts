import env from '#start/env'
import app from '@adonisjs/core/services/app'
import type { InferDriveDisks } from '@adonisjs/drive/types'
import { defineConfig, services } from '@adonisjs/drive'

/*
| Files live under a per-organisation prefix (`org/<organisationId>/…`): on local disk by
| default, or on any S3-compatible store (AWS, MinIO, Scaleway, OVH…) with DRIVE_DISK=s3.
*/
const s3 = services.s3({
  credentials: {
    accessKeyId: env.get('S3_ACCESS_KEY_ID', ''),
    secretAccessKey: env.get('S3_SECRET_ACCESS_KEY', ''),
  },
  region: env.get('S3_REGION', 'eu-west-1'),
  bucket: env.get('S3_BUCKET', 'vme'),
  endpoint: env.get('S3_ENDPOINT'),
  forcePathStyle: true,
  visibility: 'private',
})

/*
| The drive provider resolves every configured service at boot, and the S3 one loads
| the AWS SDK (~6 MB of heap, more in code) in every process. Nothing uses a disk by
| name (only the default one), so the s3 service is configured only when it is the
| default (DRIVE_DISK=s3).
*/
const driveConfig = defineConfig({
  default: env.get('DRIVE_DISK'),
  services: {
    fs: services.fs({
      location: app.makePath(app.inTest ? 'tmp/storage' : 'storage'),
      serveFiles: false,
      visibility: 'private',
    }),
    ...(env.get('DRIVE_DISK') === 's3' ? { s3 } : ({} as { s3?: typeof s3 })),
  },
})

export default driveConfig

declare module '@adonisjs/drive/types' {
  export interface DriveDisks extends InferDriveDisks<typeof driveConfig> {}
}
