import env from '#start/env'
import { ApiError } from '#exceptions/api_error'
import { MeteringClient, type MeteringProvider } from './metering_client.js'

/*
| Where each provider lives (IOT_ENEDIS_URL / IOT_ORES_URL) and the client
| credentials (IOT_CLIENT_ID / IOT_CLIENT_SECRET). `overrideProviderConfig` lets tests
| and the demo point the real client at a local fake provider started after boot.
*/
export interface ProviderSettings {
  baseUrl?: string
  clientId?: string
  clientSecret?: string
}

const overrides: Partial<Record<MeteringProvider, ProviderSettings>> = {}

export function overrideProviderConfig(provider: MeteringProvider, settings: ProviderSettings) {
  overrides[provider] = settings
}

export function providerSettings(provider: MeteringProvider): Required<ProviderSettings> | null {
  const o = overrides[provider] ?? {}
  const baseUrl = o.baseUrl ?? env.get(provider === 'enedis' ? 'IOT_ENEDIS_URL' : 'IOT_ORES_URL')
  const clientId = o.clientId ?? env.get('IOT_CLIENT_ID')
  const clientSecret = o.clientSecret ?? env.get('IOT_CLIENT_SECRET')
  if (!baseUrl || !clientId || !clientSecret) return null
  return { baseUrl, clientId, clientSecret }
}

export function meteringClient(provider: MeteringProvider, opts: { maxWaitMs?: number } = {}) {
  const settings = providerSettings(provider)
  if (!settings) {
    throw new ApiError(503, 'E_PROVIDER_UNAVAILABLE', `The ${provider} provider is not configured`)
  }
  return new MeteringClient({ ...settings, ...opts })
}
