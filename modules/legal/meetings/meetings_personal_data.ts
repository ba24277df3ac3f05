import type { PersonalDataContributor } from '#gdpr/personal_data_registry'

/*
| GDPR contributor of the general assemblies. Attendance, proxies, votes and requests are
| part of the assembly's legal record (minutes, art. 3.87–3.89; the vote ledger is
| append-only): exported, kept on erase. Delivery rows keep no e-mail after erase.
*/
export const meetingsPersonalData: PersonalDataContributor = {
  key: 'legal.meetings',
  personalColumns: [
    { table: 'legal_meeting_notices', columns: ['email'], onErase: 'anonymise' },
    {
      table: 'legal_meeting_proxies',
      columns: ['holder_name', 'holder_email'],
      onErase: 'keep',
      note: 'legal record of the general assembly (quorum, votes)',
    },
    {
      table: 'legal_meeting_requests',
      columns: ['reason'],
      onErase: 'keep',
      note: 'legal record: request for an extraordinary assembly (art. 3.87 §2)',
    },
  ],
  async export(subject, trx): Promise<Record<string, Record<string, unknown>[]>> {
    const ids = subject.ownerIds
    if (ids.length === 0) return {}
    const org = subject.organisationId
    const by = (table: string, column: string) =>
      trx.from(table).where('organisation_id', org).whereIn(column, ids).select('*')
    return {
      meeting_attendance: await by('legal_meeting_attendance', 'owner_id'),
      meeting_proxies_given: await by('legal_meeting_proxies', 'grantor_owner_id'),
      meeting_proxies_held: await by('legal_meeting_proxies', 'holder_owner_id'),
      meeting_votes: await by('legal_votes', 'owner_id'),
      meeting_notices: await by('legal_meeting_notices', 'owner_id'),
      meeting_requests: await by('legal_meeting_requests', 'owner_id'),
      council_memberships: await by('legal_council_members', 'owner_id'),
    }
  },
  async erase(subject, trx, placeholder) {
    if (subject.ownerIds.length === 0) return
    await trx
      .from('legal_meeting_notices')
      .where('organisation_id', subject.organisationId)
      .whereIn('owner_id', subject.ownerIds)
      .whereNotNull('email')
      .update({ email: placeholder.email })
  },
}
