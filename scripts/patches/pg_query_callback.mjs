/*
| pg: no pretenured closure per query.
|
| V8's parser marks a function literal assigned to a property (`query.callback = (err,
| res) => ...`) as pretenured: the closure is allocated in the old generation, and the
| young objects it holds (the query's promise, its resolve/reject, the awaiting caller)
| then survive every scavenge until the next full GC. `client.query()` without a callback
| did this once per query. Here the closure is bound to a local first (not pretenured).
| Same behaviour. Applied by scripts/apply_patches.mjs (postinstall).
*/
export default {
  package: 'pg',
  version: '8.23.1',
  file: 'lib/client.js',
  before:
    '        result = new this._Promise((resolve, reject) => {\n          query.callback = (err, res) => (err ? reject(err) : resolve(res))\n        })',
  after:
    '        result = new this._Promise((resolve, reject) => {\n          // [vme patch] Not `query.callback = (err, res) => ...`: V8 pretenures a function\n          // literal assigned to a property, and this old closure kept the young promise\n          // chain of every query alive until the next full GC (scripts/patches/pg_query_callback.mjs).\n          const settle = (err, res) => (err ? reject(err) : resolve(res))\n          query.callback = settle\n        })',
}
