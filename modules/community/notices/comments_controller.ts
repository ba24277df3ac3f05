import type { HttpContext } from '@adonisjs/core/http'
import { actorOf } from '../shared/context.js'
import { commentValidator, updateCommentValidator } from './notice_validator.js'
import { addComment, deleteComment, listComments, updateComment } from './comment_service.js'
import { findNotice } from './notice_access.js'

export default class CommentsController {
  async store(ctx: HttpContext) {
    const actor = await actorOf(ctx)
    await findNotice(actor, ctx.params.id)
    const { body, parentId } = await ctx.request.validateUsing(commentValidator)
    return ctx.response.created(await addComment(ctx, actor, ctx.params.id, body, parentId))
  }

  async index(ctx: HttpContext) {
    return listComments(ctx, await actorOf(ctx), ctx.params.id)
  }

  async update(ctx: HttpContext) {
    const { body } = await ctx.request.validateUsing(updateCommentValidator)
    return updateComment(ctx, await actorOf(ctx), ctx.params.id, body)
  }

  async destroy(ctx: HttpContext) {
    await deleteComment(ctx, await actorOf(ctx), ctx.params.id)
    return ctx.response.noContent()
  }
}
