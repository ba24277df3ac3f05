/*
| V8 (Node 24) pretenures a function literal assigned to a property: in `o.f = () => x`
| the closure is allocated in the old generation, because the parser expects a method set
| up once (`Foo.prototype.bar = function …`). Inside code that runs per request, that old
| closure is dead a moment later, but until the next full GC the scavenger still treats
| what it points to (its context, so `x` and everything `x` reaches) as alive, and
| promotes it. The same closure in an object literal, or bound to a local first, is not
| pretenured. This is what knex's transactions and pg's promise queries did
| (scripts/patches/, benchmarks/NOTES.md).
|
|   npx node benchmarks/pretenured_closure.mjs
| runs each shape in a child with `--trace-gc-nvp` and prints what the scavenges promoted.
*/
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { scavengePromotedBytes } from './promotion_probe.mjs'

const shapes = {
  'o.f = () => big          (assigned)': (big) => {
    const o = {}
    o.f = () => big.length
    return o
  },
  '{ f: () => big }         (literal)': (big) => ({ f: () => big.length }),
  'const f = () => big; o.f = f (local)': (big) => {
    const f = () => big.length
    const o = {}
    o.f = f
    return o
  },
}

const shape = process.argv[2]
if (shape) {
  // 2 objects of 32 KB per 2 ms for 3 s, each dead as soon as it is made.
  const make = shapes[shape]
  const until = performance.now() + 3000
  let made = 0
  while (performance.now() < until) {
    for (let i = 0; i < 2; i++, made++) make(new Array(4000).fill(0)).f()
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
  console.log(`made=${made}`)
} else {
  const script = fileURLToPath(import.meta.url)
  for (const name of Object.keys(shapes)) {
    const trace = execFileSync(
      process.execPath,
      [
        '--max-semi-space-size=4',
        '--no-allocation-site-pretenuring',
        '--trace-gc-nvp',
        script,
        name,
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }
    )
    const promoted = scavengePromotedBytes(trace)
    const arrays = Number(/made=(\d+)/.exec(trace)?.[1]) * 4000 * 8
    const mb = (n) => (n / 2 ** 20).toFixed(1)
    console.log(`${name}: ${mb(promoted)} MB promoted of ${mb(arrays)} MB of arrays`)
  }
}
