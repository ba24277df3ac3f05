import { fixtureCreators } from '#tests/contracts/fixtures'

/*
| Cross-organisation fixtures of the legal module: one row of each resource in the
| given organisation, created through the API, so the contract suite can aim org A's
| calls at org B's real ids (`/etat-dates/:id`, `/disputes/:id`, `/tickets/:id`…).
*/
fixtureCreators.push(async ({ core, api }) => {
  const must = async (method: string, path: string, body?: unknown) => {
    const res = await api(method.toUpperCase(), `/api/v1${path}`, body)
    if (res.status >= 300)
      throw new Error(`legal fixture ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`)
    return res.body
  }
  const b = core.buildingId
  await must('post', `/units/${core.unitId}/etat-date`, {
    requestedBy: { notaryName: 'Maître Fixture', notaryEmail: 'fixture@notaire.test' },
  })
  await must('post', `/buildings/${b}/disputes`, {
    kind: 'dispute',
    title: 'Fixture',
    openedOn: '2026-01-05',
  })
  const contract = await must('post', `/buildings/${b}/insurance-contracts`, {
    insurer: 'AXA',
    policyNumber: 'FX-1',
    cover: 'Incendie',
    premium: '100.00',
    renewalDate: '2027-01-01',
  })
  await must('post', `/buildings/${b}/insurance-claims`, {
    insuranceContractId: contract.id,
    claimDate: '2026-01-05',
    description: 'Fixture',
    amount: '10.00',
  })
  await must('post', `/buildings/${b}/service-contracts`, {
    supplier: 'Fixture',
    object: 'Nettoyage',
    startDate: '2026-01-01',
    amount: '50.00',
  })
  await must('post', `/buildings/${b}/technical-inspections`, {
    type: 'gas',
    scheduledDate: '2026-06-01',
  })
  const contractor = await must('post', '/contractors', {
    name: 'Fixture SRL',
    email: `fx-${core.unitId.slice(0, 8)}@contractor.test`,
  })
  const ticket = await must('post', `/buildings/${b}/tickets`, {
    title: 'Fixture',
    description: 'Fixture',
    category: 'other',
  })
  await must('post', '/work-reports', {
    buildingId: b,
    contractorId: contractor.id,
    ticketId: ticket.id,
    title: 'Fixture',
    description: 'Fixture',
    workDate: '2026-01-05',
    hoursWorked: 1,
  })
})

// General assemblies (issue 10): a convened, open meeting with an agenda item put to the vote.
fixtureCreators.push(async ({ core, api }) => {
  const must = async (method: string, path: string, body?: unknown) => {
    const res = await api(method.toUpperCase(), `/api/v1${path}`, body)
    if (res.status >= 300)
      throw new Error(
        `meetings fixture ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`
      )
    return res.body
  }
  const scheduledAt = new Date(Date.now() + 20 * 86_400_000).toISOString()
  const meeting = await must('post', `/buildings/${core.buildingId}/meetings`, {
    kind: 'ordinary',
    title: 'Fixture AG',
    scheduledAt,
    place: 'Fixture',
  })
  const item = await must('post', `/meetings/${meeting.id}/agenda-items`, { title: 'Fixture' })
  await must('post', `/meetings/${meeting.id}/convocations/send`)
  await must('post', `/meetings/${meeting.id}/attendance`, {
    ownerId: core.ownerId,
    status: 'present',
  })
  await must('put', `/meetings/${meeting.id}/open`)
  await must('post', `/meetings/${meeting.id}/resolutions`, { agendaItemId: item.id })
})
