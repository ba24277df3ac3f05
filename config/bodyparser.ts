import { defineConfig } from '@adonisjs/core/bodyparser'

export default defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  // Size limits: bigger bodies get 413 before any parsing (uploads: multipart below).
  form: {
    convertEmptyStringsToNull: true,
    limit: '256kb',
    types: ['application/x-www-form-urlencoded'],
  },
  json: {
    convertEmptyStringsToNull: true,
    limit: '1mb',
    types: [
      'application/json',
      'application/json-patch+json',
      'application/vnd.api+json',
      'application/csp-report',
    ],
  },
  multipart: {
    autoProcess: true,
    convertEmptyStringsToNull: true,
    // Document uploads stream themselves (size counted → 422 on `file`, not a bare 413).
    processManually: ['/api/v1/documents'],
    limit: '20mb',
    types: ['multipart/form-data'],
  },
})
