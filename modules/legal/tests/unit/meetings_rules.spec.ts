import { test } from '@japa/runner'
import {
  applyVoteCap,
  checkProxy,
  computeQuorum,
  countsAsLot,
  GENESIS,
  tally,
  verifyChain,
  voteReceipt,
  type ChainRow,
  type VoterBallot,
} from '../../meetings/meeting_rules.js'

/* Building of the issue: four co-owners with 100/150/250/500 of 1000 quotas. */
const quotas = { a: 100, b: 150, c: 250, d: 500 }
function quorumOf(present: (keyof typeof quotas)[]) {
  return computeQuorum({
    totalOwners: 4,
    totalVotes: 1000,
    attendingOwners: present.length,
    attendingVotes: present.reduce((s, k) => s + quotas[k], 0),
  })
}

test.group('meetings: quorum (art. 3.87 §5)', () => {
  test('only the 500 present → no quorum (1 of 4 co-owners, exactly half the quotas)', ({
    assert,
  }) => {
    const q = quorumOf(['d'])
    assert.isFalse(q.reached)
    assert.isFalse(q.moreThanHalfOfOwners)
    assert.isTrue(q.atLeastHalfOfVotes)
    assert.isNull(q.rule)
  })
  test('100+150+250 present → quorum (3 of 4 co-owners, half the quotas)', ({ assert }) => {
    const q = quorumOf(['a', 'b', 'c'])
    assert.isTrue(q.reached)
    assert.equal(q.rule, 'double_majority')
    assert.equal(q.attendingVotes, 500)
  })
  test('250+100 present → no quorum', ({ assert }) => {
    assert.isFalse(quorumOf(['c', 'a']).reached)
  })
  test('more than three quarters of the quotas suffice alone', ({ assert }) => {
    const q = computeQuorum({
      totalOwners: 10,
      totalVotes: 1000,
      attendingOwners: 1,
      attendingVotes: 751,
    })
    assert.isTrue(q.reached)
    assert.equal(q.rule, 'three_quarters_of_quotas')
    assert.isFalse(
      computeQuorum({ totalOwners: 10, totalVotes: 1000, attendingOwners: 1, attendingVotes: 750 })
        .reached
    )
  })
  test('exactly half of the co-owners is not more than half', ({ assert }) => {
    assert.isFalse(
      computeQuorum({ totalOwners: 4, totalVotes: 1000, attendingOwners: 2, attendingVotes: 700 })
        .reached
    )
  })
})

test.group('meetings: proxies (art. 3.87 §7)', () => {
  const base = { holderOwnVotes: 10, totalVotes: 1000, holderIsSyndic: false }
  test('a third proxy is fine, a fourth is refused above 10 %', ({ assert }) => {
    assert.isNull(checkProxy({ ...base, heldProxies: 2, delegatedVotes: 300 }))
    const msg = checkProxy({ ...base, heldProxies: 3, delegatedVotes: 400 })
    assert.match(msg!, /at most 3 proxies/)
    assert.match(msg!, /10 %/)
  })
  test('a fourth proxy is allowed when own + delegated ≤ 10 % of all votes', ({ assert }) => {
    assert.isNull(checkProxy({ ...base, heldProxies: 3, delegatedVotes: 90 }))
    assert.isNotNull(checkProxy({ ...base, heldProxies: 3, delegatedVotes: 91 }))
  })
  test('the syndic cannot hold a proxy, even one', ({ assert }) => {
    const msg = checkProxy({ ...base, heldProxies: 0, delegatedVotes: 10, holderIsSyndic: true })
    assert.match(msg!, /syndic/)
  })
})

function ballots(list: [string, 'yes' | 'no' | 'abstain', number][]): VoterBallot[] {
  return list.map(([voterKey, choice, votes]) => ({ voterKey, choice, votes }))
}
function weightsOf(list: [string, unknown, number][]) {
  const m = new Map<string, number>()
  for (const [k, , v] of list) m.set(k, (m.get(k) ?? 0) + v)
  return m
}

