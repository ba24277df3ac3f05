import db from '@adonisjs/lucid/services/db'
import Notification from '#models/notification'
import User from '#models/user'
import { currentTenant } from '#tenancy/tenant_context'
import { dispatch } from '#jobs/dispatcher'
import {
  notificationLocale,
  renderNotificationText,
  type NotificationText,
} from '#services/notification_messages'

export interface NotifyInput {
  userIds: string[]
  /** Snake_case event type, e.g. `accounting.call_for_funds_sent`; preferences are keyed on it. */
  type: string
  /**
   * A fixed string, or `{ key, params }` rendered in each recipient's language (see
   * `#services/notification_messages`).
   */
  title: NotificationText
  body?: NotificationText | null
  url?: string | null
  data?: Record<string, unknown>
}

export interface ChannelPreference {
  inApp: boolean
  email: boolean
}

export const DEFAULT_PREFERENCE: ChannelPreference = { inApp: true, email: false }

/** Effective channels of one type for a user (defaults: in-app on, e-mail off). */
export function preferenceFor(
  preferences: Record<string, Partial<ChannelPreference>> | null | undefined,
  type: string
): ChannelPreference {
  const own = preferences?.[type] ?? {}
  return {
    inApp: typeof own.inApp === 'boolean' ? own.inApp : DEFAULT_PREFERENCE.inApp,
    email: typeof own.email === 'boolean' ? own.email : DEFAULT_PREFERENCE.email,
  }
}

/**
 * Notifies users of the current organisation: one in-app row per user whose
 * preferences allow it, and an e-mail job for those who asked for e-mails of this
 * type. Users that are not members of the organisation are ignored. Runs inside the
 * caller's tenant transaction (rows and jobs commit with the change they announce).
 */
export async function notify(input: NotifyInput): Promise<Notification[]> {
  const { trx, organisationId } = currentTenant()
  const ids = [...new Set(input.userIds)]
  if (!ids.length) return []

  const users = await User.query({ client: trx })
    .whereIn('id', ids)
    .whereExists(
      db
        .from('memberships')
        .whereColumn('memberships.user_id', 'users.id')
        .where('memberships.organisation_id', organisationId)
    )
    .select('id', 'notification_preferences', 'locale')

  // The organisation's language is the fallback for users without a preference; only
  // read when a translated text needs it.
  const translated =
    typeof input.title !== 'string' || (!!input.body && typeof input.body === 'object')
  let orgLocale: string | null = null
  if (translated && users.some((u) => !u.locale)) {
    const org = await trx.from('organisations').where('id', organisationId).select('locale').first()
    orgLocale = org?.locale ?? null
  }

  const created: Notification[] = []
  for (const user of users) {
    const pref = preferenceFor(user.notificationPreferences, input.type)
    if (!pref.inApp && !pref.email) continue
    const locale = notificationLocale(user.locale, orgLocale)
    const title = renderNotificationText(input.title, locale)
    const body =
      input.body === null || input.body === undefined
        ? null
        : renderNotificationText(input.body, locale)
    let notification: Notification | null = null
    if (pref.inApp) {
      notification = await Notification.create({
        userId: user.id,
        type: input.type,
        title,
        body,
        url: input.url ?? null,
        data: input.data ?? {},
        readAt: null,
      })
      created.push(notification)
    }
    if (pref.email) {
      await dispatch(
        'core.notification_email',
        {
          organisationId,
          userId: user.id,
          type: input.type,
          title,
          body,
          url: input.url ?? null,
          notificationId: notification?.id ?? null,
        },
        notification ? { jobId: `notification_${notification.id}_email` } : {}
      )
    }
  }
  return created
}

export async function unreadCount(userId: string): Promise<number> {
  const row = await Notification.query()
    .where('user_id', userId)
    .whereNull('read_at')
    .count('* as total')
    .first()
  return Number(row?.$extras.total ?? 0)
}

/** The user's own notification or null (another user's is indistinguishable from none). */
export async function findOwn(userId: string, id: string) {
  return Notification.query().where('user_id', userId).where('id', id).first()
}
