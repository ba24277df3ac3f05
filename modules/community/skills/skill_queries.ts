import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import {
  activeOwnersOfBuildingSql,
  actorOf,
  findBuilding,
  isUuid,
  ownerNames,
  tenant,
  viewerOf,
  type Actor,
} from '../shared/context.js'
import { enumFilter, money, pageOf, pageWith } from '../shared/format.js'
import { pageParams } from '#services/pagination'
import { centsOf, divRoundHalfUp, formatCents, sumCents } from '#services/money'
import { findSkill, serializeEndorsement, serializeSkills } from './skill_service.js'
import { SKILL_CATEGORIES, SKILL_LEVELS } from './skill_validator.js'
import { searchByWords, type Paging, type SearchParams } from './skill_search.js'

export type { SearchParams } from './skill_search.js'

/*
| Directory reads. A building's skills are those of its current co-owners. Search
| (French and Dutch full text, then a typo fallback) lives in skill_search.ts.
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

/** The search without a query: the building's skills by name, with the filters. */
function listQuery(buildingId: string, p: SearchParams) {
  const q = buildingSkills(buildingId).select('s.*').orderBy('s.name').orderBy('s.id')
  if (p.level) q.where('s.level', p.level)
  if (p.category) q.where('s.category', p.category)
  if (p.available !== undefined) q.where('s.available', p.available)
  return q
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

/**
 * GET /buildings/:id/skills/search. The viewer's owner records and the building check come
 * with the search's first statement (two round trips less than actorOf + findBuilding).
 */
export async function searchSkills(ctx: HttpContext, buildingId: string) {
  let params: SearchParams
  let paging: Paging
  try {
    params = searchParams(ctx)
    paging = pageParams(ctx)
  } catch (error) {
    await findBuilding(buildingId) // an unknown building answers 404 whatever the input
    throw error
  }
  if (!isUuid(buildingId)) throw ApiError.notFound()
  if (!params.query)
    return runSearch(await actorOf(ctx), buildingId, params, paging, { checkBuilding: true })
  return searchByWords(viewerOf(ctx), buildingId, params, paging, { checkBuilding: true })
}

/** Full text first, then the similarity fallback (skill_search.ts); no query: the list. */
export async function runSearch(
  actor: Actor,
  buildingId: string,
  params: SearchParams,
  paging: Paging,
  { checkBuilding = false } = {}
) {
  if (params.query) return searchByWords(actor, buildingId, params, paging, { checkBuilding })
  if (checkBuilding) await findBuilding(buildingId)
  const page = await pageWith(paging, listQuery(buildingId, params), (r) => r)
  return { ...page, data: await serializeSkills(actor, page.data), mode: 'list' as const }
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
       (SELECT round(avg(hourly_rate), 2) FROM s WHERE hourly_rate > 0) AS avg_rate,
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
  const rates = skills.filter((s) => !s.free).map((s) => centsOf(s.hourlyRate))
  return {
    ownerId: id,
    ownerName: names.get(id) ?? null,
    totalSkills: skills.length,
    available: skills.filter((s) => s.available).length,
    free: skills.filter((s) => s.free).length,
    endorsements: skills.reduce((a, s) => a + s.endorsementCount, 0),
    averageHourlyRate: rates.length
      ? formatCents(divRoundHalfUp(sumCents(rates), BigInt(rates.length)))
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
