import type { HttpContext } from '@adonisjs/core/http'
import { actorOf } from '../shared/context.js'
import { createPollValidator, voteValidator } from './poll_validator.js'
import { createPoll, deletePoll, findPoll, listPolls, serializePoll } from './poll_service.js'
import { cancelPoll, closePoll, publishPoll } from './poll_transitions.js'
import { castVote, listVotes, pollResults } from './vote_service.js'

export default class PollsController {
  async store(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(createPollValidator)
    const actor = await actorOf(ctx)
    return ctx.response.created(await serializePoll(actor, await createPoll(ctx, actor, payload)))
  }

  async show(ctx: HttpContext) {
    const actor = await actorOf(ctx)
    return serializePoll(actor, await findPoll(actor, ctx.params.id))
  }

  async index(ctx: HttpContext) {
    return listPolls(ctx, await actorOf(ctx), ctx.params.buildingId)
  }

  async active(ctx: HttpContext) {
    return listPolls(ctx, await actorOf(ctx), ctx.params.buildingId, 'active')
  }

  async byStatus(ctx: HttpContext) {
    return listPolls(ctx, await actorOf(ctx), ctx.params.buildingId, ctx.params.status)
  }

  async publish(ctx: HttpContext) {
    const actor = await actorOf(ctx)
    return serializePoll(actor, await publishPoll(ctx, actor, ctx.params.id))
  }

  async close(ctx: HttpContext) {
    const actor = await actorOf(ctx)
    return serializePoll(actor, await closePoll(ctx, actor, ctx.params.id))
  }

  async cancel(ctx: HttpContext) {
    const actor = await actorOf(ctx)
    return serializePoll(actor, await cancelPoll(ctx, actor, ctx.params.id))
  }

  async destroy(ctx: HttpContext) {
    await deletePoll(ctx, await actorOf(ctx), ctx.params.id)
    return ctx.response.noContent()
  }

  async vote(ctx: HttpContext) {
    const actor = await actorOf(ctx)
    await findPoll(actor, ctx.params.id)
    const payload = await ctx.request.validateUsing(voteValidator)
    return ctx.response.created(await castVote(ctx, actor, ctx.params.id, payload))
  }

  async votes(ctx: HttpContext) {
    return listVotes(ctx, await actorOf(ctx), ctx.params.id)
  }

  async results(ctx: HttpContext) {
    return pollResults(await actorOf(ctx), ctx.params.id)
  }
}
