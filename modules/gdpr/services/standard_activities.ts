/*
| The standard Art. 30 register of a Belgian syndic firm, seeded once per organisation
| (editable by its admin). Wording in French, the organisation default; the admin adapts
| it. Retention periods follow Belgian law (Code civil livre 3 for the co-ownership
| records, Code de droit économique art. III.86 for the 7-year accounting retention).
*/
export interface StandardActivity {
  code: string
  title: string
  purpose: string
  legalBasis: string
  dataSubjects: string[]
  dataCategories: string[]
  recipients: string[]
  retention: string
  securityMeasures: string
}

const SECURITY =
  'Hébergement UE, chiffrement TLS, isolation par organisation (RLS), authentification à deux facteurs pour le personnel, journal d’audit.'

export const STANDARD_ACTIVITIES: StandardActivity[] = [
  {
    code: 'owners_register',
    title: 'Tenue de la liste des copropriétaires',
    purpose:
      'Identifier les copropriétaires, leurs lots et quotes-parts, les convoquer et leur adresser les documents de la copropriété.',
    legalBasis: 'legal_obligation',
    dataSubjects: ['Copropriétaires', 'Mandataires'],
    dataCategories: ['Identité', 'Coordonnées', 'Lots et quotes-parts', 'Langue'],
    recipients: ['Syndic', 'Conseil de copropriété', 'Notaires (mutations)'],
    retention: 'Durée de la propriété + 10 ans',
    securityMeasures: SECURITY,
  },
  {
    code: 'accounting',
    title: 'Comptabilité, appels de fonds et paiements',
    purpose:
      'Répartir les charges, appeler les provisions, enregistrer les paiements et tenir les comptes de l’ACP.',
    legalBasis: 'legal_obligation',
    dataSubjects: ['Copropriétaires', 'Fournisseurs'],
    dataCategories: ['Identité', 'IBAN', 'Soldes et paiements'],
    recipients: ['Syndic', 'Commissaire aux comptes', 'Expert-comptable'],
    retention: '7 ans après la clôture de l’exercice',
    securityMeasures: SECURITY,
  },
  {
    code: 'general_meetings',
    title: 'Assemblées générales et votes',
    purpose:
      'Convoquer, tenir les présences et procurations, enregistrer les votes et rédiger les procès-verbaux.',
    legalBasis: 'legal_obligation',
    dataSubjects: ['Copropriétaires', 'Mandataires'],
    dataCategories: ['Identité', 'Quotes-parts', 'Votes', 'Procurations'],
    recipients: ['Copropriétaires (procès-verbal)', 'Syndic'],
    retention: 'Durée de vie de l’association des copropriétaires',
    securityMeasures: SECURITY,
  },
  {
    code: 'portal_accounts',
    title: 'Comptes du portail et sécurité',
    purpose:
      'Donner accès au portail, authentifier les utilisateurs, prévenir les abus et tracer les actions.',
    legalBasis: 'legitimate_interests',
    dataSubjects: ['Utilisateurs du portail', 'Personnel du syndic'],
    dataCategories: ['Identifiants', 'Adresse IP', 'Journal d’activité'],
    recipients: ['Syndic', 'Sous-traitant d’hébergement (UE)'],
    retention: 'Compte : durée de la relation ; journal d’audit : 7 ans',
    securityMeasures: SECURITY,
  },
  {
    code: 'works_contractors',
    title: 'Travaux, entretien et prestataires',
    purpose:
      'Commander et suivre les travaux, gérer les sinistres et les interventions dans les parties communes.',
    legalBasis: 'contract',
    dataSubjects: ['Prestataires', 'Copropriétaires concernés'],
    dataCategories: ['Identité', 'Coordonnées', 'Rapports d’intervention'],
    recipients: ['Syndic', 'Assureur', 'Prestataires'],
    retention: '10 ans (responsabilité décennale)',
    securityMeasures: SECURITY,
  },
  {
    code: 'legal_procedures',
    title: 'Recouvrement et procédures judiciaires',
    purpose: 'Recouvrer les charges impayées et défendre les intérêts de l’ACP en justice.',
    legalBasis: 'legitimate_interests',
    dataSubjects: ['Copropriétaires débiteurs', 'Parties adverses'],
    dataCategories: ['Identité', 'Soldes', 'Pièces de procédure'],
    recipients: ['Avocats', 'Huissiers de justice', 'Juridictions'],
    retention: 'Fin de la procédure + 5 ans',
    securityMeasures: SECURITY,
  },
  {
    code: 'community',
    title: 'Communication et vie de la copropriété',
    purpose: 'Publier des avis, réservations d’espaces communs et échanges entre copropriétaires.',
    legalBasis: 'legitimate_interests',
    dataSubjects: ['Copropriétaires', 'Occupants'],
    dataCategories: ['Identité', 'Messages', 'Réservations'],
    recipients: ['Copropriétaires de l’immeuble', 'Syndic'],
    retention: '2 ans après publication',
    securityMeasures: SECURITY,
  },
  {
    code: 'metering',
    title: 'Relevés de compteurs et capteurs',
    purpose: 'Répartir les consommations et détecter les fuites ou anomalies.',
    legalBasis: 'contract',
    dataSubjects: ['Copropriétaires', 'Occupants'],
    dataCategories: ['Relevés de consommation par lot'],
    recipients: ['Syndic', 'Fournisseurs d’énergie'],
    retention: '7 ans (pièces comptables de répartition)',
    securityMeasures: SECURITY,
  },
  {
    code: 'newsletter',
    title: 'Lettre d’information',
    purpose: 'Informer les copropriétaires des services du syndic.',
    legalBasis: 'consent',
    dataSubjects: ['Copropriétaires ayant consenti'],
    dataCategories: ['Nom', 'Adresse e-mail'],
    recipients: ['Syndic'],
    retention: 'Jusqu’au retrait du consentement',
    securityMeasures: SECURITY,
  },
]
