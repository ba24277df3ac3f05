import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import logger from '@adonisjs/core/services/logger'
import type { PersonalDataContributor, PersonalDataSubject } from '#gdpr/personal_data_registry'
import { thumbnailKey } from './notices/photo_keys.js'

/*
| What the community module holds about a person, and how erase treats it:
| - votes of non-anonymous polls: kept (results must not change) but unlinked; anonymous
|   ballots never held an identity; participations stay (they only say "took part",
|   against the owner record that core anonymises) so the one-vote rule survives;
| - bookings: kept (amounts, deposits) but unlinked, notes cleared, future ones cancelled;
| - notices (with their photos and comments): deleted; the photo files (originals and
|   thumbnails on the drive) once the erase has committed;
| - comments on other people's notices: text replaced, author unlinked (replies stay);
| - skills and endorsements given: deleted (their search postings go with them by FK
|   cascade, a vocabulary word with its last posting).
*/
const ERASED_COMMENT = '[supprimé / verwijderd / gelöscht / deleted]'

function iso(value: unknown) {
  return value instanceof Date ? value.toISOString() : (value ?? null)
}

function rows(list: any[]) {
  return list.map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? iso(v) : v]))
  )
}

async function exportData(s: PersonalDataSubject, trx: TransactionClientContract) {
  const org = s.organisationId
  const owners = s.ownerIds
  const votes = owners.length
    ? await trx.rawQuery(
        `SELECT p.question, p.type, v.rating, v.text, v.created_at,
            (SELECT array_agg(o.label ORDER BY o.position) FROM community_poll_options o WHERE o.organisation_id = v.organisation_id AND o.id = ANY (v.option_ids)) AS choices
           FROM community_poll_votes v JOIN community_polls p ON p.organisation_id = v.organisation_id AND p.id = v.poll_id
          WHERE v.organisation_id = ? AND v.owner_id = ANY (?::uuid[])`,
        [org, owners]
      )
    : { rows: [] }
  const participations = owners.length
    ? await trx.rawQuery(
        `SELECT p.question, p.anonymous FROM community_poll_participations x
           JOIN community_polls p ON p.organisation_id = x.organisation_id AND p.id = x.poll_id
          WHERE x.organisation_id = ? AND x.owner_id = ANY (?::uuid[])`,
        [org, owners]
      )
    : { rows: [] }
  const bookings = await trx.rawQuery(
    `SELECT b.id, r.name AS resource, b.starts_at, b.ends_at, b.status, b.notes, b.amount, b.deposit_amount, b.deposit_retained, b.payment_status, b.created_at
       FROM community_bookings b JOIN community_resources r ON r.organisation_id = b.organisation_id AND r.id = b.resource_id
      WHERE b.organisation_id = ? AND (b.owner_id = ANY (?::uuid[]) OR b.booked_by = ?)`,
    [org, owners, s.userId]
  )
  const notices = await trx.rawQuery(
    `SELECT id, category, title, body, visibility, price, event_date, status, created_at FROM community_notices
      WHERE organisation_id = ? AND (author_user_id = ? OR author_owner_id = ANY (?::uuid[]))`,
    [org, s.userId, owners]
  )
  const comments = await trx.rawQuery(
    `SELECT id, notice_id, parent_id, body, created_at FROM community_notice_comments
      WHERE organisation_id = ? AND (author_user_id = ? OR author_owner_id = ANY (?::uuid[]))`,
    [org, s.userId, owners]
  )
  const skills = await trx.rawQuery(
    `SELECT id, category, name, description, level, hourly_rate, available, created_at FROM community_skills
      WHERE organisation_id = ? AND owner_id = ANY (?::uuid[])`,
    [org, owners]
  )
  const endorsements = await trx.rawQuery(
    `SELECT e.id, s.name AS skill, e.comment, e.created_at FROM community_skill_endorsements e
       JOIN community_skills s ON s.organisation_id = e.organisation_id AND s.id = e.skill_id
      WHERE e.organisation_id = ? AND (e.endorser_owner_id = ANY (?::uuid[]) OR e.endorser_user_id = ?)`,
    [org, owners, s.userId]
  )
  return {
    votes: rows(votes.rows),
    pollParticipations: rows(participations.rows),
    bookings: rows(bookings.rows),
    notices: rows(notices.rows),
    comments: rows(comments.rows),
    skills: rows(skills.rows),
    endorsements: rows(endorsements.rows),
  }
}

/** Removes stored objects; a missing one (thumbnail never made) is not an error. */
async function deleteFiles(keys: string[]) {
  const { default: drive } = await import('@adonisjs/drive/services/main')
  const disk = drive.use()
  for (const key of keys) {
    try {
      await disk.delete(key)
    } catch (error) {
      logger.warn({ err: error, key }, 'gdpr erase: could not delete a community photo file')
    }
  }
}

