/*
| Preload for RSS investigations (`node --import=./benchmarks/mem_probe.mjs`): when
| MEM_PROBE_FILE is set, appends the peak of process.memoryUsage() (and V8 heap spaces)
| seen so far to that file every 500 ms. Not used by `npm start`.
*/
import { appendFileSync } from 'node:fs'
import v8 from 'node:v8'

const file = process.env.MEM_PROBE_FILE
if (file) {
  let peak = { rss: 0 }
  setInterval(() => {
    const m = process.memoryUsage()
    if (m.rss > peak.rss) {
      const spaces = Object.fromEntries(
        v8.getHeapSpaceStatistics().map((s) => [s.space_name, +(s.space_size / 2 ** 20).toFixed(1)])
      )
      peak = { ...m, spaces }
      const mb = (n) => +(n / 2 ** 20).toFixed(1)
      appendFileSync(
        file,
        JSON.stringify({
          rss: mb(m.rss),
          heapTotal: mb(m.heapTotal),
          heapUsed: mb(m.heapUsed),
          external: mb(m.external),
          arrayBuffers: mb(m.arrayBuffers),
          spaces,
        }) + '\n'
      )
    }
  }, 500).unref()
}
