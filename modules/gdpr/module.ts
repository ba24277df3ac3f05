import type { ModuleManifest } from '#core_modules/module_manifest'

const manifest: ModuleManifest = {
  key: 'gdpr',
  names: { fr: 'RGPD', nl: 'AVG', de: 'DSGVO', en: 'GDPR' },
  descriptions: {
    fr: 'Droits des personnes (accès, effacement, rectification), registre des traitements.',
    nl: 'Rechten van betrokkenen (inzage, wissing, rectificatie), verwerkingsregister.',
    de: 'Betroffenenrechte (Auskunft, Löschung, Berichtigung), Verarbeitungsverzeichnis.',
    en: 'Data-subject rights (access, erasure, rectification), processing register.',
  },
  required: true,
  dependsOn: [],
  permissions: {
    'gdpr.read': ['admin', 'syndic', 'accountant', 'board_member', 'owner', 'contractor'],
    'gdpr.admin': ['admin'],
  },
  // Staff: the registers (admins). Co-owners: "My data" in their portal.
  navigation: [
    {
      label: { fr: 'RGPD', nl: 'AVG', de: 'DSGVO', en: 'GDPR' },
      href: '/app/gdpr/requests',
      icon: 'shield',
    },
  ],
  portalNavigation: [
    {
      label: { fr: 'Mes données', nl: 'Mijn gegevens', de: 'Meine Daten', en: 'My data' },
      href: '/my-data',
      icon: 'shield',
    },
  ],
}

export default manifest