test.group('meetings: majorities on votes cast', () => {
  test('absolute: abstentions are not cast votes', ({ assert }) => {
    const list: [string, any, number][] = [
      ['a', 'yes', 200],
      ['b', 'no', 150],
      ['c', 'abstain', 300],
    ]
    const r = tally({
      majority: 'absolute',
      ballots: ballots(list),
      attendingWeights: weightsOf(list),
      totalVotes: 1000,
    })
    assert.equal(r.cast, 350)
    assert.isTrue(r.adopted)
  })
  test('absolute: a tie is rejected', ({ assert }) => {
    const list: [string, any, number][] = [
      ['a', 'yes', 200],
      ['b', 'no', 200],
      ['c', 'abstain', 100],
    ]
    assert.isFalse(
      tally({
        majority: 'absolute',
        ballots: ballots(list),
        attendingWeights: weightsOf(list),
        totalVotes: 1000,
      }).adopted
    )
  })
  test('two thirds: exactly 2/3 passes, below fails, abstentions aside', ({ assert }) => {
    const pass: [string, any, number][] = [
      ['a', 'yes', 200],
      ['b', 'no', 100],
      ['c', 'abstain', 250],
    ]
    assert.isTrue(
      tally({
        majority: 'two_thirds',
        ballots: ballots(pass),
        attendingWeights: weightsOf(pass),
        totalVotes: 1000,
      }).adopted
    )
    const fail: [string, any, number][] = [
      ['a', 'yes', 199],
      ['b', 'no', 101],
      ['c', 'abstain', 250],
    ]
    assert.isFalse(
      tally({
        majority: 'two_thirds',
        ballots: ballots(fail),
        attendingWeights: weightsOf(fail),
        totalVotes: 1000,
      }).adopted
    )
  })
  test('four fifths: 400 yes / 100 no passes, 399/101 fails', ({ assert }) => {
    const pass: [string, any, number][] = [
      ['a', 'yes', 400],
      ['b', 'no', 100],
      ['c', 'abstain', 300],
    ]
    assert.isTrue(
      tally({
        majority: 'four_fifths',
        ballots: ballots(pass),
        attendingWeights: weightsOf(pass),
        totalVotes: 1000,
      }).adopted
    )
    const fail: [string, any, number][] = [
      ['a', 'yes', 399],
      ['b', 'no', 101],
      ['c', 'abstain', 300],
    ]
    assert.isFalse(
      tally({
        majority: 'four_fifths',
        ballots: ballots(fail),
        attendingWeights: weightsOf(fail),
        totalVotes: 1000,
      }).adopted
    )
  })
  test('unanimity counts an absent co-owner as not agreeing', ({ assert }) => {
    const list: [string, any, number][] = [
      ['a', 'yes', 100],
      ['b', 'yes', 150],
      ['c', 'yes', 250],
    ]
    const r = tally({
      majority: 'unanimity',
      ballots: ballots(list),
      attendingWeights: weightsOf(list),
      totalVotes: 1000,
    })
    assert.isFalse(r.adopted)
    const all: [string, any, number][] = [...list, ['d', 'yes', 500]]
    // d holds half the votes: capped to the others' 500 → still all the building's votes.
    assert.isTrue(
      tally({
        majority: 'unanimity',
        ballots: ballots(all),
        attendingWeights: weightsOf(all),
        totalVotes: 1000,
      }).adopted
    )
  })
})

test.group('meetings: vote cap (art. 3.87 §6)', () => {
  test('nobody casts more than the others present or represented', ({ assert }) => {
    const caps = applyVoteCap(
      new Map([
        ['big', 600],
        ['x', 150],
        ['y', 100],
      ])
    )
    assert.deepEqual(caps.get('big'), { voterKey: 'big', votes: 600, capped: 250, excess: 350 })
    assert.equal(caps.get('x')!.excess, 0)
  })
  test('the tally shows the capped figures and the excess is dropped', ({ assert }) => {
    const list: [string, any, number][] = [
      ['big', 'yes', 600],
      ['x', 'no', 150],
      ['y', 'no', 100],
    ]
    const r = tally({
      majority: 'absolute',
      ballots: ballots(list),
      attendingWeights: weightsOf(list),
      totalVotes: 1000,
    })
    assert.equal(r.yes, 250)
    assert.equal(r.no, 250)
    assert.isFalse(r.adopted)
    assert.deepEqual(r.capped, [{ voterKey: 'big', votes: 600, counted: 250 }])
  })
  test('a proxy holder’s ballots are scaled down together, integers summing to the cap', ({
    assert,
  }) => {
    const list: [string, any, number][] = [
      ['h', 'yes', 333],
      ['h', 'no', 334],
      ['z', 'no', 300],
    ]
    const r = tally({
      majority: 'absolute',
      ballots: ballots(list),
      attendingWeights: weightsOf(list),
      totalVotes: 1000,
    })
    assert.equal(r.yes + r.no - 300, 300)
  })
})

test.group('meetings: vote chain', () => {
  function chain(n: number) {
    const rows: ChainRow[] = []
    let prev = GENESIS
    for (let i = 1; i <= n; i++) {
      const row = {
        id: `v${i}`,
        seq: i,
        resolutionId: 'r1',
        unitId: `u${i}`,
        choice: 'yes' as const,
        votes: 100 + i,
        castAt: `2026-12-01T20:0${i}:00.000Z`,
      }
      const receipt = voteReceipt({ ...row, previousReceipt: prev })
      rows.push({ ...row, previousReceipt: prev, receipt })
      prev = receipt
    }
    return rows
  }
  test('receipt is SHA-256 over previous, resolution, unit, choice, votes, timestamp', ({
    assert,
  }) => {
    const r = voteReceipt({
      previousReceipt: GENESIS,
      resolutionId: 'r',
      unitId: 'u',
      choice: 'no',
      votes: 5,
      castAt: 't',
    })
    assert.match(r, /^[0-9a-f]{64}$/)
    assert.notEqual(
      r,
      voteReceipt({
        previousReceipt: GENESIS,
        resolutionId: 'r',
        unitId: 'u',
        choice: 'yes',
        votes: 5,
        castAt: 't',
      })
    )
  })
  test('an intact chain holds and its digest is the last receipt', ({ assert }) => {
    const rows = chain(4)
    const v = verifyChain(rows)
    assert.isTrue(v.valid)
    assert.equal(v.digest, rows[3].receipt)
  })
  test('an altered vote breaks the chain at that vote', ({ assert }) => {
    const rows = chain(4)
    rows[2] = { ...rows[2], choice: 'no' }
    const v = verifyChain(rows)
    assert.isFalse(v.valid)
    assert.deepEqual(v.brokenAt, { voteId: 'v3', seq: 3, reason: 'receipt_mismatch' })
  })
  test('a deleted vote breaks the chain at the next one', ({ assert }) => {
    const rows = chain(4)
    rows.splice(1, 1)
    assert.equal(verifyChain(rows).brokenAt!.voteId, 'v3')
  })
})

test.group('meetings: council lots', () => {
  test('cellars, parking and storage are not lots for the council threshold', ({ assert }) => {
    assert.isTrue(countsAsLot('apartment'))
    assert.isFalse(countsAsLot('cellar'))
    assert.isFalse(countsAsLot('parking'))
  })
})
