import type { HttpContext } from '@adonisjs/core/http'
import { clock } from '../shared/clock.js'
import { createResourceValidator, updateResourceValidator } from './resource_validator.js'
import { createResource, deleteResource, findResource, updateResource } from './resource_service.js'
import { availableResources, listResources, statistics } from './availability_service.js'
import { serializeResource } from './serializers.js'
import { icalFeed } from './ical.js'

export default class ResourcesController {
  async store(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(createResourceValidator)
    const row = await createResource(ctx, payload)
    return ctx.response.created(serializeResource(row, { icalUrl: true }))
  }

  async show({ params }: HttpContext) {
    return serializeResource(await findResource(params.id), { icalUrl: true })
  }

  async update(ctx: HttpContext) {
    await findResource(ctx.params.id)
    const payload = await ctx.request.validateUsing(updateResourceValidator)
    return serializeResource(await updateResource(ctx, ctx.params.id, payload), { icalUrl: true })
  }

  async destroy(ctx: HttpContext) {
    await deleteResource(ctx, ctx.params.id, clock.nowDate())
    return ctx.response.noContent()
  }

  async index(ctx: HttpContext) {
    return listResources(ctx, ctx.params.buildingId)
  }

  async byType(ctx: HttpContext) {
    return listResources(ctx, ctx.params.buildingId, ctx.params.type)
  }

  async available(ctx: HttpContext) {
    return availableResources(ctx, ctx.params.buildingId)
  }

  async statistics(ctx: HttpContext) {
    return statistics(ctx, ctx.params.buildingId)
  }

  /** Public: the token is the credential (see ical.ts). Unknown token → 404. */
  async ical(ctx: HttpContext) {
    const body = await icalFeed(String(ctx.params.token).replace(/\.ics$/, ''), clock.nowDate())
    if (body === null) {
      return ctx.response.status(404).json({
        errors: [{ code: 'E_NOT_FOUND', message: 'Resource not found' }],
      })
    }
    ctx.response.header('Content-Type', 'text/calendar; charset=utf-8')
    ctx.response.header('Cache-Control', 'private, max-age=300')
    return ctx.response.send(body)
  }
}
