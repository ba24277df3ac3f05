import type { PersonalDataContributor } from '#gdpr/personal_data_registry'

/*
| The gdpr module's own contributor. Its rights-request log holds no personal values (a
| pseudonymous user id, type, status, field names) and is kept after erasure as proof
| that the request was honoured; the person's restriction reason and pending e-mail
| changes are deleted.
*/
export const gdprPersonalData: PersonalDataContributor = {
  key: 'gdpr',
  personalColumns: [
    { table: 'gdpr_preferences', columns: ['restriction_reason'], onErase: 'delete' },
    { table: 'gdpr_email_changes', columns: ['new_email'], onErase: 'delete' },
  ],

  async export(subject, trx) {
    const rows = await trx
      .from('gdpr_requests')
      .where('organisation_id', subject.organisationId)
      .where('user_id', subject.userId)
      .orderBy('created_at')
      .select('id', 'type', 'status', 'details', 'created_at')
    return {
      rightsRequests: rows.map((r) => ({
        id: r.id,
        type: r.type,
        status: r.status,
        details: r.details,
        createdAt: r.created_at instanceof Date ? r.created_at.toISOString() : r.created_at,
      })),
    }
  },

  // No per-organisation erase: the person's global rows (gdpr_preferences,
  // gdpr_email_changes) are deleted ONCE in the final step of the erase service — touching
  // the same global row from two nested organisation transactions would deadlock.
}
