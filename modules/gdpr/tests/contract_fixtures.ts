import { fixtureCreators } from '#tests/contracts/fixtures'

/*
| Cross-organisation fixtures of the gdpr module: one processing activity and one breach
| in the given organisation, made through the API (full /api/v1 paths: `api` does not prefix), so the contract suite can aim org A's
| user at org B's `/gdpr/processing-activities/:id` and `/gdpr/incidents/:id`.
*/
fixtureCreators.push(async ({ api }) => {
  const activity = await api('POST', '/api/v1/gdpr/processing-activities', {
    title: 'Contrôle d’accès par badge',
    purpose: 'Gestion des badges d’accès à l’immeuble.',
    legalBasis: 'legitimate_interests',
    dataSubjects: ['Occupants'],
    dataCategories: ['Identifiant de badge', 'Horodatage des passages'],
    retention: '6 mois',
  })
  if (activity.status !== 201) throw new Error(`gdpr fixture activity: ${activity.status}`)
  const incident = await api('POST', '/api/v1/gdpr/incidents', {
    title: 'Courrier mal adressé',
    description: 'Un décompte a été envoyé au mauvais copropriétaire.',
    detectedAt: new Date(Date.now() - 3600_000).toISOString(),
    severity: 'low',
  })
  if (incident.status !== 201) throw new Error(`gdpr fixture incident: ${incident.status}`)
})
