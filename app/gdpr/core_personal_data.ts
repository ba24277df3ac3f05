import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { PersonalDataContributor, PersonalDataSubject } from '#gdpr/personal_data_registry'

/*
| The platform core's part of the GDPR registry (SPEC §5): what the core stores about a
| person inside ONE organisation (called once per membership, inside that organisation's
| tenant transaction). The person's global account (users row, access tokens, 2FA) is
| handled once per person by `#gdpr/core_account`.
|
| Decisions (see modules/gdpr/README.md):
| - owners: anonymised in place and unlinked from the user (the row stays: it is what
|   the ownership history and the accounting/vote records of the co-ownership point to).
| - unit_owners: kept as is (percentages and dates are the co-ownership's records).
| - invitations and in-app notifications: deleted (only useful to the person).
| - documents uploaded: kept (the building's records), `uploaded_by` cleared.
| - audit_logs: append-only and kept 7 years. The actor id stays (a pseudonymous id of the
|   anonymised account, not personal content); ip and user agent of the person's own
|   entries are cleared and personal values inside metadata are replaced by "[erased]"
|   through the owner-defined function gdpr_redact_audit_logs().
*/

type Row = Record<string, unknown>

function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null
  return value instanceof Date ? value.toISOString() : String(value)
}

function dateOnly(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) {
    const y = value.getFullYear()
    const m = String(value.getMonth() + 1).padStart(2, '0')
    const d = String(value.getDate()).padStart(2, '0')
    return `${y}-${m}-${d}`
  }
  return String(value).slice(0, 10)
}

