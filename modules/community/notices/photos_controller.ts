import type { HttpContext } from '@adonisjs/core/http'
import { actorOf } from '../shared/context.js'
import { addPhoto, deletePhoto, findPhoto, listPhotos, photoStream } from './photo_service.js'

export default class PhotosController {
  async store(ctx: HttpContext) {
    return ctx.response.created(await addPhoto(ctx, await actorOf(ctx), ctx.params.id))
  }

  async index(ctx: HttpContext) {
    return listPhotos(await actorOf(ctx), ctx.params.id)
  }

  async file(ctx: HttpContext) {
    const { photo } = await findPhoto(await actorOf(ctx), ctx.params.id)
    const { mimeType, stream } = await photoStream(photo, ctx.request.input('size') === 'thumb')
    ctx.response.header('Content-Type', mimeType)
    ctx.response.header('Cache-Control', 'private, max-age=3600')
    ctx.response.header('X-Content-Type-Options', 'nosniff')
    return ctx.response.stream(stream)
  }

  async destroy(ctx: HttpContext) {
    await deletePhoto(ctx, await actorOf(ctx), ctx.params.id)
    return ctx.response.noContent()
  }
}
