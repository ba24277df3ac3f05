import { indexPages } from '@adonisjs/inertia'
import { defineConfig } from '@adonisjs/core/app'

const FEATURE_MODULES = ['gdpr', 'accounting', 'legal', 'community', 'iot'] as const

export default defineConfig({
  experimental: {},

  commands: [
    () => import('@adonisjs/core/commands'),
    () => import('@adonisjs/lucid/commands'),
    () => import('@adonisjs/session/commands'),
    () => import('@adonisjs/inertia/commands'),
  ],

  providers: [
    () => import('@adonisjs/core/providers/app_provider'),
    () => import('@adonisjs/core/providers/hash_provider'),
    { file: () => import('@adonisjs/core/providers/repl_provider'), environment: ['repl', 'test'] },
    () => import('@adonisjs/core/providers/vinejs_provider'),
    () => import('@adonisjs/core/providers/edge_provider'),
    () => import('@adonisjs/session/session_provider'),
    () => import('@adonisjs/vite/vite_provider'),
    () => import('@adonisjs/shield/shield_provider'),
    () => import('@adonisjs/static/static_provider'),
    () => import('@adonisjs/lucid/database_provider'),
    () => import('@adonisjs/cors/cors_provider'),
    () => import('@adonisjs/inertia/inertia_provider'),
    () => import('@adonisjs/auth/auth_provider'),
    () => import('@adonisjs/redis/redis_provider'),
    () => import('@adonisjs/limiter/limiter_provider'),
    () => import('@adonisjs/mail/mail_provider'),
    () => import('@adonisjs/drive/drive_provider'),
    () => import('#providers/app_provider'),
    // Feature modules: each registers its manifest, routes, listeners and jobs.
    () => import('./modules/gdpr/provider.js'),
    () => import('./modules/accounting/provider.js'),
    () => import('./modules/legal/provider.js'),
    () => import('./modules/community/provider.js'),
    () => import('./modules/iot/provider.js'),
  ],

  preloads: [() => import('#start/routes'), () => import('#start/kernel')],

  tests: {
    suites: [
      {
        name: 'unit',
        files: [
          'tests/unit/**/*.spec.ts',
          ...FEATURE_MODULES.map((m) => `modules/${m}/tests/unit/**/*.spec.ts`),
        ],
        timeout: 5000,
      },
      {
        name: 'functional',
        files: [
          'tests/functional/**/*.spec.ts',
          'tests/contracts/**/*.spec.ts',
          ...FEATURE_MODULES.map((m) => `modules/${m}/tests/functional/**/*.spec.ts`),
        ],
        timeout: 60000,
      },
      {
        name: 'browser',
        files: [
          'tests/browser/**/*.spec.ts',
          ...FEATURE_MODULES.map((m) => `modules/${m}/tests/browser/**/*.spec.ts`),
        ],
        timeout: 120000,
      },
    ],
    forceExit: true,
  },

  metaFiles: [
    { pattern: 'resources/views/**/*.edge', reloadServer: false },
    { pattern: 'public/**', reloadServer: false },
  ],

  hooks: {
    init: [indexPages({ framework: 'vue3', source: 'resources/inertia/pages' })],
    buildStarting: [() => import('@adonisjs/vite/build_hook')],
  },
})
