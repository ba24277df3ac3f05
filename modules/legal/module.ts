import type { ModuleManifest } from '#core_modules/module_manifest'

const nav = (fr: string, nl: string, de: string, en: string) => ({ fr, nl, de, en })

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
    // Tickets: co-owners report and follow their own; contractors see those assigned to them.
    'legal.tickets.create': ['admin', 'syndic', 'board_member', 'owner'],
    'legal.tickets.read': ['admin', 'syndic', 'accountant', 'board_member', 'owner', 'contractor'],
    'legal.tickets.work': ['admin', 'syndic', 'contractor'],
    // Work reports: written by contractors (their own only), reviewed by the syndic.
    'legal.work_reports.read': ['admin', 'syndic', 'accountant', 'board_member', 'contractor'],
    'legal.work_reports.write': ['admin', 'syndic', 'contractor'],
    // General assemblies: co-owners read their buildings' meetings, propose items, vote remotely.
    'legal.meetings.read': ['admin', 'syndic', 'accountant', 'board_member', 'owner'],
    'legal.meetings.write': ['admin', 'syndic'],
    'legal.meetings.propose': ['admin', 'syndic', 'board_member', 'owner'],
    'legal.meetings.vote': ['admin', 'syndic', 'board_member', 'owner'],
    // Staff pass the gate (so other organisations' ids answer 404) but are refused in the service.
    'legal.meetings.request': ['admin', 'syndic', 'board_member', 'owner'],
  },
  navigation: [
    {
      label: nav('État daté', 'Stand van zaken', 'Bescheinigungen', 'État daté'),
      href: '/app/legal/etat-dates',
      icon: 'scale',
    },
    {
      label: nav('Registres', 'Registers', 'Register', 'Registers'),
      href: '/app/legal/registers',
      icon: 'shield',
    },
    {
      label: nav(
        'Contrôles techniques',
        'Technische keuringen',
        'Technische Prüfungen',
        'Inspections'
      ),
      href: '/app/legal/inspections',
      icon: 'check',
    },
    {
      label: nav('Tickets', 'Meldingen', 'Meldungen', 'Tickets'),
      href: '/app/legal/tickets',
      icon: 'alert',
    },
    {
      label: nav('Rapports de travaux', 'Werkverslagen', 'Arbeitsberichte', 'Work reports'),
      href: '/app/legal/work-reports',
      icon: 'edit',
    },
    {
      label: nav(
        'Assemblées générales',
        'Algemene vergaderingen',
        'Versammlungen',
        'General meetings'
      ),
      href: '/app/legal/meetings',
      icon: 'users',
    },
  ],
  portalNavigation: [
    {
      label: nav(
        'Signaler un problème',
        'Een probleem melden',
        'Problem melden',
        'Report a problem'
      ),
      href: '/tickets',
      icon: 'alert',
    },
    {
      label: nav(
        'Assemblées générales',
        'Algemene vergaderingen',
        'Versammlungen',
        'General meetings'
      ),
      href: '/meetings',
      icon: 'users',
    },
  ],
}

export default manifest
