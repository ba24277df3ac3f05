import { DateTime } from 'luxon'
import { BaseJob } from '#jobs/base_job'
import { forEachOrganisation } from '#jobs/tenant_job'
import Invitation from '#models/invitation'

/**
 * Daily (03:00 Europe/Brussels): deletes invitations that were never accepted and
 * expired more than 30 days ago, organisation by organisation (each under RLS).
 * Accepted invitations stay as history.
 */
export default class PurgeExpiredInvitationsJob extends BaseJob<{ retentionDays?: number }> {
  async handle() {
    const days = this.payload.retentionDays ?? 30
    const cutoff = DateTime.now().minus({ days })
    let deleted = 0
    const result = await forEachOrganisation(async () => {
      const rows = await Invitation.query()
        .whereNull('accepted_at')
        .where('expires_at', '<', cutoff.toJSDate())
        .delete()
      deleted += Number(Array.isArray(rows) ? rows[0] : rows) || 0
    })
    await this.progress(100)
    return { ...result, deleted }
  }
}
