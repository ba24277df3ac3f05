import { q } from './meeting_common.js'
import type { AssemblyMinutesSummary } from '../services/general_assembly_minutes.js'

/**
 * Section 11 of the état daté: the last two closed general meetings of the building held
 * on or before `asOf`, with their decisions and the minutes' download path.
 */
export async function lastTwoMeetingMinutes(
  buildingId: string,
  asOf: string
): Promise<AssemblyMinutesSummary[]> {
  const meetings = await q('legal_meetings')
    .where('building_id', buildingId)
    .where('status', 'closed')
    .whereRaw(`(scheduled_at AT TIME ZONE 'Europe/Brussels')::date <= ?::date`, [asOf])
    .orderBy('scheduled_at', 'desc')
    .limit(2)
  const out: AssemblyMinutesSummary[] = []
  for (const m of meetings as any[]) {
    const decisions = await q('legal_resolutions')
      .join('legal_agenda_items', (j) => {
        j.on('legal_agenda_items.id', 'legal_resolutions.agenda_item_id').andOn(
          'legal_agenda_items.organisation_id',
          'legal_resolutions.organisation_id'
        )
      })
      .where('legal_resolutions.meeting_id', m.id)
      .where('legal_resolutions.status', 'closed')
      .orderBy('legal_agenda_items.position')
      .select('legal_agenda_items.title', 'legal_resolutions.adopted', 'legal_resolutions.result')
    out.push({
      meetingId: m.id,
      kind: m.kind,
      heldOn: new Date(m.scheduled_at).toISOString().slice(0, 10),
      decisions: decisions.map(
        (d: any) =>
          `${d.title}: ${d.adopted ? 'adopted' : 'rejected'} (${d.result?.yes ?? 0} yes / ${d.result?.no ?? 0} no / ${d.result?.abstain ?? 0} abstentions)`
      ),
      minutesUrl: `/api/v1/meetings/${m.id}/minutes`,
    })
  }
  return out
}
