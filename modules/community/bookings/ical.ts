import db from '@adonisjs/lucid/services/db'
import { withTenant } from '#tenancy/tenant_context'
import moduleAccess from '#core_modules/module_access'

/*
| iCal feed of one resource (RFC 5545), fetched by calendar apps without a login: the
| random token in the URL is the credential (rotated by changing the resource's token).
| It lists busy periods only, titled "Réservé / Gereserveerd", never who booked.
*/
function stamp(d: Date) {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

function escapeText(s: string) {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n')
}

/** Folds content lines at 75 octets (RFC 5545 §3.1). */
function fold(line: string) {
  const out: string[] = []
  let rest = line
  while (Buffer.byteLength(rest) > 75) {
    let cut = 75
    while (Buffer.byteLength(rest.slice(0, cut)) > 75) cut--
    out.push(rest.slice(0, cut))
    rest = ' ' + rest.slice(cut)
  }
  out.push(rest)
  return out.join('\r\n')
}

export async function icalFeed(token: string, now: Date): Promise<string | null> {
  if (!/^[0-9a-f]{48}$/.test(token)) return null
  const found = await db.rawQuery(`SELECT * FROM community_ical_resource(?)`, [token])
  const hit = found.rows[0] as { organisation_id: string; resource_id: string } | undefined
  if (!hit) return null
  if (!(await moduleAccess.isEnabledFor(hit.organisation_id, 'community'))) return null
  return withTenant(hit.organisation_id, async (trx) => {
    const resource = await trx
      .from('community_resources')
      .where('organisation_id', hit.organisation_id)
      .where('id', hit.resource_id)
      .select('id', 'name')
      .first()
    const since = new Date(now.getTime() - 30 * 86400_000)
    const rows = await trx
      .from('community_bookings')
      .where('organisation_id', hit.organisation_id)
      .where('resource_id', hit.resource_id)
      .whereIn('status', ['pending', 'confirmed', 'checked_in', 'checked_out'])
      .where('ends_at', '>', since)
      .orderBy('starts_at')
      .limit(5000)
      .select('id', 'starts_at', 'ends_at', 'status', 'updated_at')
    const lines = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//VME//Community bookings//FR',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      `X-WR-CALNAME:${escapeText(resource.name)}`,
    ]
    for (const b of rows) {
      lines.push(
        'BEGIN:VEVENT',
        `UID:${b.id}@community.vme`,
        `DTSTAMP:${stamp(b.updated_at)}`,
        `DTSTART:${stamp(b.starts_at)}`,
        `DTEND:${stamp(b.ends_at)}`,
        `SUMMARY:${escapeText(b.status === 'pending' ? 'Option / Optie' : 'Réservé / Gereserveerd')}`,
        `STATUS:${b.status === 'pending' ? 'TENTATIVE' : 'CONFIRMED'}`,
        'TRANSP:OPAQUE',
        'END:VEVENT'
      )
    }
    lines.push('END:VCALENDAR')
    return lines.map(fold).join('\r\n') + '\r\n'
  })
}
