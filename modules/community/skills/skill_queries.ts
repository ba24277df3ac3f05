import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import {
  activeOwnersOfBuildingSql,
  findBuilding,
  isUuid,
  ownerNames,
  tenant,
  type Actor,
} from '../shared/context.js'
import { enumFilter, money, pageOf, pageWith } from '../shared/format.js'
import { pageParams } from '#services/pagination'
import { findSkill, serializeEndorsement, serializeSkills } from './skill_service.js'
import { SKILL_CATEGORIES, SKILL_LEVELS } from './skill_validator.js'

/*
| Directory reads. A building's skills are those of its current co-owners. Search:
| French and Dutch full text over unaccented name + description (generated tsvector,
| GIN), ranked; when nothing matches (typos, partial words), a trigram similarity /
| substring match on the unaccented name (GIN gin_trgm_ops) takes over.
*/
function boolFilter(ctx: HttpContext, name: string) {
  const raw = ctx.request.qs()[name]
  if (raw === undefined || raw === '') return undefined
  if (raw === 'true' || raw === '1') return true
  if (raw === 'false' || raw === '0') return false
  throw ApiError.validation(name, `${name} must be true or false`)
}

function buildingSkills(buildingId: string) {
  const { trx, organisationId } = tenant()
  return trx
    .from('community_skills as s')
    .where('s.organisation_id', organisationId)
    .whereRaw(`s.owner_id IN (${activeOwnersOfBuildingSql()})`, [organisationId, buildingId])
}

async function paged(ctx: HttpContext, actor: Actor, q: any) {
  const page = await pageOf(ctx, q, (r) => r)
  return { ...page, data: await serializeSkills(actor, page.data) }
}

export async function listBuildingSkills(
  ctx: HttpContext,
  actor: Actor,
  buildingId: string,
  category?: string
) {
  await findBuilding(buildingId)
  if (category !== undefined && !(SKILL_CATEGORIES as readonly string[]).includes(category))
    throw ApiError.notFound()
  const q = buildingSkills(buildingId).select('s.*').orderBy('s.name').orderBy('s.id')
  const cat = category ?? enumFilter(ctx, 'category', SKILL_CATEGORIES)
  if (cat) q.where('s.category', cat)
  const level = enumFilter(ctx, 'level', SKILL_LEVELS)
  if (level) q.where('s.level', level)
  const available = boolFilter(ctx, 'available')
  if (available !== undefined) q.where('s.available', available)
  return paged(ctx, actor, q)
}

/**
 * Words of the query as prefix terms (`velo:* & repar:*`): each word is stemmed by the
 * configuration and matched as a prefix, so "velo" finds "vélos" (which the French
 * stemmer leaves unstemmed). Only letters and digits reach to_tsquery (no syntax).
 */
export function prefixTerms(query: string): string {
  const words = query.match(/[\p{L}\p{N}]+/gu) ?? []
  return words
    .slice(0, 8)
    .map((w) => `${w}:*`)
    .join(' & ')
}

export interface SearchParams {
  query: string
  level?: string
  available?: boolean
  category?: string
}

/** The search query (service path; also measured by the benchmark). */
export function searchQuery(buildingId: string, p: SearchParams, mode: 'fts' | 'trgm') {
  const q = buildingSkills(buildingId)
  if (p.level) q.where('s.level', p.level)
  if (p.category) q.where('s.category', p.category)
  if (p.available !== undefined) q.where('s.available', p.available)
  if (!p.query) return q.select('s.*').orderBy('s.name').orderBy('s.id')
  if (mode === 'fts') {
    const terms = prefixTerms(p.query)
    if (!terms) return q.whereRaw('false').select('s.*')
    const tsq = `(to_tsquery('french', community_unaccent(?)) || to_tsquery('dutch', community_unaccent(?)))`
    return q
      .whereRaw(`s.search_vector @@ ${tsq}`, [terms, terms])
      .select('s.*')
      .select(tenant().trx.raw(`ts_rank(s.search_vector, ${tsq}) AS rank`, [terms, terms]))
      .orderBy('rank', 'desc')
      .orderBy('s.name')
      .orderBy('s.id')
  }
  const needle = p.query.toLowerCase()
  const like = `%${needle.replace(/[\\%_]/g, (m) => `\\${m}`)}%`
  return q
    .where((w) =>
      w
        .whereRaw(`community_unaccent(lower(s.name)) % community_unaccent(?)`, [needle])
        .orWhereRaw(`community_unaccent(lower(s.name)) LIKE community_unaccent(?)`, [like])
    )
    .select('s.*')
    .select(
      tenant().trx.raw(
        `similarity(community_unaccent(lower(s.name)), community_unaccent(?)) AS rank`,
        [needle]
      )
    )
    .orderBy('rank', 'desc')
    .orderBy('s.name')
    .orderBy('s.id')
}

