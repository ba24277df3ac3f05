/*
| One memory-reducing garbage collection once the web process has loaded its code, just
| before it listens (the last preload of adonisrc.ts). Booting compiles ~1,200 modules and
| leaves V8 holding ~20 MB of freed heap pages in its page pool, committed for reuse, plus
| a heap sized for the boot's peak; only a memory-reducing collection gives them back to
| the system, and under steady load V8 never schedules one. ~55 ms, once, before the
| first request: idle RSS −16 MB, peak RSS under the units-list load −17 MB
| (benchmarks/NOTES.md). `gc` is exposed to this module only, not to the process.
*/
import v8 from 'node:v8'
import vm from 'node:vm'

type GcFunction = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void

v8.setFlagsFromString('--expose-gc')
const collect = vm.runInNewContext('gc') as GcFunction
v8.setFlagsFromString('--no-expose-gc')

collect({ type: 'major', execution: 'sync', flavor: 'last-resort' })
