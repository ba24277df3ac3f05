import { randomBytes, randomUUID } from 'node:crypto'
import mqtt from 'mqtt'
import { ApiError } from '#exceptions/api_error'
import { deviceTopicFilter, mqttSettings } from './mqtt_config.js'

/*
| Provisions device credentials in Mosquitto through its dynamic security plugin: the
| broker's own control topic `$CONTROL/dynamic-security/v1` (what `mosquitto_ctrl
| dynsec …` does), no file editing. Each device gets one client and one role whose ACL
| allows publishing only below orgs/<organisationId>/devices/<deviceId>/.
*/
const CONTROL = '$CONTROL/dynamic-security/v1'

type Command = Record<string, unknown> & { command: string }

export function deviceRoleName(deviceId: string) {
  return `vme-device-${deviceId}`
}

/** Sends commands as the admin client and waits for the broker's responses. */
export async function dynsec(commands: Command[], opts: { ignore?: string[] } = {}) {
  const settings = mqttSettings()
  if (!settings) throw new ApiError(503, 'E_MQTT_UNAVAILABLE', 'The MQTT broker is not configured')
  const client = await mqtt.connectAsync(settings.url, {
    username: settings.adminUsername,
    password: settings.adminPassword,
    clientId: `vme-admin-${randomUUID().slice(0, 8)}`,
    reconnectPeriod: 0,
    connectTimeout: 5000,
  })
  try {
    await client.subscribeAsync(`${CONTROL}/response`, { qos: 1 })
    const answer = new Promise<any>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('dynsec: no response')), 5000)
      client.on('message', (topic, payload) => {
        if (topic !== `${CONTROL}/response`) return
        clearTimeout(timer)
        try {
          resolve(JSON.parse(payload.toString('utf8')))
        } catch (error) {
          reject(error)
        }
      })
    })
    await client.publishAsync(CONTROL, JSON.stringify({ commands }), { qos: 1 })
    const body = await answer
    const errors = (body?.responses ?? []).filter(
      (r: any) => r.error && !(opts.ignore ?? []).some((i) => String(r.error).includes(i))
    )
    if (errors.length) {
      throw new Error(`dynsec: ${errors.map((e: any) => `${e.command}: ${e.error}`).join('; ')}`)
    }
    return body
  } finally {
    await client.endAsync()
  }
}

export function generatePassword() {
  return randomBytes(24).toString('base64url')
}

/** Creates the device's role (ACL) and client with the given password. */
export async function provisionDevice(
  organisationId: string,
  deviceId: string,
  username: string,
  password: string
) {
  const rolename = deviceRoleName(deviceId)
  await dynsec([
    {
      command: 'createRole',
      rolename,
      acls: [
        {
          acltype: 'publishClientSend',
          topic: deviceTopicFilter(organisationId, deviceId),
          priority: 0,
          allow: true,
        },
      ],
    },
    { command: 'createClient', username, password, roles: [{ rolename, priority: 0 }] },
  ])
}

/** Revokes the device: deletes its client (kicks open sessions) and its role. */
export async function revokeDevice(deviceId: string, username: string) {
  await dynsec(
    [
      { command: 'deleteClient', username },
      { command: 'deleteRole', rolename: deviceRoleName(deviceId) },
    ],
    { ignore: ['not found'] }
  )
}
