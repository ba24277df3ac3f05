import { test } from '@japa/runner'
import { WEB_NODE_FLAGS } from '../../../scripts/web_node_flags.mjs'
import { RSS_MB_SOURCE, runChildScript } from '#tests/helpers/child_script'

/*
| The two V8 settings behind the web process's footprint (benchmarks/NOTES.md), each
| checked in a child process against its control, so that these tests fail if the
| setting stops doing what it is kept for.
*/
/*
| start/compact_heap.ts: freed heap pages stay in V8's page pool, resident, through
| ordinary collections; the memory-reducing collection gives them back.
*/
const poolScript = (compact: boolean) => `${RSS_MB_SOURCE}
import v8 from 'node:v8'
import vm from 'node:vm'
v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc')
let boot = []
for (let i = 0; i < 600000; i++) boot.push({ i, s: 'value-' + i, a: [i] })
boot = null
gc()
const before = rssMb()
${compact ? "await import('#start/compact_heap')" : 'gc()'}
console.log(before - rssMb())
`

/*
| --no-separate-gc-phases: with V8's default (no scavenge while a full GC marks), what a
| server allocates during the marking piles up in the old generation, is marked live
| and copied by the full GC. Measured as the bytes allocated since the previous
| collection when each full GC starts (`allocated` in --trace-gc-nvp), while ~25 MB of
| old objects turn over under a high rate of short-lived allocation.
*/
const churnScript = `
const live = []
for (let i = 0; i < 200000; i++) live.push({ id: i, name: 'row-' + i, tags: [i, i + 1] })
let sink = 0
let i = 0
function request() {
  const rows = []
  for (let k = 0; k < 100; k++) rows.push({ id: k, label: 'unit ' + k, at: new Date(k), values: [k, k * 2] })
  sink += JSON.stringify(rows).length
  if (++i % 20 === 0) live[(i * 7919) % live.length] = { id: i, name: 'row-' + i, tags: rows.slice(0, 2) }
}
const end = Date.now() + 2500
while (Date.now() < end) for (let n = 0; n < 50; n++) request()
console.error(sink > 0)
`

async function allocatedAtFullGcMb(flags: string[]) {
  const trace = await runChildScript(churnScript, { nodeArgs: [...flags, '--trace-gc-nvp'] })
  const sizes = [...trace.matchAll(/ gc=mc .*? allocated=(\d+)/g)].map(
    (m) => Number(m[1]) / 2 ** 20
  )
  sizes.sort((a, b) => a - b)
  return { median: sizes[Math.floor(sizes.length / 2)] ?? 0, count: sizes.length }
}

test.group('Perf: web process heap', () => {
  test('the boot compaction returns freed heap pages that ordinary collections keep', async ({
    assert,
  }) => {
    const released = Number(
      await runChildScript(poolScript(true), { nodeArgs: ['--import=@poppinss/ts-exec'] })
    )
    const control = Number(await runChildScript(poolScript(false)))
    assert.isAbove(released, 40, `RSS released by start/compact_heap.ts: ${released} MB`)
    assert.isBelow(control, 10, `RSS released by an ordinary full GC: ${control} MB`)
  }).timeout(60_000)

  test('young garbage does not pile into the old generation while a full GC marks', async ({
    assert,
  }) => {
    assert.include(WEB_NODE_FLAGS, '--no-separate-gc-phases')
    // A 1 MB young generation (the last flag wins) makes the bound sharp: with scavenges
    // during marking, what a full GC finds allocated since the previous GC stays within
    // about one semi-space, also on a loaded machine (measured 0.3–1.3 MB, control 5.9–12).
    const youngMb = 1
    const flags = [...WEB_NODE_FLAGS, `--max-semi-space-size=${youngMb}`]
    const shipped = await allocatedAtFullGcMb(flags)
    const v8Default = await allocatedAtFullGcMb(
      flags.filter((flag) => flag !== '--no-separate-gc-phases')
    )
    assert.isAbove(shipped.count, 0, 'full GCs during the churn')
    assert.isAbove(v8Default.count, 0, 'full GCs during the churn (control)')
    assert.isBelow(shipped.median, 2 * youngMb, `MB allocated at a full GC: ${shipped.median}`)
    assert.isAbove(v8Default.median, 3 * youngMb, `control: ${v8Default.median} MB`)
  }).timeout(60_000)
})
