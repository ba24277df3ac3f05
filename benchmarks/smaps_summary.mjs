/*
| Where a process's RSS is: `node benchmarks/smaps_summary.mjs <copy of /proc/<pid>/smaps>`
| (benchmarks/quick.ts writes them with QUICK_SMAPS). Groups the resident memory by
| mapping: the node binary by permission (code r-xp, read-only data r--p: V8's snapshot
| and ICU's data), glibc's main arena ([heap]), anonymous mappings by size (V8's heap
| pages are 256 KB each; thread arenas and stacks 1–64 MB; the code range ≥ 64 MB).
*/
import { readFileSync } from 'node:fs'

function anonymousSize(kb) {
  if (kb === 256) return '256 KB (V8 heap pages)'
  if (kb >= 65536) return '>= 64 MB'
  return kb >= 1024 ? '1-64 MB' : '< 1 MB'
}

const groups = new Map()
let mapping = null
for (const line of readFileSync(process.argv[2], 'utf8').split('\n')) {
  const header = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line)
  if (header) {
    const kb = (Number.parseInt(header[2], 16) - Number.parseInt(header[1], 16)) / 1024
    mapping = { perms: header[3], name: header[4], kb }
    continue
  }
  const rss = /^Rss:\s+(\d+) kB/.exec(line)
  if (!rss || !mapping) continue
  const { perms, name, kb } = mapping
  let key = name
  if (name.endsWith('/node')) key = `node binary ${perms}`
  else if (!name) key = `anonymous ${perms} ${anonymousSize(kb)}`
  groups.set(key, (groups.get(key) ?? 0) + Number(rss[1]))
}
let total = 0
for (const [key, kb] of [...groups].sort((a, b) => b[1] - a[1])) {
  total += kb
  if (kb >= 512) console.log(`${(kb / 1024).toFixed(1).padStart(7)} MB  ${key}`)
}
console.log(`${(total / 1024).toFixed(1).padStart(7)} MB  total`)
