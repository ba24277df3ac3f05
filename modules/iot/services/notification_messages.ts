import type { MessageCatalog } from '#services/notification_messages'

/*
| The IoT module's notification texts (registered by the provider). The anomaly
| notification is rendered in each recipient's language by the core notify().
*/
const fr: MessageCatalog = {
  'iot.anomaly_detected.title':
    'Consommation anormale le {day:date} ({pct:number} % de la moyenne)',
  'iot.anomaly_detected.body':
    '{device} : {value:number} Wh, moyenne des 7 jours précédents {baseline:number} Wh.',
  'iot.anomaly_detected.meter': 'Compteur',
}

const nl: MessageCatalog = {
  'iot.anomaly_detected.title':
    'Abnormaal verbruik op {day:date} ({pct:number} % van het gemiddelde)',
  'iot.anomaly_detected.body':
    '{device}: {value:number} Wh, gemiddelde van de 7 voorgaande dagen {baseline:number} Wh.',
  'iot.anomaly_detected.meter': 'Meter',
}

const de: MessageCatalog = {
  'iot.anomaly_detected.title':
    'Ungewöhnlicher Verbrauch am {day:date} ({pct:number} % des Durchschnitts)',
  'iot.anomaly_detected.body':
    '{device}: {value:number} Wh, Durchschnitt der 7 vorherigen Tage {baseline:number} Wh.',
  'iot.anomaly_detected.meter': 'Zähler',
}

const en: MessageCatalog = {
  'iot.anomaly_detected.title': 'Unusual consumption on {day:date} ({pct:number}% of the average)',
  'iot.anomaly_detected.body':
    '{device}: {value:number} Wh, average of the previous 7 days {baseline:number} Wh.',
  'iot.anomaly_detected.meter': 'Meter',
}

export const iotNotificationMessages = { fr, nl, de, en }