export function searchParams(ctx: HttpContext): SearchParams {
  const raw = ctx.request.qs().query ?? ctx.request.qs().q ?? ''
  const query = String(raw).trim()
  if (query.length > 200) throw ApiError.validation('query', 'query is at most 200 characters')
  return {
    query,
    level: enumFilter(ctx, 'level', SKILL_LEVELS),
    category: enumFilter(ctx, 'category', SKILL_CATEGORIES),
    available: boolFilter(ctx, 'available'),
  }
}

export async function searchSkills(ctx: HttpContext, actor: Actor, buildingId: string) {
  await findBuilding(buildingId)
  return runSearch(actor, buildingId, searchParams(ctx), pageParams(ctx))
}

/** Full text first; when it finds nothing, the trigram/substring fallback. */
export async function runSearch(
  actor: Actor,
  buildingId: string,
  params: SearchParams,
  paging: { page: number; perPage: number }
) {
  // One scan per search: the total comes from a window count next to the page's rows.
  const run = async (mode: 'fts' | 'trgm') => {
    const rows = await searchQuery(buildingId, params, mode)
      .select(tenant().trx.raw('count(*) OVER () AS total_count'))
      .limit(paging.perPage)
      .offset((paging.page - 1) * paging.perPage)
    let total = rows.length ? Number(rows[0].total_count) : 0
    if (!rows.length && paging.page > 1) {
      const page = await pageWith(paging, searchQuery(buildingId, params, mode), (r) => r)
      total = page.meta.total
    }
    return {
      data: await serializeSkills(actor, rows),
      meta: {
        total,
        perPage: paging.perPage,
        currentPage: paging.page,
        lastPage: Math.max(1, Math.ceil(total / paging.perPage)),
      },
    }
  }
  const fts = await run('fts')
  if (fts.meta.total > 0 || !params.query)
    return { ...fts, mode: params.query ? 'fulltext' : 'list' }
  const fuzzy = await run('trgm')
  return { ...fuzzy, mode: 'similarity' }
}

export async function skillStatistics(buildingId: string) {
  await findBuilding(buildingId)
  const { trx, organisationId } = tenant()
  const res = await trx.rawQuery(
    `WITH s AS (SELECT * FROM community_skills WHERE organisation_id = ? AND owner_id IN (${activeOwnersOfBuildingSql()}))
     SELECT
       (SELECT count(*)::int FROM s) AS total,
       (SELECT count(DISTINCT owner_id)::int FROM s) AS owners,
       (SELECT count(*)::int FROM s WHERE available) AS available,
       (SELECT count(*)::int FROM s WHERE hourly_rate IS NULL OR hourly_rate = 0) AS free,
       (SELECT avg(hourly_rate) FROM s WHERE hourly_rate > 0) AS avg_rate,
       (SELECT coalesce(json_object_agg(category, n), '{}') FROM (SELECT category, count(*)::int n FROM s GROUP BY category) c) AS by_category,
       (SELECT coalesce(json_object_agg(level, n), '{}') FROM (SELECT level, count(*)::int n FROM s GROUP BY level) l) AS by_level,
       (SELECT count(*)::int FROM community_skill_endorsements e JOIN s ON s.id = e.skill_id WHERE e.organisation_id = ?) AS endorsements`,
    [organisationId, organisationId, buildingId, organisationId]
  )
  const r = res.rows[0]
  const byCategory = Object.fromEntries(SKILL_CATEGORIES.map((c) => [c, r.by_category[c] ?? 0]))
  const byLevel = Object.fromEntries(SKILL_LEVELS.map((l) => [l, r.by_level[l] ?? 0]))
  return {
    buildingId,
    totalSkills: r.total,
    ownersWithSkills: r.owners,
    available: r.available,
    free: r.free,
    paid: r.total - r.free,
    averageHourlyRate: r.avg_rate === null ? null : money(r.avg_rate),
    byCategory,
    byLevel,
    endorsements: r.endorsements,
  }
}

