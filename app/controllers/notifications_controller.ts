import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import Notification from '#models/notification'
import User from '#models/user'
import { ApiError } from '#exceptions/api_error'
import { paginate } from '#services/pagination'
import { audit } from '#services/audit_service'
import { DEFAULT_PREFERENCE, findOwn, unreadCount } from '#services/notification_service'
import { currentTenant } from '#tenancy/tenant_context'
import {
  notificationListValidator,
  notificationPreferencesValidator,
} from '#validators/notification_validator'

/** In-app notifications of the signed-in user in the current organisation (only their own). */
export default class NotificationsController {
  async index(ctx: HttpContext) {
    const { unread } = await notificationListValidator.validate(ctx.request.qs())
    const userId = ctx.auth.user!.id as string
    const query = Notification.query()
      .where('user_id', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
    if (unread === true) query.whereNull('read_at')
    if (unread === false) query.whereNotNull('read_at')
    return paginate(ctx, query)
  }

  async unreadCount(ctx: HttpContext) {
    return { count: await unreadCount(ctx.auth.user!.id as string) }
  }

  async markRead(ctx: HttpContext) {
    const notification = await findOwn(ctx.auth.user!.id as string, ctx.params.id)
    if (!notification) throw ApiError.notFound()
    if (!notification.readAt) {
      notification.readAt = DateTime.now()
      await notification.save()
      await audit(ctx, {
        action: 'notification.read',
        subjectType: 'notification',
        subjectId: notification.id,
      })
    }
    return notification
  }

  async markAllRead(ctx: HttpContext) {
    const userId = ctx.auth.user!.id as string
    const result = await Notification.query()
      .where('user_id', userId)
      .whereNull('read_at')
      .update({ read_at: new Date() })
    const updated = Number(Array.isArray(result) ? result[0] : result) || 0
    await audit(ctx, { action: 'notification.read_all', metadata: { updated } })
    return { updated }
  }

  async showPreferences(ctx: HttpContext) {
    const user = ctx.auth.user as User
    return { preferences: user.notificationPreferences ?? {}, defaults: DEFAULT_PREFERENCE }
  }

  async updatePreferences(ctx: HttpContext) {
    const { preferences } = await ctx.request.validateUsing(notificationPreferencesValidator)
    const { trx } = currentTenant()
    // Lock the row so two concurrent updates merge instead of overwriting each other.
    const user = await User.query({ client: trx })
      .where('id', ctx.auth.user!.id)
      .forUpdate()
      .firstOrFail()
    const merged: Record<string, Record<string, boolean>> = {
      ...(user.notificationPreferences ?? {}),
    }
    for (const [type, pref] of Object.entries(preferences)) {
      const next = { ...(merged[type] ?? {}) }
      if (pref.inApp !== undefined) next.inApp = pref.inApp
      if (pref.email !== undefined) next.email = pref.email
      merged[type] = next
    }
    user.notificationPreferences = merged
    await user.save()
    await audit(ctx, {
      action: 'user.notification_preferences.update',
      subjectType: 'user',
      subjectId: user.id,
      metadata: { types: Object.keys(preferences) },
    })
    return { preferences: merged, defaults: DEFAULT_PREFERENCE }
  }
}
