import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { PersonalDataContributor, PersonalDataSubject } from '#gdpr/personal_data_registry'

/*
| GDPR part of the legal module (SPEC §5). Decisions (README "Personal data"):
| - notary requests (name, office, e-mail of a notary): exported, anonymised on erase.
| - états datés: the notary identification on a DELIVERED statement is a legal record
|   (art. 3.94: the notary relies on it for the deed) and is kept; not-delivered ones
|   are anonymised.
| - contractors: the contractor row linked to the person (by user or e-mail) is
|   anonymised and unlinked; their work reports stay (the building's maintenance record).
| - tickets: the reporter is unlinked (the problem report stays the building's history).
| - disputes & legal proceedings: kept while open; erase is BLOCKED when the person is
|   a party to an open dispute/proceeding ("open legal procedure").
| - photos: `uploaded_by` cleared.
*/
type Row = Record<string, unknown>

const iso = (v: unknown) =>
  v instanceof Date ? v.toISOString() : v === null || v === undefined ? null : String(v)

function org(trx: TransactionClientContract, table: string, subject: PersonalDataSubject) {
  return trx.from(table).where(`${table}.organisation_id`, subject.organisationId)
}

async function openDisputes(subject: PersonalDataSubject, trx: TransactionClientContract) {
  if (!subject.ownerIds.length) return []
  return org(trx, 'legal_disputes', subject)
    .whereIn('owner_id', subject.ownerIds)
    .where('status', 'open')
    .select('id', 'kind', 'title')
}

export const legalPersonalData: PersonalDataContributor = {
  key: 'legal',
  personalColumns: [
    {
      table: 'legal_notary_requests',
      columns: ['notary_name', 'office', 'email'],
      onErase: 'anonymise',
    },
    {
      table: 'legal_etat_dates',
      columns: ['notary_name', 'notary_email', 'notary_office'],
      onErase: 'anonymise',
      note: 'kept as is once delivered (legal record relied upon by the notary); anonymised otherwise',
    },
    {
      table: 'legal_contractors',
      columns: ['name', 'contact_name', 'email', 'phone', 'vat_number'],
      onErase: 'anonymise',
      note: 'user_id cleared; work reports stay as the building maintenance record',
    },
    {
      table: 'legal_tickets',
      columns: ['reporter_user_id'],
      onErase: 'unlink',
      note: 'the reported problem stays in the building history',
    },
    {
      table: 'legal_disputes',
      columns: ['counterparty', 'owner_id'],
      onErase: 'keep',
      note: 'erase is blocked while the person is party to an open dispute or proceeding',
    },
    {
      table: 'legal_photos',
      columns: ['uploaded_by', 'name'],
      onErase: 'unlink',
      note: 'damage photos are records of the building: uploader cleared, file and name kept',
    },
  ],

  async export(subject, trx) {
    const email = subject.email.toLowerCase()
    const notaryRequests = await org(trx, 'legal_notary_requests', subject)
      .where('email', email)
      .select(
        'id',
        'notary_name',
        'office',
        'email',
        'street',
        'postal_code',
        'city',
        'unit_number',
        'fee',
        'status',
        'created_at'
      )
    const etatDates = await org(trx, 'legal_etat_dates', subject)
      .where('notary_email', email)
      .select(
        'id',
        'notary_name',
        'notary_email',
        'notary_office',
        'status',
        'request_date',
        'delivered_at'
      )
    const contractors = await org(trx, 'legal_contractors', subject)
      .where((q) => q.where('user_id', subject.userId).orWhere('email', email))
      .select('id', 'name', 'contact_name', 'email', 'phone', 'vat_number', 'trade', 'created_at')
    const tickets = await org(trx, 'legal_tickets', subject)
      .where('reporter_user_id', subject.userId)
      .select('id', 'title', 'description', 'category', 'priority', 'status', 'created_at')
    const disputes = subject.ownerIds.length
      ? await org(trx, 'legal_disputes', subject)
          .whereIn('owner_id', subject.ownerIds)
          .select('id', 'kind', 'title', 'status', 'opened_on', 'closed_on')
      : []
    const flat = (rows: Row[]) =>
      rows.map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? iso(v) : v]))
      )
    return {
      legal_notary_requests: flat(notaryRequests),
      legal_etat_dates_as_notary: flat(etatDates),
      legal_contractor: flat(contractors),
      legal_tickets_reported: flat(tickets),
      legal_disputes_party: flat(disputes),
    }
  },

  async eraseBlockers(subject, trx) {
    const open = await openDisputes(subject, trx)
    return open.map(
      (d: any) =>
        `open legal procedure: ${d.kind === 'dispute' ? 'dispute' : 'legal proceeding'} "${d.title}" (${d.id})`
    )
  },

  async erase(subject, trx, placeholder) {
    const email = subject.email.toLowerCase()
    await org(trx, 'legal_notary_requests', subject)
      .where('email', email)
      .update({ notary_name: placeholder.name, office: placeholder.name, email: placeholder.email })
    await org(trx, 'legal_etat_dates', subject)
      .where('notary_email', email)
      .whereNotIn('status', ['delivered', 'expired'])
      .update({
        notary_name: placeholder.name,
        notary_email: placeholder.email,
        notary_office: null,
      })
    await org(trx, 'legal_contractors', subject)
      .where((q) => q.where('user_id', subject.userId).orWhere('email', email))
      .update({
        name: placeholder.name,
        contact_name: null,
        email: placeholder.email,
        phone: null,
        vat_number: null,
        user_id: null,
        active: false,
      })
    await org(trx, 'legal_tickets', subject)
      .where('reporter_user_id', subject.userId)
      .update({ reporter_user_id: null })
    await org(trx, 'legal_photos', subject)
      .where('uploaded_by', subject.userId)
      .update({ uploaded_by: null })
  },
}