async function erase(s: PersonalDataSubject, trx: TransactionClientContract) {
  const org = s.organisationId
  const owners = s.ownerIds
  await trx.rawQuery(
    `UPDATE community_poll_votes SET owner_id = NULL WHERE organisation_id = ? AND owner_id = ANY (?::uuid[])`,
    [org, owners]
  )
  await trx.rawQuery(
    `UPDATE community_bookings SET status = 'cancelled', cancelled_at = now(), updated_at = now()
      WHERE organisation_id = ? AND owner_id = ANY (?::uuid[]) AND status IN ('pending','confirmed') AND starts_at > now()`,
    [org, owners]
  )
  await trx.rawQuery(
    `UPDATE community_bookings SET owner_id = CASE WHEN owner_id = ANY (?::uuid[]) THEN NULL ELSE owner_id END,
        booked_by = CASE WHEN booked_by = ? THEN NULL ELSE booked_by END,
        notes = CASE WHEN owner_id = ANY (?::uuid[]) THEN NULL ELSE notes END, updated_at = now()
      WHERE organisation_id = ? AND (owner_id = ANY (?::uuid[]) OR booked_by = ?)`,
    [owners, s.userId, owners, org, owners, s.userId]
  )
  // Photos are core documents: deleting the documents removes the photo rows (FK cascade).
  // Their files go once the erase is committed (a rolled-back erase keeps them).
  const photos = await trx.rawQuery(
    `SELECT p.id, d.storage_key FROM community_notice_photos p
       JOIN community_notices n ON n.organisation_id = p.organisation_id AND n.id = p.notice_id
       JOIN documents d ON d.organisation_id = p.organisation_id AND d.id = p.document_id
      WHERE n.organisation_id = ? AND (n.author_user_id = ? OR n.author_owner_id = ANY (?::uuid[]))`,
    [org, s.userId, owners]
  )
  const files = photos.rows.flatMap((p: { id: string; storage_key: string }) => [
    p.storage_key,
    thumbnailKey(org, p.id),
  ])
  if (files.length) trx.after('commit', () => void deleteFiles(files))
  await trx.rawQuery(
    `DELETE FROM documents WHERE organisation_id = ? AND id IN (
       SELECT p.document_id FROM community_notice_photos p JOIN community_notices n ON n.organisation_id = p.organisation_id AND n.id = p.notice_id
        WHERE n.organisation_id = ? AND (n.author_user_id = ? OR n.author_owner_id = ANY (?::uuid[])))`,
    [org, org, s.userId, owners]
  )
  await trx.rawQuery(
    `DELETE FROM community_notices WHERE organisation_id = ? AND (author_user_id = ? OR author_owner_id = ANY (?::uuid[]))`,
    [org, s.userId, owners]
  )
  await trx.rawQuery(
    `UPDATE community_notice_comments SET body = ?, author_user_id = NULL, author_owner_id = NULL, updated_at = now()
      WHERE organisation_id = ? AND (author_user_id = ? OR author_owner_id = ANY (?::uuid[]))`,
    [ERASED_COMMENT, org, s.userId, owners]
  )
  await trx.rawQuery(
    `DELETE FROM community_skill_endorsements WHERE organisation_id = ? AND (endorser_owner_id = ANY (?::uuid[]) OR endorser_user_id = ?)`,
    [org, owners, s.userId]
  )
  await trx.rawQuery(
    `DELETE FROM community_skill_endorsements WHERE organisation_id = ? AND skill_id IN (SELECT id FROM community_skills WHERE organisation_id = ? AND owner_id = ANY (?::uuid[]))`,
    [org, org, owners]
  )
  await trx.rawQuery(
    `DELETE FROM community_skills WHERE organisation_id = ? AND owner_id = ANY (?::uuid[])`,
    [org, owners]
  )
}

export const communityPersonalData: PersonalDataContributor = {
  key: 'community',
  personalColumns: [
    {
      table: 'community_poll_votes',
      columns: ['owner_id', 'text'],
      onErase: 'unlink',
      note: 'non-anonymous ballots; results kept',
    },
    {
      table: 'community_poll_participations',
      columns: ['owner_id'],
      onErase: 'keep',
      note: 'took part, no choice; points at the anonymised owner record',
    },
    {
      table: 'community_bookings',
      columns: ['owner_id', 'booked_by', 'notes'],
      onErase: 'unlink',
      note: 'amounts and deposits kept',
    },
    {
      table: 'community_notices',
      columns: ['author_user_id', 'author_owner_id', 'title', 'body'],
      onErase: 'delete',
    },
    { table: 'community_notice_photos', columns: ['document_id'], onErase: 'delete' },
    {
      table: 'community_notice_comments',
      columns: ['author_user_id', 'author_owner_id', 'body'],
      onErase: 'anonymise',
    },
    { table: 'community_skills', columns: ['owner_id', 'description'], onErase: 'delete' },
    {
      table: 'community_skill_terms',
      columns: ['owner_id', 'term', 'name'],
      onErase: 'delete',
      note: 'search postings derived from the skills; deleted with them (FK cascade)',
    },
    {
      table: 'community_skill_vocabulary',
      columns: ['term'],
      onErase: 'delete',
      note: 'words of the organisation’s skills; a word goes with its last skill',
    },
    {
      table: 'community_skill_endorsements',
      columns: ['endorser_owner_id', 'endorser_user_id', 'comment'],
      onErase: 'delete',
    },
  ],
  export: exportData,
  erase,
}
