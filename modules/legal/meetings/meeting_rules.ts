import { createHash } from 'node:crypto'

/*
| Pure rules of the general assembly (Civil Code art. 3.87–3.89), unit-tested without a
| database. Votes are integers (unit quotas), so every comparison is exact: no floats.
*/

export type Majority = 'absolute' | 'two_thirds' | 'four_fifths' | 'unanimity'
export type Choice = 'yes' | 'no' | 'abstain'
export const MAJORITIES: Majority[] = ['absolute', 'two_thirds', 'four_fifths', 'unanimity']
export const CHOICES: Choice[] = ['yes', 'no', 'abstain']

export const CONVOCATION_MIN_DAYS = 15
export const SECOND_MEETING_MIN_DAYS = 15
export const MINUTES_MAX_DAYS = 30
export const EXTRAORDINARY_REQUEST_SHARE = { num: 1, den: 5 }
export const CONVENE_ON_REQUEST_DAYS = 30
export const COUNCIL_MANDATORY_LOTS = 20

export interface QuorumInput {
  /** All co-owners (voting representatives) of the building and their votes. */
  totalOwners: number
  totalVotes: number
  /** Co-owners present or represented and their votes. */
  attendingOwners: number
  attendingVotes: number
}

export interface QuorumResult extends QuorumInput {
  reached: boolean
  /** Which branch of art. 3.87 §5 was met, if any. */
  rule: 'double_majority' | 'three_quarters_of_quotas' | null
  moreThanHalfOfOwners: boolean
  atLeastHalfOfVotes: boolean
  moreThanThreeQuartersOfVotes: boolean
}

/**
 * Quorum at the opening: (more than half of the co-owners AND at least half of the quotas)
 * OR more than three quarters of the quotas.
 */
export function computeQuorum(input: QuorumInput): QuorumResult {
  const moreThanHalfOfOwners = input.attendingOwners * 2 > input.totalOwners
  const atLeastHalfOfVotes = input.attendingVotes * 2 >= input.totalVotes && input.totalVotes > 0
  const moreThanThreeQuartersOfVotes = input.attendingVotes * 4 > input.totalVotes * 3
  const double = moreThanHalfOfOwners && atLeastHalfOfVotes
  return {
    ...input,
    reached: double || moreThanThreeQuartersOfVotes,
    rule: double
      ? 'double_majority'
      : moreThanThreeQuartersOfVotes
        ? 'three_quarters_of_quotas'
        : null,
    moreThanHalfOfOwners,
    atLeastHalfOfVotes,
    moreThanThreeQuartersOfVotes,
  }
}

export interface ProxyCheckInput {
  /** Proxies the holder already accepted for this meeting (not counting the new one). */
  heldProxies: number
  /** The holder's own votes (0 when not a co-owner). */
  holderOwnVotes: number
  /** Votes already delegated to the holder plus those of the new grantor. */
  delegatedVotes: number
  totalVotes: number
  /** The holder is the syndic or one of its staff. */
  holderIsSyndic: boolean
}

/** null when the proxy is allowed, else the message explaining the rule (→ 422). */
export function checkProxy(input: ProxyCheckInput): string | null {
  if (input.holderIsSyndic) {
    return 'The syndic and the members of its staff cannot hold a proxy (Civil Code art. 3.87 §7).'
  }
  const afterCount = input.heldProxies + 1
  if (afterCount <= 3) return null
  // Exception: more than three proxies are allowed while own + delegated votes ≤ 10 % of all votes.
  if ((input.holderOwnVotes + input.delegatedVotes) * 10 <= input.totalVotes) return null
  return `A proxy holder may accept at most 3 proxies unless their own votes plus the delegated votes do not exceed 10 % of the building's votes (${input.holderOwnVotes + input.delegatedVotes} of ${input.totalVotes} would exceed ${Math.floor(input.totalVotes / 10)}).`
}

export interface VoterBallot {
  /** The person actually casting (holder for proxies, else the co-owner). */
  voterKey: string
  choice: Choice
  votes: number
}

export interface CappedVoter {
  voterKey: string
  votes: number
  capped: number
  excess: number
}

/**
 * Vote cap (art. 3.87 §6): nobody, even as proxy holder, casts more votes than the sum of
 * the votes of the other co-owners present or represented. `weights` = votes per person
 * present or represented (proxies folded into their holder).
 */
export function applyVoteCap(weights: Map<string, number>): Map<string, CappedVoter> {
  const total = [...weights.values()].reduce((a, b) => a + b, 0)
  const out = new Map<string, CappedVoter>()
  for (const [key, votes] of weights) {
    const others = total - votes
    const capped = Math.min(votes, others)
    out.set(key, { voterKey: key, votes, capped, excess: votes - capped })
  }
  return out
}

export interface TallyInput {
  majority: Majority
  ballots: VoterBallot[]
  /** Votes per person present or represented, for the cap. */
  attendingWeights: Map<string, number>
  /** All votes of the building (unanimity base). */
  totalVotes: number
}

export interface Tally {
  majority: Majority
  yes: number
  no: number
  abstain: number
  cast: number
  totalVotes: number
  required: string
  adopted: boolean
  capped: { voterKey: string; votes: number; counted: number }[]
}

