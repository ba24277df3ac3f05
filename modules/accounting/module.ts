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
  // Ledger: staff and the accountant write, the council (board_member) reads.
  // The funds half may add its own entries below.
  permissions: {
    'accounting.read': ['admin', 'syndic', 'accountant', 'board_member'],
    'accounting.write': ['admin', 'syndic', 'accountant'],
    'accounting.ledger.read': ['admin', 'syndic', 'accountant', 'board_member'],
    'accounting.chart.write': ['admin', 'syndic', 'accountant'],
    'accounting.journal.write': ['admin', 'syndic', 'accountant'],
    'accounting.closing.write': ['admin', 'syndic', 'accountant'],
    // Funds: budgets, calls for funds, payments, arrears (staff write, council reads);
    // the portal permission lets a co-owner see and pay their own account.
    'accounting.funds.read': ['admin', 'syndic', 'accountant', 'board_member'],
    'accounting.funds.write': ['admin', 'syndic', 'accountant'],
    'accounting.portal': ['admin', 'syndic', 'accountant', 'board_member', 'owner'],
  },
  navigation: [
    {
      label: { fr: 'Comptabilité', nl: 'Boekhouding', de: 'Buchhaltung', en: 'Accounting' },
      href: '/app/modules/accounting',
      icon: 'calculator',
    },
    {
      label: {
        fr: 'Plan comptable',
        nl: 'Rekeningstelsel',
        de: 'Kontenplan',
        en: 'Chart of accounts',
      },
      href: '/app/accounting/chart',
      icon: 'calculator',
    },
    {
      label: { fr: 'Journal', nl: 'Dagboek', de: 'Journal', en: 'Journal' },
      href: '/app/accounting/journal',
      icon: 'edit',
    },
    {
      label: { fr: 'Balance', nl: 'Saldibalans', de: 'Saldenbilanz', en: 'Trial balance' },
      href: '/app/accounting/trial-balance',
      icon: 'scale',
    },
    {
      label: { fr: 'Rapports', nl: 'Rapporten', de: 'Berichte', en: 'Reports' },
      href: '/app/accounting/reports',
      icon: 'info',
    },
    {
      label: { fr: 'Budgets', nl: 'Budgetten', de: 'Budgets', en: 'Budgets' },
      href: '/app/accounting/budgets',
      icon: 'calculator',
    },
    {
      label: {
        fr: 'Appels de fonds',
        nl: 'Provisieoproepen',
        de: 'Vorschussanforderungen',
        en: 'Calls for funds',
      },
      href: '/app/accounting/calls',
      icon: 'mail',
    },
    {
      label: {
        fr: 'Paiements et arriérés',
        nl: 'Betalingen en achterstallen',
        de: 'Zahlungen und Rückstände',
        en: 'Payments and arrears',
      },
      href: '/app/accounting/payments',
      icon: 'check',
    },
  ],
  portalNavigation: [
    {
      label: { fr: 'Mon compte', nl: 'Mijn rekening', de: 'Mein Konto', en: 'My account' },
      href: '/accounting/balance',
      icon: 'calculator',
    },
    {
      label: {
        fr: 'Mes appels de fonds',
        nl: 'Mijn provisieoproepen',
        de: 'Meine Vorschussanforderungen',
        en: 'My calls for funds',
      },
      href: '/accounting/calls',
      icon: 'mail',
    },
  ],
}

export default manifest