export async function mostEndorsed(ctx: HttpContext, actor: Actor, buildingId: string) {
  await findBuilding(buildingId)
  const limit = Number(ctx.request.qs().limit ?? 10)
  if (!Number.isInteger(limit) || limit < 1 || limit > 50)
    throw ApiError.validation('limit', 'limit must be between 1 and 50')
  const { trx, organisationId } = tenant()
  const rows = await buildingSkills(buildingId)
    .select('s.*')
    .select(
      trx.raw(
        `(SELECT count(*) FROM community_skill_endorsements e WHERE e.organisation_id = s.organisation_id AND e.skill_id = s.id)::int AS endorsements`
      )
    )
    .orderBy('endorsements', 'desc')
    .orderBy('s.name')
    .limit(limit)
  void organisationId
  const skills = await serializeSkills(actor, rows)
  return { data: skills.filter((s) => s.endorsementCount > 0) }
}

async function findOwner(ownerId: unknown) {
  const { trx, organisationId } = tenant()
  const row = isUuid(ownerId)
    ? await trx
        .from('owners')
        .where('organisation_id', organisationId)
        .where('id', ownerId)
        .select('id')
        .first()
    : null
  if (!row) throw ApiError.notFound()
  return row.id as string
}

export async function ownerSkills(ctx: HttpContext, actor: Actor, ownerId: string) {
  const id = await findOwner(ownerId)
  const { trx, organisationId } = tenant()
  const q = trx
    .from('community_skills as s')
    .where('s.organisation_id', organisationId)
    .where('s.owner_id', id)
    .select('s.*')
    .orderBy('s.name')
    .orderBy('s.id')
  return paged(ctx, actor, q)
}

export async function ownerSkillSummary(actor: Actor, ownerId: string) {
  const id = await findOwner(ownerId)
  const { trx, organisationId } = tenant()
  const rows = await trx
    .from('community_skills')
    .where('organisation_id', organisationId)
    .where('owner_id', id)
    .orderBy('name')
  const skills = await serializeSkills(actor, rows)
  const names = await ownerNames([id])
  const rates = skills.filter((s) => !s.free).map((s) => Number(s.hourlyRate))
  return {
    ownerId: id,
    ownerName: names.get(id) ?? null,
    totalSkills: skills.length,
    available: skills.filter((s) => s.available).length,
    free: skills.filter((s) => s.free).length,
    endorsements: skills.reduce((a, s) => a + s.endorsementCount, 0),
    averageHourlyRate: rates.length
      ? (rates.reduce((a, b) => a + b, 0) / rates.length).toFixed(2)
      : null,
    byCategory: Object.fromEntries(
      SKILL_CATEGORIES.map((c) => [c, skills.filter((s) => s.category === c).length])
    ),
    byLevel: Object.fromEntries(
      SKILL_LEVELS.map((l) => [l, skills.filter((s) => s.level === l).length])
    ),
    topSkills: [...skills].sort((a, b) => b.endorsementCount - a.endorsementCount).slice(0, 5),
  }
}

export async function listEndorsements(ctx: HttpContext, skillId: string) {
  const skill = await findSkill(skillId)
  const { trx, organisationId } = tenant()
  const q = trx
    .from('community_skill_endorsements')
    .where('organisation_id', organisationId)
    .where('skill_id', skill.id)
    .orderBy('created_at', 'desc')
    .orderBy('id')
  const page = await pageOf(ctx, q, (r) => r)
  const names = await ownerNames(page.data.map((e: any) => e.endorser_owner_id))
  return { ...page, data: page.data.map((e: any) => serializeEndorsement(e, names)) }
}
