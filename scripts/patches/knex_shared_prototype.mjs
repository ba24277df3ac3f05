/*
| knex: one shared prototype for the query methods of every knex instance.
|
| knex builds a new `knex` function for every transaction (makeTransactor -> makeKnex) and
| gives it ~150 own closures plus the property definitions and EventEmitter methods
| (redefineProperties): ~25 KB per transaction, the largest allocation of a tenant
| request, and one V8 promoted to the old generation (measured with the sampling heap
| profiler; benchmarks/NOTES.md). Here those live on one shared prototype; each instance
| keeps only its own state (context, client, userParams, events, internal listeners).
| Same names and the same precedence (query methods < definitions < EventEmitter);
| `withUserParams` still clones through redefineProperties, which is unchanged.
| Applied by scripts/apply_patches.mjs (postinstall); tests/unit/knex_patch.spec.ts.
*/
export default {
  package: 'knex',
  version: '3.3.0',
  file: 'lib/knex-builder/make-knex.js',
  before:
    "function makeKnex(client) {\n  // The object we're potentially using to kick off an initial chain.\n  function knex(tableName, options) {\n    return createQueryBuilder(knex.context, tableName, options);\n  }\n\n  redefineProperties(knex, client);\n  return knex;\n}\n\n",
  after:
    "function makeKnex(client) {\n  // The object we're potentially using to kick off an initial chain.\n  function knex(tableName, options) {\n    return createQueryBuilder(knex.context, tableName, options);\n  }\n\n  // [vme patch] The query methods, property definitions and EventEmitter methods live on\n  // one shared prototype instead of ~150 closures and a dictionary of own properties per\n  // instance: every transaction makes an instance, and redefineProperties() was the\n  // largest allocation of a request (~25 KB). Same behaviour: same names, same order of\n  // precedence (query methods, then definitions, then EventEmitter).\n  Object.setPrototypeOf(knex, knexPrototype());\n  initInstance(knex, client);\n  return knex;\n}\n\nlet sharedPrototype = null;\nlet sharedMethods = 0;\n\nfunction knexPrototype() {\n  if (!sharedPrototype) {\n    sharedPrototype = Object.create(Function.prototype);\n    Object.defineProperties(sharedPrototype, KNEX_PROPERTY_DEFINITIONS);\n    for (const key in EventEmitter.prototype) {\n      sharedPrototype[key] = EventEmitter.prototype[key];\n    }\n  }\n  // `QueryBuilder.extend(..)` appends to QueryInterface: added when the next instance is made\n  // (unpatched, only instances made after the extend had them; here every instance does).\n  for (; sharedMethods < QueryInterface.length; sharedMethods++) {\n    const method = QueryInterface[sharedMethods];\n    if (method in sharedPrototype) continue;\n    sharedPrototype[method] = function () {\n      const builder = this.queryBuilder();\n      return builder[method].apply(builder, arguments);\n    };\n  }\n  return sharedPrototype;\n}\n\nfunction initInstance(knex, client) {\n  initContext(knex);\n  knex.client = client;\n  knex.userParams = {};\n  EventEmitter.call(knex);\n  knex._internalListeners = [];\n  _addInternalListener(knex, 'start', (obj) => {\n    knex.emit('start', obj);\n  });\n  _addInternalListener(knex, 'query', (obj) => {\n    knex.emit('query', obj);\n  });\n  _addInternalListener(knex, 'query-error', (err, obj) => {\n    knex.emit('query-error', err, obj);\n  });\n  _addInternalListener(knex, 'query-response', (response, obj, builder) => {\n    knex.emit('query-response', response, obj, builder);\n  });\n}\n\n",
}
