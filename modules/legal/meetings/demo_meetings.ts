import { withTenant } from '#tenancy/tenant_context'
import { buildingVotes, insertRow, participants, q, updateRow } from './meeting_common.js'
import {
  computeQuorum,
  GENESIS,
  tally,
  voteReceipt,
  type Choice,
  type Majority,
} from './meeting_rules.js'

/*
| Demo general assemblies for the first building: last spring's ordinary meeting, held,
| voted (chained receipts), closed and its minutes sent; and the next one, convened for
| in 25 days with its agenda (the convocations are listed as sent).
*/
export async function seedMeetings(organisationId: string) {
  await withTenant(organisationId, async () => {
    const building = await q('buildings').whereNull('archived_at').orderBy('name').first()
    if (!building) return
    if (await q('legal_meetings').where('building_id', building.id).first()) return
    const people = await participants(building.id)
    if (people.length === 0) return
    const total = await buildingVotes(building.id)
    const day = 86_400_000
    const held = new Date(Date.now() - 75 * day)
    held.setUTCHours(18, 0, 0, 0)

    const past = await insertRow('legal_meetings', {
      building_id: building.id,
      kind: 'ordinary',
      title: 'Assemblée générale ordinaire',
      scheduled_at: held,
      place: 'Salle polyvalente, Rue Royale 120, 1000 Bruxelles',
      video_url: 'https://meet.jit.si/ag-residence-demo',
      status: 'closed',
      convened_at: new Date(held.getTime() - 20 * day),
      opened_at: held,
    })
    const items: [string, Majority][] = [
      ['Approbation des comptes de l’exercice écoulé et décharge au syndic', 'absolute'],
      ['Remplacement de la chaudière collective (devis Vaillant Services)', 'two_thirds'],
      ['Ravalement de la façade avant — budget 48 500 EUR', 'two_thirds'],
    ]
    const agenda = []
    for (const [i, [title, majority]] of items.entries()) {
      agenda.push(
        await insertRow('legal_agenda_items', {
          meeting_id: past.id,
          position: i + 1,
          title,
          majority,
        })
      )
    }
    // Everybody but the last co-owner attends; one of them remotely.
    const attending = people.slice(0, Math.max(1, people.length - 1))
    for (const [i, p] of attending.entries()) {
      await insertRow('legal_meeting_attendance', {
        meeting_id: past.id,
        owner_id: p.ownerId,
        status: 'present',
        remote: i === 1,
      })
    }
    const quorum = computeQuorum({
      totalOwners: people.length,
      totalVotes: total,
      attendingOwners: attending.length,
      attendingVotes: attending.reduce((s, p) => s + p.votes, 0),
    })
    let previous = GENESIS
    let seq = 0
    const weights = new Map(attending.map((p) => [p.ownerId, p.votes]))
    for (const [i, item] of agenda.entries()) {
      const opened = new Date(held.getTime() + (i + 1) * 15 * 60_000)
      const resolution = await insertRow('legal_resolutions', {
        meeting_id: past.id,
        agenda_item_id: item.id,
        majority: item.majority,
        opened_at: opened,
      })
      const ballots: { voterKey: string; choice: Choice; votes: number }[] = []
      for (const [j, p] of attending.entries()) {
        const choice: Choice = i === 2 && j === 0 ? 'no' : i === 1 && j === 1 ? 'abstain' : 'yes'
        for (const unit of p.units) {
          const castAt = new Date(opened.getTime() + (j + 1) * 20_000)
          const receipt = voteReceipt({
            previousReceipt: previous,
            resolutionId: resolution.id,
            unitId: unit.unitId,
            choice,
            votes: unit.quota,
            castAt: castAt.toISOString(),
          })
          await insertRow('legal_votes', {
            meeting_id: past.id,
            resolution_id: resolution.id,
            seq: ++seq,
            unit_id: unit.unitId,
            owner_id: p.ownerId,
            channel: j === 1 ? 'remote' : 'room',
            choice,
            votes: unit.quota,
            cast_at: castAt,
            previous_receipt: previous,
            receipt,
          })
          previous = receipt
          ballots.push({ voterKey: p.ownerId, choice, votes: unit.quota })
        }
      }
      const result = tally({
        majority: item.majority,
        ballots,
        attendingWeights: weights,
        totalVotes: total,
      })
      const names = (c: Choice) =>
        attending
          .filter((p) => ballots.some((b) => b.voterKey === p.ownerId && b.choice === c))
          .map((p) => p.name)
      await updateRow('legal_resolutions', resolution.id, {
        status: 'closed',
        adopted: result.adopted,
        result: JSON.stringify({ ...result, against: names('no'), abstained: names('abstain') }),
        closed_at: new Date(opened.getTime() + 10 * 60_000),
      })
    }
    await updateRow('legal_meetings', past.id, {
      quorum: JSON.stringify({ ...quorum, required: true }),
      closed_at: new Date(held.getTime() + 2 * 3_600_000),
      final_digest: previous,
      minutes_sent_at: new Date(held.getTime() + 9 * day),
    })

    const next = new Date(Date.now() + 25 * day)
    next.setUTCHours(18, 30, 0, 0)
    const upcoming = await insertRow('legal_meetings', {
      building_id: building.id,
      kind: 'ordinary',
      title: 'Assemblée générale ordinaire — budget et travaux',
      scheduled_at: next,
      place: 'Salle polyvalente, Rue Royale 120, 1000 Bruxelles',
      video_url: 'https://meet.jit.si/ag-residence-demo',
      status: 'convened',
      convened_at: new Date(),
    })
    const upcomingItems: [string, Majority][] = [
      ['Approbation des comptes et du budget prévisionnel', 'absolute'],
      ['Installation de bornes de recharge au parking', 'two_thirds'],
      ['Modification du règlement d’ordre intérieur (animaux)', 'four_fifths'],
    ]
    for (const [i, [title, majority]] of upcomingItems.entries()) {
      await insertRow('legal_agenda_items', {
        meeting_id: upcoming.id,
        position: i + 1,
        title,
        majority,
      })
    }
    for (const p of people) {
      await insertRow('legal_meeting_notices', {
        meeting_id: upcoming.id,
        owner_id: p.ownerId,
        kind: 'convocation',
        channel: p.acceptsElectronicNotices ? 'email' : 'registered_letter',
        locale: p.locale ?? 'fr',
        status: p.acceptsElectronicNotices ? 'sent' : 'to_print',
        email: p.acceptsElectronicNotices ? p.email : null,
        sent_at: p.acceptsElectronicNotices ? new Date() : null,
      })
    }
  })
}
