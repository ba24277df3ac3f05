import type { HttpContext } from '@adonisjs/core/http'
import { actorOf } from '../shared/context.js'
import { createBookingValidator, rejectBookingValidator } from './resource_validator.js'
import { createBooking, findVisibleBooking } from './booking_service.js'
import {
  approveBooking,
  cancelBooking,
  checkInBooking,
  checkOutBooking,
  rejectBooking,
} from './booking_transitions.js'
import {
  availability,
  calendar,
  listOwnerBookings,
  listResourceBookings,
  serializeBookings,
} from './availability_service.js'
import { findResource } from './resource_service.js'

export default class BookingsController {
  private async one(ctx: HttpContext, row: any) {
    const [out] = await serializeBookings(await actorOf(ctx), [row])
    return out
  }

  async store(ctx: HttpContext) {
    await findResource(ctx.params.id)
    const payload = await ctx.request.validateUsing(createBookingValidator)
    const actor = await actorOf(ctx)
    const row = await createBooking(ctx, actor, ctx.params.id, payload)
    return ctx.response.created(await this.one(ctx, row))
  }

  async show(ctx: HttpContext) {
    const actor = await actorOf(ctx)
    return this.one(ctx, await findVisibleBooking(actor, ctx.params.id))
  }

  async forResource(ctx: HttpContext) {
    return listResourceBookings(ctx, await actorOf(ctx), ctx.params.id)
  }

  async forOwner(ctx: HttpContext) {
    return listOwnerBookings(ctx, await actorOf(ctx), ctx.params.id, false)
  }

  async upcomingForOwner(ctx: HttpContext) {
    return listOwnerBookings(ctx, await actorOf(ctx), ctx.params.id, true)
  }

  async availability(ctx: HttpContext) {
    return availability(ctx, ctx.params.id)
  }

  async calendar(ctx: HttpContext) {
    return calendar(ctx, await actorOf(ctx), ctx.params.id)
  }

  async approve(ctx: HttpContext) {
    return this.one(ctx, await approveBooking(ctx, await actorOf(ctx), ctx.params.id))
  }

  async reject(ctx: HttpContext) {
    const actor = await actorOf(ctx)
    await findVisibleBooking(actor, ctx.params.id)
    const { reason } = await ctx.request.validateUsing(rejectBookingValidator)
    return this.one(ctx, await rejectBooking(ctx, actor, ctx.params.id, reason))
  }

  async cancel(ctx: HttpContext) {
    return this.one(ctx, await cancelBooking(ctx, await actorOf(ctx), ctx.params.id))
  }

  async checkin(ctx: HttpContext) {
    return this.one(ctx, await checkInBooking(ctx, await actorOf(ctx), ctx.params.id))
  }

  async checkout(ctx: HttpContext) {
    return this.one(ctx, await checkOutBooking(ctx, await actorOf(ctx), ctx.params.id))
  }
}
