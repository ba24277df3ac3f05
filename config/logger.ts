import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, targets } from '@adonisjs/core/logger'

export default defineConfig({
  default: 'app',
  loggers: {
    app: {
      enabled: true,
      name: 'vme',
      level: env.get('LOG_LEVEL'),
      // Never log credentials or tokens, whatever a caller passes.
      redact: {
        paths: ['password', '*.password', 'token', '*.token', 'headers.authorization'],
        censor: '[redacted]',
      },
      // Pretty output in development only. Elsewhere pino writes JSON to stdout in-process:
      // a transport would spawn a worker thread (a second V8 heap, ~35 MB per process).
      ...(app.inDev ? { transport: { targets: targets().push(targets.pretty()).toArray() } } : {}),
    },
  },
})
