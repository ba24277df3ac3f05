import { TenantJob } from '#jobs/tenant_job'
import Notification from '#models/notification'
import User from '#models/user'
import { currentTenant } from '#tenancy/tenant_context'
import { sendTemplated } from '#services/mail_service'
import { appUrl } from '#jobs/core/invitation_email_job'

export interface NotificationEmailPayload {
  organisationId: string
  userId: string
  type: string
  title: string
  body?: string | null
  url?: string | null
  notificationId?: string | null
  [key: string]: unknown
}

/** E-mail copy of an in-app notification, for users whose preferences ask for it. */
export default class NotificationEmailJob extends TenantJob<NotificationEmailPayload> {
  async handle() {
    const { trx, organisationId } = currentTenant()
    // The user must still be a member of this organisation.
    const user = await User.query({ client: trx })
      .where('id', this.payload.userId)
      .whereExists((q) =>
        q
          .from('memberships')
          .whereColumn('memberships.user_id', 'users.id')
          .where('memberships.organisation_id', organisationId)
      )
      .first()
    if (!user) return { skipped: 'not_a_member' }
    if (user.notificationPreferences?.[this.payload.type]?.email !== true) {
      return { skipped: 'email_disabled' }
    }
    if (this.payload.notificationId) {
      const exists = await Notification.query().where('id', this.payload.notificationId).first()
      if (!exists) return { skipped: 'notification_deleted' }
    }
    const url = this.payload.url
      ? /^https?:\/\//.test(this.payload.url)
        ? this.payload.url
        : `${appUrl()}${this.payload.url.startsWith('/') ? '' : '/'}${this.payload.url}`
      : null
    await sendTemplated({
      to: { address: user.email, name: user.fullName },
      template: 'notification',
      locale: user.locale,
      subject: this.payload.title,
      data: {
        recipientName: user.fullName,
        title: this.payload.title,
        body: this.payload.body ?? null,
        url,
      },
    })
    return { sent: user.email }
  }
}
