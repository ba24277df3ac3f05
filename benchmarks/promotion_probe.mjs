/*
| Preload for heap investigations (`node --import=./benchmarks/promotion_probe.mjs`): when
| PROMOTION_PROBE_FILE is set, samples allocations with V8's sampling heap profiler from
| PROMOTION_PROBE_DELAY seconds (10) for PROMOTION_PROBE_SECONDS (10), keeping only objects
| NOT collected by a scavenge (promoted, or allocated in the old generation directly), and
| writes the top allocation sites to that file. Not used by `npm start`.
*/
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'

/** Bytes the scavenges promoted, from `--trace-gc-nvp` output, after `afterMs` of the process's life. */
export function scavengePromotedBytes(trace, afterMs = 0) {
  let bytes = 0
  for (const m of trace.matchAll(/(\d+) ms: .*? gc=s .*? promoted=(\d+)/g))
    if (Number(m[1]) > afterMs) bytes += Number(m[2])
  return bytes
}

/** Top allocation sites of a sampling heap profile: "size MB  function file:line < caller". */
export function topSites(profile, limit = 25) {
  const sizes = new Map()
  for (const s of profile.samples) sizes.set(s.nodeId, (sizes.get(s.nodeId) ?? 0) + s.size)
  const bySite = new Map()
  let total = 0
  const walk = (node, caller) => {
    const f = node.callFrame
    const name = f.functionName || '(anonymous)'
    const site = `${name} ${f.url.replace(/.*node_modules\//, '').replace(/.*\/build\//, '')}:${f.lineNumber} < ${caller}`
    const self = sizes.get(node.id) ?? 0
    if (self) {
      total += self
      bySite.set(site, (bySite.get(site) ?? 0) + self)
    }
    for (const child of node.children) walk(child, `${name}:${f.lineNumber}`)
  }
  walk(profile.head, '')
  const mb = (n) => (n / 2 ** 20).toFixed(2)
  const lines = [...bySite]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([site, size]) => `${mb(size).padStart(7)} MB  ${site}`)
  return { total, lines }
}

/** Starts sampling survivors of scavenges; returns a function that stops and reports. */
export async function sampleSurvivors() {
  const session = new Session()
  session.connect()
  await session.post('HeapProfiler.enable')
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: false,
  })
  return async () => {
    const { profile } = await session.post('HeapProfiler.stopSampling')
    session.disconnect()
    return topSites(profile)
  }
}

const file = process.env.PROMOTION_PROBE_FILE
if (file) {
  const delay = Number(process.env.PROMOTION_PROBE_DELAY ?? 10)
  const seconds = Number(process.env.PROMOTION_PROBE_SECONDS ?? 10)
  setTimeout(async () => {
    const stop = await sampleSurvivors()
    setTimeout(async () => {
      const { total, lines } = await stop()
      const mb = (total / 2 ** 20).toFixed(2)
      writeFileSync(file, `survivors of scavenges in ${seconds} s: ${mb} MB\n${lines.join('\n')}\n`)
    }, seconds * 1000).unref()
  }, delay * 1000).unref()
}
