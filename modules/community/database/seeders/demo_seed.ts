import { randomBytes } from 'node:crypto'
import { withTenant } from '#tenancy/tenant_context'

/*
| Community demo data for the organisation made by the core demo seeder: in its first
| building, an active poll with votes, published notices (one public, one for sale,
| one event) with a comment, skills with endorsements, and a bookable room with
| upcoming bookings (one pending approval). Idempotent enough: skipped when the
| building already has community data.
*/
export default async function (organisationId: string) {
  await withTenant(organisationId, async (trx) => {
    const building = await trx
      .from('buildings')
      .where('organisation_id', organisationId)
      .orderBy('created_at')
      .select('id', 'name')
      .first()
    if (!building) return
    const already = await trx
      .from('community_resources')
      .where('organisation_id', organisationId)
      .select('id')
      .first()
    if (already) return

    const ownersRes = await trx.rawQuery(
      `SELECT DISTINCT o.id, o.user_id, o.first_name FROM owners o
         JOIN unit_owners uo ON uo.organisation_id = o.organisation_id AND uo.owner_id = o.id
         JOIN units u ON u.organisation_id = uo.organisation_id AND u.id = uo.unit_id
        WHERE o.organisation_id = ? AND u.building_id = ? AND uo.end_date IS NULL
        ORDER BY o.first_name NULLS LAST LIMIT 6`,
      [organisationId, building.id]
    )
    const owners = ownersRes.rows as {
      id: string
      user_id: string | null
      first_name: string | null
    }[]
    if (owners.length < 2) return
    const day = 86400_000
    const now = Date.now()
    const at = (days: number, hour: number) => {
      const d = new Date(now + days * day)
      d.setUTCHours(hour - 1, 0, 0, 0) // ≈ Brussels local hour in winter
      return d
    }

    // Poll: active, non-anonymous multiple choice with some votes.
    const [poll] = await trx
      .table('community_polls')
      .insert({
        organisation_id: organisationId,
        building_id: building.id,
        question: 'Quelle couleur pour la cage d’escalier ? / Welke kleur voor de traphal?',
        description: 'Les travaux de peinture sont prévus au printemps.',
        type: 'multiple_choice',
        status: 'active',
        ends_at: new Date(now + 14 * day),
        published_at: new Date(now - day),
      })
      .returning('*')
    const options = await trx
      .table('community_poll_options')
      .multiInsert(
        ['Blanc cassé / Gebroken wit', 'Vert sauge / Saliegroen', 'Gris perle / Parelgrijs'].map(
          (label, position) => ({
            organisation_id: organisationId,
            poll_id: poll.id,
            label,
            position,
          })
        )
      )
      .returning('id')
    for (const [i, o] of owners.slice(0, 3).entries()) {
      await trx
        .table('community_poll_participations')
        .insert({ organisation_id: organisationId, poll_id: poll.id, owner_id: o.id })
      await trx.table('community_poll_votes').insert({
        organisation_id: organisationId,
        poll_id: poll.id,
        owner_id: o.id,
        option_ids: [options[i % 2].id],
        created_at: new Date(now - (i + 1) * 3600_000),
      })
    }

    // Notices.
    const notice = async (values: Record<string, unknown>, authorIndex: number) => {
      const author = owners[authorIndex % owners.length]
      const [row] = await trx
        .table('community_notices')
        .insert({
          organisation_id: organisationId,
          building_id: building.id,
          author_user_id: author.user_id,
          author_owner_id: author.id,
          status: 'published',
          published_at: new Date(now - authorIndex * day),
          ...values,
        })
        .returning('*')
      return row
    }
    const bike = await notice(
      {
        category: 'for_sale',
        title: 'Vélo cargo à vendre',
        body: 'Vélo cargo électrique, batterie remplacée en 2025. À venir voir au garage vélos.',
        visibility: 'public',
        price: '950.00',
      },
      0
    )
    await notice(
      {
        category: 'event',
        title: 'Fête des voisins / Burendag',
        body: 'Rendez-vous dans le jardin à 18 h, chacun apporte un plat.',
        visibility: 'building',
        event_date: new Date(now + 10 * day).toISOString().slice(0, 10),
      },
      1
    )
    await notice(
      {
        category: 'lost_found',
        title: 'Clé trouvée dans le hall',
        body: 'Une clé avec un porte-clés rouge. Elle est chez le concierge.',
        visibility: 'building',
      },
      2
    )
    await trx.table('community_notice_comments').insert({
      organisation_id: organisationId,
      notice_id: bike.id,
      author_user_id: owners[1].user_id,
      author_owner_id: owners[1].id,
      body: 'Est-il encore disponible ce week-end ?',
    })

    // Skills and endorsements.
    const skills = await trx
      .table('community_skills')
      .multiInsert([
        {
          organisation_id: organisationId,
          owner_id: owners[0].id,
          category: 'hobby',
          name: 'Réparation de vélos',
          description: 'Freins, dérailleurs, crevaisons.',
          level: 'expert',
          hourly_rate: null,
          available: true,
        },
        {
          organisation_id: organisationId,
          owner_id: owners[1].id,
          category: 'language',
          name: 'Cours de néerlandais / Bijles Nederlands',
          description: 'Conversation, niveau A2 à B2.',
          level: 'advanced',
          hourly_rate: '15.00',
          available: true,
        },
        {
          organisation_id: organisationId,
          owner_id: owners[1].id,
          category: 'professional',
          name: 'Aide informatique',
          description: 'Installation, sauvegardes, imprimantes.',
          level: 'intermediate',
          hourly_rate: null,
          available: false,
        },
      ])
      .returning('id')
    await trx.table('community_skill_endorsements').insert({
      organisation_id: organisationId,
      skill_id: skills[0].id,
      endorser_owner_id: owners[1].id,
      endorser_user_id: owners[1].user_id,
      comment: 'Mon vélo n’a jamais aussi bien roulé !',
    })

    // A bookable room (approval needed) with two upcoming bookings.
    const [room] = await trx
      .table('community_resources')
      .insert({
        organisation_id: organisationId,
        building_id: building.id,
        name: 'Salle polyvalente',
        type: 'room',
        description: 'Rez-de-chaussée, 30 personnes, cuisine équipée.',
        capacity: 30,
        deposit_amount: null,
        requires_approval: true,
        max_booking_hours: 6,
        advance_booking_days: 60,
        max_concurrent_bookings: 2,
        opening_hours: JSON.stringify(
          Object.fromEntries(
            ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [
              d,
              [{ from: '08:00', to: '23:00' }],
            ])
          )
        ),
        ical_token: randomBytes(24).toString('hex'),
      })
      .returning('*')
    await trx.table('community_resources').insert({
      organisation_id: organisationId,
      building_id: building.id,
      name: 'Buanderie',
      type: 'laundry',
      requires_approval: false,
      max_booking_hours: 3,
      advance_booking_days: 14,
      ical_token: randomBytes(24).toString('hex'),
    })
    await trx.table('community_bookings').multiInsert([
      {
        organisation_id: organisationId,
        resource_id: room.id,
        building_id: building.id,
        owner_id: owners[0].id,
        starts_at: at(3, 18),
        ends_at: at(3, 22),
        status: 'confirmed',
        notes: 'Anniversaire',
      },
      {
        organisation_id: organisationId,
        resource_id: room.id,
        building_id: building.id,
        owner_id: owners[1].id,
        starts_at: at(6, 14),
        ends_at: at(6, 17),
        status: 'pending',
        notes: 'Réunion du club de lecture',
      },
    ])
  })
}
