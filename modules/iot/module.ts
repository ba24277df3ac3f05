import type { ModuleManifest } from '#core_modules/module_manifest'

const manifest: ModuleManifest = {
  key: 'iot',
  names: { fr: 'Compteurs & IoT', nl: 'Meters & IoT', de: 'Zähler & IoT', en: 'Meters & IoT' },
  descriptions: {
    fr: 'Compteurs Linky/Ores, relevés, anomalies, clés de répartition à la consommation.',
    nl: 'Linky/Ores-meters, meterstanden, afwijkingen, verdeelsleutels op verbruik.',
    de: 'Linky/Ores-Zähler, Messwerte, Anomalien, verbrauchsbasierte Verteilerschlüssel.',
    en: 'Linky/Ores meters, readings, anomalies, consumption-based charge keys.',
  },
  required: false,
  dependsOn: [],
  permissions: {
    'iot.read': ['admin', 'syndic', 'accountant', 'board_member'],
    'iot.write': ['admin', 'syndic'],
  },
  navigation: [
    {
      label: { fr: 'Compteurs & IoT', nl: 'Meters & IoT', de: 'Zähler & IoT', en: 'Meters & IoT' },
      href: '/app/iot',
      icon: 'bolt',
    },
  ],
  portalNavigation: [
    {
      label: {
        fr: 'Ma consommation',
        nl: 'Mijn verbruik',
        de: 'Mein Verbrauch',
        en: 'My consumption',
      },
      href: '/iot',
      icon: 'bolt',
    },
  ],
}

export default manifest
