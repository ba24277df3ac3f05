import type { HttpContext } from '@adonisjs/core/http'
import type { Infer } from '@vinejs/vine/types'
import { ApiError } from '#exceptions/api_error'
import { audit } from '#services/audit_service'
import { clock } from '../shared/clock.js'
import { isUuid, ownerNames, resolveOwner, tenant, type Actor } from '../shared/context.js'
import { iso, money } from '../shared/format.js'
import { parseMoney } from '../shared/input.js'
import type { createSkillValidator, updateSkillValidator } from './skill_validator.js'
import { centsOf } from '#services/money'

type CreatePayload = Infer<typeof createSkillValidator>
type UpdatePayload = Infer<typeof updateSkillValidator>

export async function findSkill(id: unknown, opts: { forUpdate?: boolean } = {}) {
  const { trx, organisationId } = tenant()
  if (!isUuid(id)) throw ApiError.notFound()
  const q = trx.from('community_skills').where('organisation_id', organisationId).where('id', id)
  if (opts.forUpdate) q.forUpdate()
  const row = await q.first()
  if (!row) throw ApiError.notFound()
  return row
}

export function assertSkillOwnerOrStaff(actor: Actor, skill: any) {
  if (!actor.staff && !actor.ownerIds.includes(skill.owner_id))
    throw ApiError.forbidden('Only the co-owner of this skill or the syndic may change it')
}

/** Skills with owner names, endorsement counts and whether the actor endorsed them. */
export async function serializeSkills(actor: Actor, rows: any[]) {
  const { trx, organisationId } = tenant()
  const ids = rows.map((r) => r.id)
  const names = await ownerNames(rows.map((r) => r.owner_id))
  const counts = ids.length
    ? await trx.rawQuery(
        `SELECT skill_id, count(*)::int AS n, bool_or(endorser_owner_id = ANY (?::uuid[])) AS mine
           FROM community_skill_endorsements WHERE organisation_id = ? AND skill_id = ANY (?::uuid[])
          GROUP BY skill_id`,
        [actor.ownerIds, organisationId, ids]
      )
    : { rows: [] }
  const byId = new Map(counts.rows.map((c: any) => [c.skill_id, c]))
  return rows.map((s) => {
    const c: any = byId.get(s.id)
    return skillJson(actor, s, names.get(s.owner_id) ?? null, c?.n ?? 0, c?.mine ?? false)
  })
}

/** One skill row in the API shape (SPEC §8); `rank`, when selected, becomes `score`. */
export function skillJson(
  actor: Actor,
  s: any,
  ownerName: string | null,
  endorsementCount: number,
  endorsedByMe: boolean
) {
  return {
    id: s.id,
    ownerId: s.owner_id,
    ownerName,
    category: s.category,
    name: s.name,
    description: s.description,
    level: s.level,
    hourlyRate: money(s.hourly_rate),
    free: s.hourly_rate === null || centsOf(s.hourly_rate) === 0n,
    available: s.available,
    endorsementCount,
    endorsedByMe,
    mine: actor.ownerIds.includes(s.owner_id),
    ...(s.rank !== undefined ? { score: Number(Number(s.rank).toFixed(4)) } : {}),
    createdAt: iso(s.created_at),
    updatedAt: iso(s.updated_at),
  }
}

export async function createSkill(ctx: HttpContext, actor: Actor, payload: CreatePayload) {
  const { trx, organisationId } = tenant()
  const ownerId = await resolveOwner(actor, payload.ownerId)
  const rate = parseMoney(payload.hourlyRate, 'hourlyRate', { min: 0, max: 9999 })
  const now = clock.nowDate()
  const [row] = await trx
    .table('community_skills')
    .insert({
      organisation_id: organisationId,
      owner_id: ownerId,
      category: payload.category,
      name: payload.name,
      description: payload.description ?? null,
      level: payload.level,
      hourly_rate: rate,
      available: payload.available,
      created_at: now,
      updated_at: now,
    })
    .returning('*')
  await audit(ctx, {
    action: 'community.skill.create',
    subjectType: 'community_skill',
    subjectId: row.id,
    metadata: { ownerId, category: row.category },
  })
  return row
}

