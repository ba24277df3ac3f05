import { TenantJob, type TenantPayload } from '#jobs/tenant_job'
import { deliverQueuedNotices } from '../notice_service.js'

/** E-mails the queued notices (convocation, reminder, minutes) of one meeting. */
export default class MeetingNoticesJob extends TenantJob<
  TenantPayload & { meetingId: string; kind: 'convocation' | 'reminder' | 'minutes' }
> {
  moduleKey = 'legal'

  async handle() {
    return deliverQueuedNotices(this.payload.meetingId, this.payload.kind)
  }
}
