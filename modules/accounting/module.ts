import type { ModuleManifest } from '#core_modules/module_manifest'

const manifest: ModuleManifest = {
  key: 'accounting',
  names: { fr: 'Comptabilité', nl: 'Boekhouding', de: 'Buchhaltung', en: 'Accounting' },
  descriptions: {
    fr: 'Plan comptable PCMN, écritures, budgets, appels de fonds, paiements.',
    nl: 'MAR-rekeningstelsel, boekingen, budgetten, provisieoproepen, betalingen.',
    de: 'Kontenrahmen, Buchungen, Budgets, Vorschussanforderungen, Zahlungen.',
    en: 'PCMN chart of accounts, journal entries, budgets, calls for funds, payments.',
  },
  required: false,
  dependsOn: [],
  permissions: {
    'accounting.read': ['admin', 'syndic', 'accountant', 'board_member'],
    'accounting.write': ['admin', 'syndic', 'accountant'],
  },
  navigation: [
    {
      label: { fr: 'Comptabilité', nl: 'Boekhouding', de: 'Buchhaltung', en: 'Accounting' },
      href: '/app/modules/accounting',
      icon: 'calculator',
    },
  ],
}

export default manifest
