import { ApiError } from '#exceptions/api_error'
import { preparedFromKnex } from '#services/prepared_statements'
import { trxQuery } from '#tenancy/tenant_context'
import { activeOwnersOfBuildingSql, findBuilding, tenant, type Actor } from '../shared/context.js'
import { skillJson } from './skill_service.js'

/*
| Skills search of a building (SPEC §8): French and Dutch full text, accent-insensitive,
| ranked; when nothing matches, a trigram fallback for typos and word fragments.
|
| It reads the inverted index community_skill_terms (migration 1704000000100: under RLS
| only leakproof btree conditions can use an index, `@@` and `%` cannot), so a search
| touches the postings of its words, never the skills table as a whole:
|
| 1. the words' lexemes (French and Dutch stemming of the unaccented word), with the
|    building check and the viewer's owner records in the same round trip;
| 2. one statement: a btree range scan (`term` in [lexeme, lexeme + U+10FFFF)) per
|    lexeme = prefix match, index-only; building owners and filters on the postings;
|    every word must match (AND), a word matches through either language (OR);
|    score = Σ weights / number of lexemes, i.e. ts_rank of the OR of the prefix terms
|    (proximity of several words is not scored); total, page, owner names and
|    endorsements in the same statement.
| 3. nothing found: words of the organisation's vocabulary similar to a query word
|    (pg_trgm similarity ≥ pg_trgm.similarity_threshold, or containing it), then step 2
|    with those exact words, score = mean over the query words of the best similarity.
*/

export interface SearchParams {
  query: string
  level?: string
  available?: boolean
  category?: string
}

export interface Paging {
  page: number
  perPage: number
}

const MAX_WORDS = 8
/** Highest code point: [p, p + TOP) is every string starting with p (term is COLLATE "C"). */
const TOP = '\u{10FFFF}'
/** Vocabulary words kept per query word in the fallback (the most similar). */
const FUZZY_WORDS = 50

/** Words of a query (letters and digits), at most 8. */
export function queryWords(query: string): string[] {
  return (query.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS)
}

/** One index-only scan of the postings: a condition on `term` and what a hit counts for. */
interface Branch {
  term: string
  termBindings: unknown[]
  /** SQL of the hit's word mask and weight (select list: any function is fine there). */
  mask: string
  maskBindings: unknown[]
  weight: string
  weightBindings: unknown[]
  item: number
}

interface Plan {
  branches: Branch[]
  /** How the hits of one item (lexeme or query word) combine: ts_rank sums, similarity keeps the best. */
  perItem: 'sum' | 'max'
  items: number
  fullMask: number
}

const OWNER_NAME = `CASE WHEN o.id IS NULL THEN NULL
  WHEN o.kind = 'company' THEN coalesce(o.company_name, '')
  ELSE concat_ws(' ', nullif(o.first_name, ''), nullif(o.last_name, '')) END`

/*
| Hits → one row per matching skill. Full text: ts_rank sums every hit, so one level;
| similarity: the best hit per query word first. `name` is constant per skill (grouped,
| not aggregated: no string comparisons) and orders ties like the directory does.
*/
function aggregate(perItem: Plan['perItem']) {
  const building = 'owner_id IN (SELECT owner_id FROM building_owners)'
  if (perItem === 'sum') {
    return `matched AS (
       SELECT skill_id, name, sum(w) / ? AS score FROM hits WHERE ${building}
        GROUP BY skill_id, name HAVING bit_or(mask) = ?
     ),`
  }
  return `per_item AS (
       SELECT skill_id, name, item, min(mask) AS mask, max(w) AS w FROM hits WHERE ${building}
        GROUP BY skill_id, name, item
     ),
     matched AS (
       SELECT skill_id, name, sum(w) / ? AS score FROM per_item
        GROUP BY skill_id, name HAVING bit_or(mask) = ?
     ),`
}