/**
 * The result of one resolution. Ballots of one person (several units, proxies) are scaled
 * down proportionally when the vote cap applies (largest-remainder, integers), then:
 * absolute/two_thirds/four_fifths on votes cast (abstentions excluded), unanimity on all
 * votes of the building (an absent co-owner counts as not agreeing).
 */
export function tally(input: TallyInput): Tally {
  const caps = applyVoteCap(input.attendingWeights)
  const byVoter = new Map<string, VoterBallot[]>()
  for (const b of input.ballots) {
    const list = byVoter.get(b.voterKey) ?? []
    list.push(b)
    byVoter.set(b.voterKey, list)
  }
  const sums = { yes: 0, no: 0, abstain: 0 }
  const capped: Tally['capped'] = []
  for (const [voter, ballots] of byVoter) {
    const raw = ballots.reduce((a, b) => a + b.votes, 0)
    const cap = caps.get(voter)
    const limit = cap ? Math.min(raw, cap.capped) : raw
    if (limit < raw) {
      capped.push({ voterKey: voter, votes: raw, counted: limit })
      // Scale each ballot, distributing the remainder to the largest fractions.
      const parts = ballots.map((b) => ({ b, exact: (b.votes * limit) / raw }))
      const floors = parts.map((p) => Math.floor(p.exact))
      let rest = limit - floors.reduce((a, b) => a + b, 0)
      const order = parts
        .map((p, i) => ({ i, frac: p.exact - floors[i] }))
        .sort((a, b) => b.frac - a.frac)
      for (const o of order) {
        if (rest <= 0) break
        floors[o.i] += 1
        rest -= 1
      }
      parts.forEach((p, i) => (sums[p.b.choice] += floors[i]))
    } else {
      for (const b of ballots) sums[b.choice] += b.votes
    }
  }
  const cast = sums.yes + sums.no
  let adopted: boolean
  let required: string
  switch (input.majority) {
    case 'absolute':
      adopted = sums.yes * 2 > cast
      required = 'more than 50 % of the votes cast'
      break
    case 'two_thirds':
      adopted = cast > 0 && sums.yes * 3 >= cast * 2
      required = 'at least two thirds of the votes cast'
      break
    case 'four_fifths':
      adopted = cast > 0 && sums.yes * 5 >= cast * 4
      required = 'at least four fifths of the votes cast'
      break
    case 'unanimity': {
      // Every vote of the building agreeing: the cap cannot turn "all agree" into a refusal.
      const rawYes = input.ballots
        .filter((b) => b.choice === 'yes')
        .reduce((a, b) => a + b.votes, 0)
      adopted = input.totalVotes > 0 && rawYes === input.totalVotes
      required = 'all the votes of the building'
      break
    }
  }
  return {
    majority: input.majority,
    ...sums,
    cast,
    totalVotes: input.totalVotes,
    required,
    adopted,
    capped,
  }
}

export interface ReceiptInput {
  previousReceipt: string
  resolutionId: string
  unitId: string
  choice: Choice
  votes: number
  castAt: string
}

export const GENESIS = '0'.repeat(64)

/** receipt = SHA-256(previous | resolution | unit | choice | votes | timestamp). */
export function voteReceipt(v: ReceiptInput): string {
  return createHash('sha256')
    .update(
      [v.previousReceipt, v.resolutionId, v.unitId, v.choice, String(v.votes), v.castAt].join('|')
    )
    .digest('hex')
}

export interface ChainRow extends Omit<ReceiptInput, 'previousReceipt'> {
  id: string
  seq: number
  previousReceipt: string
  receipt: string
}

export interface ChainVerification {
  valid: boolean
  count: number
  digest: string
  brokenAt: { voteId: string; seq: number; reason: 'previous_mismatch' | 'receipt_mismatch' } | null
}

/** Recomputes the chain in order; the first vote whose receipt does not match breaks it. */
export function verifyChain(rows: ChainRow[]): ChainVerification {
  let previous = GENESIS
  for (const row of rows) {
    if (row.previousReceipt !== previous) {
      return {
        valid: false,
        count: rows.length,
        digest: previous,
        brokenAt: { voteId: row.id, seq: row.seq, reason: 'previous_mismatch' },
      }
    }
    const expected = voteReceipt({ ...row, previousReceipt: previous })
    if (expected !== row.receipt) {
      return {
        valid: false,
        count: rows.length,
        digest: previous,
        brokenAt: { voteId: row.id, seq: row.seq, reason: 'receipt_mismatch' },
      }
    }
    previous = row.receipt
  }
  return { valid: true, count: rows.length, digest: previous, brokenAt: null }
}

/** Lots counted for the mandatory council: not cellars, garages or parking. */
export function countsAsLot(unitType: string) {
  return !['cellar', 'parking', 'storage'].includes(unitType)
}

/** Whole days between two instants (floor), for the 15/30-day rules. */
export function daysBetween(from: Date, to: Date) {
  return Math.floor((to.getTime() - from.getTime()) / 86_400_000)
}