export async function updateSkill(
  ctx: HttpContext,
  actor: Actor,
  id: string,
  payload: UpdatePayload
) {
  const { trx, organisationId } = tenant()
  const skill = await findSkill(id, { forUpdate: true })
  assertSkillOwnerOrStaff(actor, skill)
  const changes: Record<string, unknown> = { updated_at: clock.nowDate() }
  if (payload.hourlyRate !== undefined)
    changes.hourly_rate = parseMoney(payload.hourlyRate, 'hourlyRate', { min: 0, max: 9999 })
  for (const f of ['category', 'name', 'description', 'level', 'available'] as const)
    if (payload[f] !== undefined) changes[f] = payload[f]
  const [row] = await trx
    .from('community_skills')
    .where('organisation_id', organisationId)
    .where('id', id)
    .update(changes)
    .returning('*')
  await audit(ctx, {
    action: 'community.skill.update',
    subjectType: 'community_skill',
    subjectId: id,
    metadata: { fields: Object.keys(payload) },
  })
  return row
}

export async function deleteSkill(ctx: HttpContext, actor: Actor, id: string) {
  const { trx, organisationId } = tenant()
  const skill = await findSkill(id, { forUpdate: true })
  assertSkillOwnerOrStaff(actor, skill)
  await trx
    .from('community_skill_endorsements')
    .where('organisation_id', organisationId)
    .where('skill_id', id)
    .delete()
  await trx
    .from('community_skills')
    .where('organisation_id', organisationId)
    .where('id', id)
    .delete()
  await audit(ctx, {
    action: 'community.skill.delete',
    subjectType: 'community_skill',
    subjectId: id,
    metadata: { name: skill.name },
  })
}

export async function addEndorsement(
  ctx: HttpContext,
  actor: Actor,
  skillId: string,
  comment: string | null
) {
  const { trx, organisationId } = tenant()
  const skill = await findSkill(skillId)
  const endorser = await resolveOwner(actor, null)
  if (endorser === skill.owner_id || actor.ownerIds.includes(skill.owner_id))
    throw ApiError.forbidden('You cannot endorse your own skill')
  // Friendly check first; the unique key (organisation, skill, endorser) settles races.
  const existing = await trx
    .from('community_skill_endorsements')
    .where('organisation_id', organisationId)
    .where('skill_id', skill.id)
    .where('endorser_owner_id', endorser)
    .select('id')
    .first()
  if (existing) throw ApiError.conflict('You have already endorsed this skill')
  let row: any
  try {
    ;[row] = await trx
      .table('community_skill_endorsements')
      .insert({
        organisation_id: organisationId,
        skill_id: skill.id,
        endorser_owner_id: endorser,
        endorser_user_id: actor.userId,
        comment,
        created_at: clock.nowDate(),
      })
      .returning('*')
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      throw ApiError.conflict('You have already endorsed this skill')
    throw error
  }
  await audit(ctx, {
    action: 'community.endorsement.create',
    subjectType: 'community_skill',
    subjectId: skill.id,
    metadata: { endorsementId: row.id },
  })
  const names = await ownerNames([endorser])
  return serializeEndorsement(row, names)
}

export function serializeEndorsement(e: any, names: Map<string, string>) {
  return {
    id: e.id,
    skillId: e.skill_id,
    endorserOwnerId: e.endorser_owner_id,
    endorserName: e.endorser_owner_id ? (names.get(e.endorser_owner_id) ?? null) : null,
    comment: e.comment,
    createdAt: iso(e.created_at),
  }
}

export async function deleteEndorsement(ctx: HttpContext, actor: Actor, id: unknown) {
  const { trx, organisationId } = tenant()
  if (!isUuid(id)) throw ApiError.notFound()
  const row = await trx
    .from('community_skill_endorsements')
    .where('organisation_id', organisationId)
    .where('id', id)
    .first()
  if (!row) throw ApiError.notFound()
  if (!actor.staff && !actor.ownerIds.includes(row.endorser_owner_id))
    throw ApiError.forbidden('Only the endorser or the syndic may remove an endorsement')
  await trx
    .from('community_skill_endorsements')
    .where('organisation_id', organisationId)
    .where('id', id)
    .delete()
  await audit(ctx, {
    action: 'community.endorsement.delete',
    subjectType: 'community_skill',
    subjectId: row.skill_id,
    metadata: { endorsementId: id },
  })
}
