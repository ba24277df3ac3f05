import db from '@adonisjs/lucid/services/db'
import { BaseJob } from '#jobs/base_job'
import { withTenant } from '#tenancy/tenant_context'
import { clock } from '#billing/clock'
import { billingRow } from '#billing/subscription_service'
import { sendTrialEndingEmails } from '#billing/billing_emails'
import { TRIAL_REMINDER_DAYS } from '#config/plans'

/**
 * Daily: organisations whose trial ends within 3 days get one e-mail to their admins
 * (once per organisation: `trial_reminder_sent_at`, set in the same transaction that
 * claims the reminder).
 */
export default class TrialRemindersJob extends BaseJob {
  static attempts = 3

  async handle() {
    const now = clock.now()
    const res = await db.rawQuery(
      `select id, trial_ends_at from organisations
       where status = 'trialing' and trial_ends_at > ? and trial_ends_at <= ? order by trial_ends_at`,
      [now.toJSDate(), now.plus({ days: TRIAL_REMINDER_DAYS }).toJSDate()]
    )
    let sent = 0
    for (const org of res.rows as { id: string; trial_ends_at: Date }[]) {
      const claimed = await withTenant(org.id, async (trx) => {
        const row = await billingRow({ lock: true })
        if (row.trial_reminder_sent_at) return false
        await trx
          .from('billing_subscriptions')
          .where('organisation_id', org.id)
          .update({ trial_reminder_sent_at: now.toJSDate(), updated_at: new Date() })
        return true
      })
      if (claimed) {
        await sendTrialEndingEmails(org.id, org.trial_ends_at)
        sent++
      }
    }
    return { checked: res.rows.length, sent }
  }
}
