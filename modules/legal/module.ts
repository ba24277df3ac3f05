import type { ModuleManifest } from '#core_modules/module_manifest'

const manifest: ModuleManifest = {
  key: 'legal',
  names: { fr: 'Juridique', nl: 'Juridisch', de: 'Recht', en: 'Legal' },
  descriptions: {
    fr: 'État daté, assemblées générales, contrôles techniques, rapports de travaux.',
    nl: 'Stand van zaken, algemene vergaderingen, technische keuringen, werkverslagen.',
    de: 'Bescheinigungen, Eigentümerversammlungen, technische Prüfungen, Arbeitsberichte.',
    en: 'Notary statements, general assemblies, technical inspections, work reports.',
  },
  required: false,
  dependsOn: [],
  permissions: {
    'legal.read': ['admin', 'syndic', 'accountant', 'board_member'],
    'legal.write': ['admin', 'syndic'],
  },
  navigation: [
    {
      label: { fr: 'Juridique', nl: 'Juridisch', de: 'Recht', en: 'Legal' },
      href: '/app/modules/legal',
      icon: 'scale',
    },
  ],
}

export default manifest