/** Total, one page and everything the serializer needs, in one statement. */
async function runPlan(
  actor: Actor,
  buildingId: string,
  p: SearchParams,
  paging: Paging,
  plan: Plan
) {
  const { trx, organisationId } = tenant()
  const filters: string[] = []
  const filterBindings: unknown[] = []
  const filter = (sql: string, value: unknown) => {
    filters.push(sql)
    filterBindings.push(value)
  }
  if (p.level) filter('AND t.level = ?', p.level)
  if (p.category) filter('AND t.category = ?', p.category)
  if (p.available !== undefined) filter('AND t.available = ?', p.available)
  const bindings: unknown[] = [organisationId, buildingId]
  const hits = plan.branches.map((b) => {
    bindings.push(
      ...b.maskBindings,
      ...b.weightBindings,
      organisationId,
      ...b.termBindings,
      ...filterBindings
    )
    return `SELECT t.skill_id, t.owner_id, t.name, ${b.item} AS item, ${b.mask} AS mask, ${b.weight} AS w
      FROM community_skill_terms t
     WHERE t.organisation_id = ? AND ${b.term} ${filters.join(' ')}`
  })
  bindings.push(plan.items, plan.fullMask, paging.perPage, (paging.page - 1) * paging.perPage)
  bindings.push(actor.ownerIds, organisationId)
  const res = await trxQuery(
    trx,
    preparedFromKnex(`WITH building_owners AS (${activeOwnersOfBuildingSql({ distinct: false })}),
     hits AS (${hits.join('\n UNION ALL ')}),
     ${aggregate(plan.perItem)}
     page AS (SELECT skill_id, score, name FROM matched ORDER BY score DESC, name, skill_id LIMIT ? OFFSET ?)
     SELECT (SELECT count(*) FROM matched)::int AS total_count, p.score AS rank,
            s.id, s.owner_id, s.category, s.name, s.description, s.level, s.hourly_rate,
            s.available, s.created_at, s.updated_at,
            ${OWNER_NAME} AS owner_name,
            (SELECT count(*) FROM community_skill_endorsements e
              WHERE e.organisation_id = s.organisation_id AND e.skill_id = s.id)::int AS endorsement_count,
            EXISTS (SELECT 1 FROM community_skill_endorsements e
              WHERE e.organisation_id = s.organisation_id AND e.skill_id = s.id
                AND e.endorser_owner_id = ANY (?::uuid[])) AS endorsed_by_me
       FROM (SELECT 1) AS one
       LEFT JOIN (page p
         JOIN community_skills s ON s.organisation_id = ? AND s.id = p.skill_id
         LEFT JOIN owners o ON o.organisation_id = s.organisation_id AND o.id = s.owner_id) ON true
      ORDER BY p.score DESC, p.name, p.skill_id`),
    bindings
  )
  const rows = res.rows.filter((r: any) => r.id)
  const total = Number(res.rows[0]?.total_count ?? 0)
  return {
    data: rows.map((r: any) =>
      skillJson(actor, r, r.owner_name, r.endorsement_count, r.endorsed_by_me)
    ),
    meta: {
      total,
      perPage: paging.perPage,
      currentPage: paging.page,
      lastPage: Math.max(1, Math.ceil(total / paging.perPage)),
    },
  }
}

/** The actor before its owner records are known (they come with the first statement). */
export type Viewer = Omit<Actor, 'ownerIds'> & { ownerIds?: string[] }

/**
 * First statement of a search: prefix lexemes of each word, French and Dutch (stop words
 * give none); with `buildingId`, whether that building exists in the organisation (404
 * otherwise); without `viewer.ownerIds`, the viewer's owner records (as actorOf reads
 * them). Folding these into one round trip matters on a busy machine.
 */
async function prelude(words: string[], viewer: Viewer, buildingId: string | null) {
  const { trx, organisationId } = tenant()
  const bindings: unknown[] = []
  let building = 'true'
  if (buildingId) {
    building = 'EXISTS (SELECT 1 FROM buildings b WHERE b.organisation_id = ? AND b.id = ?)'
    bindings.push(organisationId, buildingId)
  }
  let owners = 'NULL::uuid[]'
  if (!viewer.ownerIds) {
    owners = `ARRAY(SELECT o.id FROM owners o WHERE o.organisation_id = ? AND o.user_id = ?
      ORDER BY o.created_at)`
    bindings.push(organisationId, viewer.userId)
  }
  const res = await trxQuery(
    trx,
    preparedFromKnex(`SELECT w.ord::int AS ord, ARRAY(SELECT DISTINCT x FROM unnest(
        tsvector_to_array(to_tsvector('french'::regconfig, community_unaccent(w.word))) ||
        tsvector_to_array(to_tsvector('dutch'::regconfig, community_unaccent(w.word)))) AS x ORDER BY x) AS lexemes,
        ${building} AS building, ${owners} AS owner_ids
       FROM unnest(?::text[]) WITH ORDINALITY AS w(word, ord) ORDER BY w.ord`),
    [...bindings, words]
  )
  const first = res.rows[0]
  if (!first?.building) throw ApiError.notFound()
  const actor: Actor = { ...viewer, ownerIds: viewer.ownerIds ?? first.owner_ids }
  return { actor, lexemes: res.rows.map((r) => r.lexemes as string[]) }
}

