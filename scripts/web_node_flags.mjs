import { availableParallelism } from 'node:os'

/*
| V8 flags of the web process (PostgreSQL mode), shared by `npm start` / `npm run demo`
| (scripts/run.mjs) and the benchmarks that measure the web process as they run it.
| - 4 MB semi-spaces: a small young generation (RSS; larger ones cost the availability
|   endpoint's tail, benchmarks/NOTES.md).
| - Old generation capped at 128 MB, ~3x the live heap (~45 MB): V8 then sizes the heap
|   against the cap instead of growing it to ~200 MB between major collections; peak RSS
|   under the units-list load ~280 → ~175 MB, no measurable CPU cost.
| - GC helper threads: one per core besides the main thread (Node's default is 4 whatever
|   the machine). On 2 vCPUs, 4 threads marking and sweeping beside the main thread,
|   PostgreSQL and the clients stalled the server for 40–100 ms at each major collection;
|   with 1, p99 at half saturation of the units list 24–28 → 11–17 ms (NOTES.md).
| Embedded mode runs the server inside scripts/run.mjs, capped at 64 MB by the npm scripts.
*/
const gcHelperThreads = Math.max(1, Math.min(4, availableParallelism() - 1))

export const WEB_NODE_FLAGS = [
  '--max-semi-space-size=4',
  '--max-old-space-size=128',
  `--v8-pool-size=${gcHelperThreads}`,
]
