import { indexPages } from '@adonisjs/inertia'
import { defineConfig } from '@adonisjs/core/app'

const FEATURE_MODULES = ['gdpr', 'accounting', 'legal', 'community', 'iot'] as const

/**
 * Page-name types for a module's pages (`modules/<key>/ui/pages/x.vue` renders as
 * `<key>/x`), merged into the same `InertiaPages` interface as the core pages.
 */
function modulePagesIndex(key: string) {
  return {
    run(_: unknown, __: unknown, indexGenerator: any) {
      indexGenerator.add(`inertiaPages_${key}`, {
        source: `modules/${key}/ui/pages`,
        glob: ['**/*.vue'],
        output: `.adonisjs/server/pages_${key}.d.ts`,
        as(vfs: any, buffer: any, _meta: unknown, helpers: any) {
          const files: Record<string, string> = vfs.asList()
          buffer.writeLine(`import '@adonisjs/inertia/types'`)
          buffer.writeLine(
            `import type { VNodeProps, AllowedComponentProps, ComponentInstance } from 'vue'`
          )
          buffer.writeLine(
            `type ExtractProps<T> = Omit<ComponentInstance<T>['$props'], keyof VNodeProps | keyof AllowedComponentProps>`
          )
          buffer.write(`declare module '@adonisjs/inertia/types' {`).indent()
          buffer.write(`export interface InertiaPages {`).indent()
          for (const name of Object.keys(files)) {
            const type = `ExtractProps<(typeof import('${helpers.toImportPath(files[name])}'))['default']>`
            buffer.write(`'${key}/${name}': ${type}`)
          }
          buffer.dedent().write(`}`)
          buffer.dedent().write(`}`)
        },
      })
    },
  }
}

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

  preloads: [
    // Before the kernel: its server middleware (security headers) runs first, as before.
    () => import('#start/hardening'),
    () => import('#start/routes'),
    () => import('#start/kernel'),
    // Last: the code is loaded, the server not yet listening.
    { file: () => import('#start/compact_heap'), environment: ['web'] },
  ],

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
    init: [
      indexPages({ framework: 'vue3', source: 'resources/inertia/pages' }),
      ...FEATURE_MODULES.map(modulePagesIndex),
    ],
    buildStarting: [() => import('@adonisjs/vite/build_hook')],
  },
})
