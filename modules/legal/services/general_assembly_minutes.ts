/*
| Seam for section 11 of the état daté ("minutes of the last two general assemblies",
| art. 3.94 §2 Civil Code). General assemblies come with the next legal issue (meetings,
| votes, minutes); until then there are none and the section says so. Replace the body
| with a query on the meetings' minutes — the état daté code needs no other change.
*/
export interface AssemblyMinutesSummary {
  meetingId: string
  kind: 'ordinary' | 'extraordinary'
  heldOn: string
  /** Short summary of decisions, printed in the état daté. */
  decisions: string[]
  /** Download path of the minutes PDF, when the platform has it. */
  minutesUrl: string | null
}

export async function lastTwoGeneralAssemblyMinutes(
  buildingId: string,
  asOf: string
): Promise<AssemblyMinutesSummary[]> {
  // Filled by the general assemblies (modules/legal/meetings, issue 10).
  const { lastTwoMeetingMinutes } = await import('../meetings/minutes_summary.js')
  return lastTwoMeetingMinutes(buildingId, asOf)
}
