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
    'community.moderate': ['admin', 'syndic'],
  },
  navigation: [
    {
      label: { fr: 'Communauté', nl: 'Gemeenschap', de: 'Gemeinschaft', en: 'Community' },
      href: '/app/modules/community',
      icon: 'users',
    },
  ],
}

export default manifest