/**
 * Full-text plan: a lexeme shared by several words is one item (as in ts_rank). Lexemes
 * that extend another one (French `plomber`, Dutch `plomberie`) are read from the shorter
 * one's range, once: a hit counts for every item it starts with (weight × count, masks
 * OR-ed), which is what scanning each range separately would sum to.
 */
function fulltextPlan(perWord: string[][]): Plan | null {
  const items = new Map<string, number>()
  let fullMask = 0
  perWord.forEach((list, i) => {
    if (!list.length) return
    fullMask |= 1 << i
    for (const lexeme of list) items.set(lexeme, (items.get(lexeme) ?? 0) | (1 << i))
  })
  if (!fullMask) return null
  const groups: [string, number][][] = []
  for (const entry of [...items].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const group = groups.at(-1)
    if (group && entry[0].startsWith(group[0][0])) group.push(entry)
    else groups.push([entry])
  }
  const branches = groups.map(([[root, rootMask], ...longer], item) => ({
    term: 't.term >= ? AND t.term < ?',
    termBindings: [root, root + TOP],
    mask: [
      String(rootMask),
      ...longer.map(() => 'CASE WHEN starts_with(t.term, ?) THEN ? ELSE 0 END'),
    ].join(' | '),
    maskBindings: longer.flatMap(([lexeme, mask]) => [lexeme, mask]),
    weight: longer.length
      ? `t.weight * (1 ${longer.map(() => '+ starts_with(t.term, ?)::int').join(' ')})`
      : 't.weight',
    weightBindings: longer.map(([lexeme]) => lexeme),
    item,
  }))
  return { branches, perItem: 'sum', items: items.size, fullMask }
}

/** Typo fallback plan: vocabulary words similar to (or containing) each query word. */
async function similarityPlan(words: string[]): Promise<Plan | null> {
  const { trx, organisationId } = tenant()
  const res = await trx.rawQuery(
    `SELECT ord, array_agg(term ORDER BY sim DESC) AS terms, array_agg(sim ORDER BY sim DESC) AS sims
       FROM (SELECT w.ord::int AS ord, v.term::text AS term, similarity(v.term, w.folded) AS sim,
                    row_number() OVER (PARTITION BY w.ord ORDER BY similarity(v.term, w.folded) DESC, v.term) AS n
               FROM (SELECT ord, community_unaccent(lower(word)) AS folded
                       FROM unnest(?::text[]) WITH ORDINALITY AS x(word, ord)) w
               JOIN community_skill_vocabulary v ON v.organisation_id = ?
              WHERE v.term % w.folded OR (length(w.folded) >= 3 AND strpos(v.term, w.folded) > 0)) c
      WHERE n <= ? GROUP BY ord`,
    [words, organisationId, FUZZY_WORDS]
  )
  // Every word must find something (AND, as in the full-text search).
  if (res.rows.length < words.length) return null
  const branches = res.rows.map((r: { ord: number; terms: string[]; sims: number[] }) => ({
    term: 't.term = ANY (?::text[])',
    termBindings: [r.terms],
    mask: String(1 << (r.ord - 1)),
    maskBindings: [],
    weight: '(?::real[])[array_position(?::text[], t.term::text)]',
    weightBindings: [r.sims, r.terms],
    item: r.ord,
  }))
  return { branches, perItem: 'max', items: words.length, fullMask: (1 << words.length) - 1 }
}

const EMPTY = (paging: Paging) => ({
  data: [],
  meta: { total: 0, perPage: paging.perPage, currentPage: paging.page, lastPage: 1 },
})

/** Full text first; when it finds nothing, the similarity fallback. */
export async function searchByWords(
  viewer: Viewer,
  buildingId: string,
  params: SearchParams,
  paging: Paging,
  { checkBuilding = false } = {}
) {
  const words = queryWords(params.query)
  if (!words.length) {
    if (checkBuilding) await findBuilding(buildingId)
    return { ...EMPTY(paging), mode: 'similarity' as const }
  }
  const first = await prelude(words, viewer, checkBuilding ? buildingId : null)
  const actor = first.actor
  const fulltext = fulltextPlan(first.lexemes)
  if (fulltext) {
    const found = await runPlan(actor, buildingId, params, paging, fulltext)
    if (found.meta.total > 0) return { ...found, mode: 'fulltext' as const }
  }
  const similar = await similarityPlan(words)
  const found = similar ? await runPlan(actor, buildingId, params, paging, similar) : EMPTY(paging)
  return { ...found, mode: 'similarity' as const }
}
