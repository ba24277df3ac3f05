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
| - Scavenges while a full GC marks (V8's default before V8 13: `separate_gc_phases`).
|   With the default, no young collection runs during the ~100 ms a full GC marks under
|   load, and the 20–25 MB a busy server allocates meanwhile goes to the old generation,
|   is marked live and copied by that GC: pauses of 13–25 ms, a heap that settles at
|   ~80 MB instead of ~55. With this flag: 3–4 ms, peak RSS under the units-list load
|   ~166 → ~140 MB (NOTES.md; tests/functional/perf/web_process_heap.spec.ts).
| Embedded mode runs the server inside scripts/run.mjs, capped at 64 MB by the npm scripts.
*/
const gcHelperThreads = Math.max(1, Math.min(4, availableParallelism() - 1))

export const WEB_NODE_FLAGS = [
  '--max-semi-space-size=4',
  '--max-old-space-size=128',
  `--v8-pool-size=${gcHelperThreads}`,
  '--no-separate-gc-phases',
]

/*
| glibc malloc settings for the long-running Node processes (web and worker), set in their
| environment by scripts/run.mjs and the benchmarks. A fixed mmap threshold (glibc's own
| default, 128 KB) turns off its dynamic raising: after the first 16 MB scrypt buffer of a
| password hash is freed, glibc raises the threshold to 16 MB, and every later hash's
| buffer then comes from the arena of the libuv thread that ran it and stays resident.
| Four concurrent logins five times: RSS +65 MB without it, +1.5 MB with it
| (tests/functional/perf/password_hash_rss.spec.ts). 32 KB rather than 128 KB: V8's
| compiler and parser zones grow in segments of up to 32 KB; the largest then come from
| mmap and go back at once instead of staying in a thread's arena (malloc'd memory at
| peak under load ~28 → ~23 MB; ~50 mmap calls per second, no measurable CPU). An
| explicit value in the environment wins.
*/
export const NODE_MALLOC_ENV = { MALLOC_MMAP_THRESHOLD_: '32768' }
