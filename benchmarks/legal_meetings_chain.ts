/*
| General assemblies: cost of the pure rules on a large building.
|   npx node --import=@poppinss/ts-exec benchmarks/legal_meetings_chain.ts
| - building the vote chain (receipts) and verifying it: 400 units × 25 resolutions
|   = 10 000 votes (what GET /meetings/:id/vote-chain recomputes, minus the query);
| - tallying one resolution of 400 units with the vote cap (what close computes).
| Prints median of 5 runs.
*/
import {
  GENESIS,
  tally,
  verifyChain,
  voteReceipt,
  type ChainRow,
} from '../modules/legal/meetings/meeting_rules.js'

const UNITS = 400
const RESOLUTIONS = 25

function median(values: number[]) {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

function buildChain(): ChainRow[] {
  const rows: ChainRow[] = []
  let previous = GENESIS
  let seq = 0
  for (let r = 0; r < RESOLUTIONS; r++) {
    for (let u = 0; u < UNITS; u++) {
      const row = {
        id: `v${seq}`,
        seq: ++seq,
        resolutionId: `r${r}`,
        unitId: `u${u}`,
        choice: (['yes', 'no', 'abstain'] as const)[(u + r) % 3],
        votes: 10 + (u % 40),
        castAt: new Date(1_780_000_000_000 + seq * 1000).toISOString(),
      }
      const receipt = voteReceipt({ ...row, previousReceipt: previous })
      rows.push({ ...row, previousReceipt: previous, receipt })
      previous = receipt
    }
  }
  return rows
}

const build: number[] = []
const verify: number[] = []
const tallies: number[] = []
let rows: ChainRow[] = []
for (let i = 0; i < 5; i++) {
  let t = performance.now()
  rows = buildChain()
  build.push(performance.now() - t)
  t = performance.now()
  const result = verifyChain(rows)
  verify.push(performance.now() - t)
  if (!result.valid) throw new Error('chain should hold')
  const weights = new Map<string, number>()
  for (let u = 0; u < UNITS; u++) weights.set(`o${u}`, 10 + (u % 40))
  weights.set('o0', 9000) // one big holder: the cap applies
  const ballots = [...weights.entries()].map(([voterKey, votes], u) => ({
    voterKey,
    votes,
    choice: (['yes', 'no', 'abstain'] as const)[u % 3],
  }))
  t = performance.now()
  tally({ majority: 'two_thirds', ballots, attendingWeights: weights, totalVotes: 20_000 })
  tallies.push(performance.now() - t)
}
const n = rows.length
console.log(`votes in chain            ${n}`)
console.log(
  `build receipts (median)   ${median(build).toFixed(1)} ms  (${((median(build) * 1000) / n).toFixed(2)} µs/vote)`
)
console.log(
  `verify chain (median)     ${median(verify).toFixed(1)} ms  (${((median(verify) * 1000) / n).toFixed(2)} µs/vote)`
)
console.log(`tally 400 units + cap     ${median(tallies).toFixed(2)} ms`)
