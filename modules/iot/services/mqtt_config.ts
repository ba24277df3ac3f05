import env from '#start/env'

/*
| Broker settings: MQTT_URL and the dynamic-security admin (MQTT_ADMIN_USERNAME /
| MQTT_ADMIN_PASSWORD). Tests start their own Mosquitto and override them.
*/
export interface MqttSettings {
  url: string
  adminUsername: string
  adminPassword: string
}

let override: MqttSettings | null | undefined

export function overrideMqttConfig(settings: MqttSettings | null | undefined) {
  override = settings
}

export function mqttSettings(): MqttSettings | null {
  if (override !== undefined) return override
  const url = env.get('MQTT_URL')
  const adminUsername = env.get('MQTT_ADMIN_USERNAME')
  const adminPassword = env.get('MQTT_ADMIN_PASSWORD')
  if (!url || !adminUsername || !adminPassword) return null
  return { url, adminUsername, adminPassword }
}

/** Topic a device publishes to: orgs/<organisationId>/devices/<deviceId>/<metric>. */
export function deviceTopicFilter(organisationId: string, deviceId: string) {
  return `orgs/${organisationId}/devices/${deviceId}/#`
}

export const SHARED_SUBSCRIPTION = '$share/vme-iot-ingest/orgs/+/devices/+/+'
