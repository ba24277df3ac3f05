import { fixtureCreators } from '#tests/contracts/fixtures'

/*
| Community resources of the contract organisation, made through the API (as the
| admin; co-owner actions on behalf of the core co-owner) so the cross-organisation
| walk hits real ids for every community route.
*/
fixtureCreators.push(async ({ org, core, api }) => {
  const { buildingId, ownerId } = core
  const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString()

  const resource = await api('post', '/resources', {
    buildingId,
    name: 'Contract room',
    type: 'room',
    requiresApproval: true,
  })
  if (resource.status === 201 && ownerId) {
    await api('post', `/resources/${resource.body.id}/bookings`, {
      startsAt: inHours(48),
      endsAt: inHours(49),
      ownerId,
    })
  }

  const poll = await api('post', '/polls', {
    buildingId,
    question: 'Contract poll',
    type: 'yes_no',
    endsAt: inHours(72),
  })
  if (poll.status === 201) {
    await api('put', `/polls/${poll.body.id}/publish`)
    if (ownerId)
      await api('post', `/polls/${poll.body.id}/vote`, {
        optionIds: [poll.body.options[0].id],
        ownerId,
      })
  }

  const notice = await api('post', '/notices', {
    buildingId,
    category: 'announcement',
    title: 'Contract notice',
    body: 'Body',
    visibility: 'building',
  })
  if (notice.status === 201) {
    await api('put', `/notices/${notice.body.id}/publish`)
    await api('post', `/notices/${notice.body.id}/comments`, { body: 'Contract comment' })
  }

  if (ownerId) {
    const skill = await api('post', '/skills', {
      ownerId,
      category: 'hobby',
      name: 'Contract skill',
      level: 'beginner',
      available: true,
    })
    // The admin endorses through an owner record of their own.
    const me = await api('post', '/owners', {
      kind: 'person',
      firstName: 'Admin',
      lastName: 'Owner',
      email: `admin-owner-${org.organisationId.slice(0, 8)}@example.test`,
      userId: org.userId,
    })
    if (skill.status === 201 && me.status === 201)
      await api('post', `/skills/${skill.body.id}/endorsements`, { comment: 'Contract' })
  }
})
