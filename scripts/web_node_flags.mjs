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

/*
| glibc malloc settings for the long-running Node processes (web and worker), set in their
| environment by scripts/run.mjs and the benchmarks. A fixed mmap threshold (glibc's own
| default, 128 KB) turns off its dynamic raising: after the first 16 MB scrypt buffer of a
| password hash is freed, glibc raises the threshold to 16 MB, and every later hash's
| buffer then comes from the arena of the libuv thread that ran it and stays resident.
| Four concurrent logins five times: RSS +65 MB without it, +1.5 MB with it
| (tests/functional/perf/password_hash_rss.spec.ts). An explicit value in the
| environment wins.
*/
export const NODE_MALLOC_ENV = { MALLOC_MMAP_THRESHOLD_: '131072' }
