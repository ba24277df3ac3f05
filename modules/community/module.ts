import type { ModuleManifest } from '#core_modules/module_manifest'

const manifest: ModuleManifest = {
  key: 'community',
  names: { fr: 'Communauté', nl: 'Gemeenschap', de: 'Gemeinschaft', en: 'Community' },
  descriptions: {
    fr: 'Sondages, valves, annuaire des compétences, réservation d’espaces.',
    nl: 'Peilingen, prikbord, vaardighedengids, reservatie van ruimtes.',
    de: 'Umfragen, Schwarzes Brett, Kompetenzverzeichnis, Raumbuchung.',
    en: 'Polls, notice board, skills directory, resource booking.',
  },
  required: false,
  dependsOn: [],
  permissions: {
    'community.read': ['admin', 'syndic', 'accountant', 'board_member', 'owner'],
    // Take part: vote, book, post notices and comments, list skills, endorse.
    'community.participate': ['admin', 'syndic', 'board_member', 'owner'],
    'community.moderate': ['admin', 'syndic'],
  },
  navigation: [
    {
      label: { fr: 'Modération', nl: 'Moderatie', de: 'Moderation', en: 'Moderation' },
      href: '/app/community/moderation',
      icon: 'shield',
    },
    {
      label: {
        fr: 'Espaces réservables',
        nl: 'Reserveerbare ruimtes',
        de: 'Buchbare Räume',
        en: 'Bookable resources',
      },
      href: '/app/community/resources',
      icon: 'building',
    },
    {
      label: {
        fr: 'Réservations à approuver',
        nl: 'Te keuren reservaties',
        de: 'Zu genehmigende Buchungen',
        en: 'Booking approvals',
      },
      href: '/app/community/approvals',
      icon: 'check',
    },
    {
      label: {
        fr: 'Statistiques communauté',
        nl: 'Statistieken gemeenschap',
        de: 'Statistik Gemeinschaft',
        en: 'Community statistics',
      },
      href: '/app/community/statistics',
      icon: 'sparkle',
    },
  ],
  portalNavigation: [
    {
      label: { fr: 'Sondages', nl: 'Peilingen', de: 'Umfragen', en: 'Polls' },
      href: '/polls',
      icon: 'check',
    },
    {
      label: { fr: 'Valves', nl: 'Prikbord', de: 'Schwarzes Brett', en: 'Notice board' },
      href: '/board',
      icon: 'bell',
    },
    {
      label: { fr: 'Compétences', nl: 'Vaardigheden', de: 'Kompetenzen', en: 'Skills' },
      href: '/skills',
      icon: 'users',
    },
    {
      label: { fr: 'Réserver', nl: 'Reserveren', de: 'Buchen', en: 'Book' },
      href: '/resources',
      icon: 'door',
    },
    {
      label: {
        fr: 'Mes réservations',
        nl: 'Mijn reservaties',
        de: 'Meine Buchungen',
        en: 'My bookings',
      },
      href: '/bookings',
      icon: 'key',
    },
  ],
}

export default manifest
