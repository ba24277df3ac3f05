import { DateTime } from 'luxon'
import { withTenant } from '#tenancy/tenant_context'
import { ensureStandardActivities } from '../../services/registers_service.js'
import ProcessingActivity from '../../models/processing_activity.js'
import Incident from '../../models/incident.js'

/**
 * Demo data of the gdpr module: the standard Art. 30 register plus one activity of the
 * firm's own (camera surveillance of a garage), and one past breach handled in time.
 */
export default async function (organisationId: string) {
  await withTenant(organisationId, async () => {
    await ensureStandardActivities()
    const exists = await ProcessingActivity.query()
      .where('title', 'Vidéosurveillance du parking')
      .first()
    if (!exists) {
      await ProcessingActivity.create({
        title: 'Vidéosurveillance du parking',
        purpose:
          'Protection des biens et des personnes dans le parking souterrain (loi caméras du 21 mars 2007).',
        legalBasis: 'legitimate_interests',
        dataSubjects: ['Occupants', 'Visiteurs', 'Prestataires'],
        dataCategories: ['Images vidéo'],
        recipients: ['Syndic', 'Services de police sur réquisition'],
        retention: '1 mois, sauf incident',
        transfersOutsideEea: false,
        securityMeasures:
          'Enregistreur dans un local fermé, accès du syndic uniquement, déclaration sur declarationcamera.be.',
        isStandard: false,
        code: null,
      })
    }
    const incident = await Incident.query()
      .where('title', 'Décompte envoyé au mauvais destinataire')
      .first()
    if (!incident) {
      const detected = DateTime.now().minus({ months: 4 }).set({ hour: 9, minute: 30 }).toUTC()
      await Incident.create({
        title: 'Décompte envoyé au mauvais destinataire',
        description:
          'Le décompte annuel de charges d’un copropriétaire a été envoyé par e-mail à un autre copropriétaire de la même résidence (erreur de sélection).',
        detectedAt: detected,
        occurredAt: detected.minus({ hours: 20 }),
        severity: 'low',
        status: 'closed',
        dataCategories: ['Identité', 'Montants des charges'],
        affectedSubjects: 1,
        consequences: 'Divulgation limitée du solde d’un copropriétaire à un voisin.',
        measures:
          'Le destinataire a confirmé la suppression du message ; double vérification des destinataires avant envoi.',
        notificationRequired: true,
        authorityNotifiedAt: detected.plus({ hours: 30 }),
        authorityReference: 'APD/GBA 2026-0117',
        subjectsNotifiedAt: detected.plus({ hours: 26 }),
        closedAt: detected.plus({ days: 12 }),
        reportedBy: null,
      })
    }
  })
}
