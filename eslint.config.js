import { configApp } from '@adonisjs/eslint-config'

export default configApp(
  {
    ignores: ['public/**', 'build/**', 'tmp/**', 'storage/**', '.adonisjs/**', 'resources/inertia/**', 'modules/*/ui/**'],
  },
  {
    // A module reaches another only through its index.ts (ARCHITECTURE.md "Modules").
    files: ['modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['#modules/*/*', '!#modules/*/index', '!#modules/*/index.js'],
              message: 'Import another module only through #modules/<key>/index',
            },
          ],
        },
      ],
    },
  }
)