/** Regex source matching `value` literally (for the audit-log redaction). */
export function literalPattern(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

async function ownerRows(subject: PersonalDataSubject, trx: TransactionClientContract) {
  if (!subject.ownerIds.length) return [] as Row[]
  return trx
    .from('owners')
    .where('organisation_id', subject.organisationId)
    .whereIn('id', subject.ownerIds)
    .orderBy('created_at')
    .select('*')
}

export const corePersonalData: PersonalDataContributor = {
  key: 'core',
  personalColumns: [
    {
      table: 'users',
      columns: ['email', 'full_name'],
      onErase: 'anonymise',
      note: 'once per person (#gdpr/core_account): name → "Anonymised user #…", e-mail → placeholder, password and 2FA cleared',
    },
    {
      table: 'owners',
      columns: ['first_name', 'last_name', 'company_name', 'email', 'phone', 'address', 'iban'],
      onErase: 'anonymise',
      note: 'row kept for the ownership history and the accounts it is linked to; user_id cleared',
    },
    { table: 'invitations', columns: ['email'], onErase: 'delete' },
    { table: 'notifications', columns: ['title', 'body'], onErase: 'delete' },
    {
      table: 'documents',
      columns: ['name'],
      onErase: 'unlink',
      note: "the building's records: uploaded_by cleared, the file itself is kept",
    },
    {
      table: 'audit_logs',
      columns: ['ip', 'user_agent', 'metadata'],
      onErase: 'keep',
      note: 'append-only, 7 years: actor id kept; ip/user agent of own entries cleared and personal values in metadata redacted',
    },
    {
      table: 'auth_access_tokens',
      columns: ['name'],
      onErase: 'delete',
      note: 'every token of the person is revoked',
    },
  ],

  async export(subject, trx) {
    const org = subject.organisationId
    const membership = await trx
      .from('memberships')
      .where('organisation_id', org)
      .where('user_id', subject.userId)
      .select('id', 'role', 'created_at')
    const owners = await ownerRows(subject, trx)
    const ownerships = subject.ownerIds.length
      ? await trx
          .from('unit_owners')
          .join('units', 'units.id', 'unit_owners.unit_id')
          .join('buildings', 'buildings.id', 'units.building_id')
          .where('unit_owners.organisation_id', org)
          .whereIn('unit_owners.owner_id', subject.ownerIds)
          .orderBy('unit_owners.start_date')
          .select(
            'unit_owners.id',
            'unit_owners.owner_id',
            'units.number as unit_number',
            'units.type as unit_type',
            'units.quota',
            'buildings.name as building_name',
            'buildings.street',
            'buildings.postal_code',
            'buildings.city',
            'unit_owners.percentage',
            'unit_owners.start_date',
            'unit_owners.end_date',
            'unit_owners.is_primary_contact'
          )
      : []
    const invitations = await trx
      .from('invitations')
      .where('organisation_id', org)
      .where((w) => {
        w.where('email', subject.email)
        if (subject.ownerIds.length) w.orWhereIn('owner_id', subject.ownerIds)
      })
      .orderBy('created_at')
      .select('id', 'email', 'role', 'owner_id', 'created_at', 'accepted_at', 'revoked_at')
    const notifications = await trx
      .from('notifications')
      .where('organisation_id', org)
      .where('user_id', subject.userId)
      .orderBy('created_at')
      .select('id', 'type', 'title', 'body', 'url', 'read_at', 'created_at')
    const documents = await trx
      .from('documents')
      .where('organisation_id', org)
      .where('uploaded_by', subject.userId)
      .orderBy('created_at')
      .select('id', 'building_id', 'name', 'mime_type', 'size', 'created_at')
    const auditEvents = await trx
      .from('audit_logs')
      .where('organisation_id', org)
      .where('actor_id', subject.userId)
      .orderBy('created_at')
      .select(
        'id',
        'action',
        'subject_type',
        'subject_id',
        'ip',
        'user_agent',
        'metadata',
        'created_at'
      )

    return {
      membership: membership.map((m) => ({
        id: m.id,
        role: m.role,
        since: iso(m.created_at),
      })),
      owners: owners.map((o) => ({
        id: o.id,
        kind: o.kind,
        firstName: o.first_name,
        lastName: o.last_name,
        companyName: o.company_name,
        email: o.email,
        phone: o.phone,
        address: o.address,
        iban: o.iban,
        locale: o.locale,
        acceptsElectronicNotices: o.accepts_electronic_notices,
        createdAt: iso(o.created_at),
      })),
      ownerships: ownerships.map((r) => ({
        id: r.id,
        ownerId: r.owner_id,
        building: r.building_name,
        buildingAddress: `${r.street}, ${r.postal_code} ${r.city}`,
        unit: r.unit_number,
        unitType: r.unit_type,
        quota: r.quota,
        percentage: r.percentage,
        startDate: dateOnly(r.start_date),
        endDate: dateOnly(r.end_date),
        isPrimaryContact: r.is_primary_contact,
      })),
      invitations: invitations.map((i) => ({
        id: i.id,
        email: i.email,
        role: i.role,
        ownerId: i.owner_id,
        createdAt: iso(i.created_at),
        acceptedAt: iso(i.accepted_at),
        revokedAt: iso(i.revoked_at),
      })),
      notifications: notifications.map((n) => ({
        id: n.id,
        type: n.type,
        title: n.title,
        body: n.body,
        url: n.url,
        readAt: iso(n.read_at),
        createdAt: iso(n.created_at),
      })),
      documentsUploaded: documents.map((d) => ({
        id: d.id,
        buildingId: d.building_id,
        name: d.name,
        mimeType: d.mime_type,
        size: Number(d.size),
        createdAt: iso(d.created_at),
      })),
      auditEvents: auditEvents.map((a) => ({
        id: a.id,
        action: a.action,
        subjectType: a.subject_type,
        subjectId: a.subject_id,
        ip: a.ip,
        userAgent: a.user_agent,
        metadata: a.metadata,
        createdAt: iso(a.created_at),
      })),
    }
  },

  async eraseBlockers(subject, trx) {
    const mine = await trx
      .from('memberships')
      .where('organisation_id', subject.organisationId)
      .where('user_id', subject.userId)
      .select('role')
      .first()
    if (mine?.role !== 'admin') return []
    const others = await trx
      .from('memberships')
      .where('organisation_id', subject.organisationId)
      .where('role', 'admin')
      .whereNot('user_id', subject.userId)
      .count('* as n')
      .first()
    return Number(others?.n ?? 0) === 0
      ? ['You are the only administrator of this organisation: appoint another administrator first']
      : []
  },

  async erase(subject, trx, placeholder) {
    const org = subject.organisationId
    const owners = await ownerRows(subject, trx)
    const user = await trx.from('users').where('id', subject.userId).select('full_name').first()

    // Values to redact from audit metadata, gathered before they are overwritten.
    const values = new Set<string>([subject.email])
    if (user?.full_name) values.add(String(user.full_name))
    for (const o of owners) {
      for (const v of [o.email, o.phone, o.iban, o.company_name]) if (v) values.add(String(v))
      const name = [o.first_name, o.last_name].filter(Boolean).join(' ')
      if (name) values.add(name)
    }
    const patterns = [...values].filter((v) => v.trim().length >= 3).map(literalPattern)
    await trx.rawQuery('select gdpr_redact_audit_logs(?, ?::text[], false)', [
      subject.userId,
      patterns,
    ])

    for (const o of owners) {
      await trx
        .from('owners')
        .where('organisation_id', org)
        .where('id', o.id as string)
        .update({
          first_name: null,
          last_name: o.kind === 'company' ? null : placeholder.name,
          company_name: o.kind === 'company' ? placeholder.name : null,
          // Unique per organisation: one placeholder per owner row.
          email: `erased-${o.id}@anonymised.invalid`,
          phone: null,
          address: null,
          iban: null,
          user_id: null,
          accepts_electronic_notices: false,
          updated_at: new Date(),
        })
    }

    await trx
      .from('invitations')
      .where('organisation_id', org)
      .where((w) => {
        w.where('email', subject.email)
        if (subject.ownerIds.length) w.orWhereIn('owner_id', subject.ownerIds)
      })
      .delete()
    await trx
      .from('notifications')
      .where('organisation_id', org)
      .where('user_id', subject.userId)
      .delete()
    await trx
      .from('documents')
      .where('organisation_id', org)
      .where('uploaded_by', subject.userId)
      .update({ uploaded_by: null })
    // The organisation's published contact must not stay the erased person's own address.
    await trx
      .from('organisations')
      .where('id', org)
      .where('contact_email', subject.email)
      .update({ contact_email: null })
    // Access to this organisation ends with the erasure.
    await trx
      .from('memberships')
      .where('organisation_id', org)
      .where('user_id', subject.userId)
      .delete()
  },
}
