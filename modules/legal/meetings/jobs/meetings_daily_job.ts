import { BaseJob } from '#jobs/base_job'
import { forEachOrganisation } from '#jobs/tenant_job'
import { dispatch } from '#jobs/dispatcher'
import { notify } from '#services/notification_service'
import { currentTenant } from '#tenancy/tenant_context'
import { overdueMinutes, queueReminders } from '../notice_service.js'
import { q, updateRow } from '../meeting_common.js'

/**
 * Daily (07:30 Europe/Brussels): J-3 reminders (once per meeting) and the syndic's
 * reminder for minutes not sent within 30 days (once). `now` in the payload: time travel.
 */
export default class MeetingsDailyJob extends BaseJob<{ now?: string }> {
  async handle() {
    const now = this.payload?.now ? new Date(this.payload.now) : new Date()
    let reminders = 0
    let minutesReminders = 0
    const result = await forEachOrganisation(
      async () => {
        const { organisationId } = currentTenant()
        for (const meetingId of await queueReminders(now)) {
          reminders++
          await dispatch('legal.meetings.notices', { organisationId, meetingId, kind: 'reminder' })
        }
        const overdue = await overdueMinutes(now)
        if (overdue.length) {
          const staff = await q('owners')
            .client.from('memberships')
            .where('organisation_id', organisationId)
            .whereIn('role', ['admin', 'syndic'])
            .select('user_id')
          for (const meeting of overdue as any[]) {
            await notify({
              userIds: staff.map((s: any) => s.user_id),
              type: 'legal.minutes_overdue',
              title: `Minutes not sent: ${meeting.title}`,
              body: 'The minutes of this general meeting had to be sent to every co-owner within 30 days.',
              url: `/app/legal/meetings/${meeting.id}`,
            })
            await updateRow('legal_meetings', meeting.id, { minutes_reminded_at: now })
            minutesReminders++
          }
        }
      },
      { moduleKey: 'legal' }
    )
    return { ...result, reminders, minutesReminders }
  }
}
