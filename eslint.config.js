import { configApp } from '@adonisjs/eslint-config'

/** `obj.x = function/arrow` inside a function, also through a TypeScript `as`/`satisfies`. */
function pretenuredClosureSelectors() {
  const fn = ':matches(FunctionExpression, ArrowFunctionExpression)'
  const assign = ':function AssignmentExpression[left.type="MemberExpression"]'
  const message =
    'V8 pretenures a function literal assigned to a property: inside a function that runs per call, it keeps its context alive until a full GC. Define it in an object literal or a local first.'
  return [
    `${assign} > ${fn}.right`,
    `${assign} > :matches(TSAsExpression, TSSatisfiesExpression).right > ${fn}.expression`,
  ].map((selector) => ({ selector, message }))
}

export default configApp(
  {
    ignores: [
      'public/**',
      'build/**',
      'tmp/**',
      'storage/**',
      '.adonisjs/**',
      'resources/inertia/**',
      'modules/*/ui/**',
    ],
  },
  {
    // V8 allocates a function literal assigned to a property (`obj.x = () => …`) in the old
    // generation (it expects a method set up once); inside a function that runs per request
    // the closure then keeps its young context alive until the next full GC
    // (benchmarks/NOTES.md). Define per-call closures in an object literal or a local.
    files: [
      'app/**/*.ts',
      'modules/**/*.ts',
      'start/**/*.ts',
      'config/**/*.ts',
      'providers/**/*.ts',
    ],
    ignores: ['modules/*/tests/**'],
    rules: {
      'no-restricted-syntax': ['error', ...pretenuredClosureSelectors()],
    },
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
