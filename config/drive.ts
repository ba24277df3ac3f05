import env from '#start/env'
import app from '@adonisjs/core/services/app'
import type { InferDriveDisks } from '@adonisjs/drive/types'
import { defineConfig, services } from '@adonisjs/drive'

/*
| Files live under a per-organisation prefix (`org/<organisationId>/…`) on local disk.
| An S3-compatible disk is one `services.s3()` entry away (needs @aws-sdk/client-s3).
*/
const driveConfig = defineConfig({
  default: env.get('DRIVE_DISK'),
  services: {
    fs: services.fs({
      location: app.makePath(app.inTest ? 'tmp/storage' : 'storage'),
      serveFiles: false,
      visibility: 'private',
    }),
  },
})

export default driveConfig

declare module '@adonisjs/drive/types' {
  export interface DriveDisks extends InferDriveDisks<typeof driveConfig> {}
}
