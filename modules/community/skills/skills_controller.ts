import type { HttpContext } from '@adonisjs/core/http'
import { actorOf } from '../shared/context.js'
import {
  availabilityValidator,
  createSkillValidator,
  endorsementValidator,
  updateSkillValidator,
} from './skill_validator.js'
import {
  addEndorsement,
  createSkill,
  deleteEndorsement,
  deleteSkill,
  findSkill,
  serializeSkills,
  updateSkill,
} from './skill_service.js'
import {
  listBuildingSkills,
  listEndorsements,
  mostEndorsed,
  ownerSkills,
  ownerSkillSummary,
  searchSkills,
  skillStatistics,
} from './skill_queries.js'

export default class SkillsController {
  private async one(ctx: HttpContext, row: any) {
    const [out] = await serializeSkills(await actorOf(ctx), [row])
    return out
  }

  async store(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(createSkillValidator)
    return ctx.response.created(
      await this.one(ctx, await createSkill(ctx, await actorOf(ctx), payload))
    )
  }

  async show(ctx: HttpContext) {
    return this.one(ctx, await findSkill(ctx.params.id))
  }

  async update(ctx: HttpContext) {
    await findSkill(ctx.params.id)
    const payload = await ctx.request.validateUsing(updateSkillValidator)
    return this.one(ctx, await updateSkill(ctx, await actorOf(ctx), ctx.params.id, payload))
  }

  async availability(ctx: HttpContext) {
    await findSkill(ctx.params.id)
    const { available } = await ctx.request.validateUsing(availabilityValidator)
    return this.one(ctx, await updateSkill(ctx, await actorOf(ctx), ctx.params.id, { available }))
  }

  async destroy(ctx: HttpContext) {
    await deleteSkill(ctx, await actorOf(ctx), ctx.params.id)
    return ctx.response.noContent()
  }

  async forOwner(ctx: HttpContext) {
    return ownerSkills(ctx, await actorOf(ctx), ctx.params.id)
  }

  async ownerSummary(ctx: HttpContext) {
    return ownerSkillSummary(await actorOf(ctx), ctx.params.id)
  }

  async forBuilding(ctx: HttpContext) {
    return listBuildingSkills(ctx, await actorOf(ctx), ctx.params.buildingId)
  }

  async byType(ctx: HttpContext) {
    return listBuildingSkills(ctx, await actorOf(ctx), ctx.params.buildingId, ctx.params.type)
  }

  async search(ctx: HttpContext) {
    return searchSkills(ctx, ctx.params.buildingId)
  }

  async statistics(ctx: HttpContext) {
    return skillStatistics(ctx.params.buildingId)
  }

  async mostEndorsed(ctx: HttpContext) {
    return mostEndorsed(ctx, await actorOf(ctx), ctx.params.buildingId)
  }

  async endorse(ctx: HttpContext) {
    await findSkill(ctx.params.id)
    const { comment } = await ctx.request.validateUsing(endorsementValidator)
    return ctx.response.created(
      await addEndorsement(ctx, await actorOf(ctx), ctx.params.id, comment ?? null)
    )
  }

  async endorsements(ctx: HttpContext) {
    return listEndorsements(ctx, ctx.params.id)
  }

  async unendorse(ctx: HttpContext) {
    await deleteEndorsement(ctx, await actorOf(ctx), ctx.params.id)
    return ctx.response.noContent()
  }
}
