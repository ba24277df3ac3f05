import type { Role } from '#policies/permissions'

export type Locale = 'fr' | 'nl' | 'de' | 'en'
export type Localised = Record<Locale, string>

/** What a feature module declares about itself (modules/<key>/module.ts). */
export interface ModuleManifest {
  key: string
  names: Localised
  descriptions: Localised
  /** Always on: cannot be disabled (gdpr). */
  required: boolean
  dependsOn: string[]
  permissions: Record<string, Role[]>
  /** Entries of the staff navigation, shown when the module is enabled. */
  navigation: { label: Localised; href: string; icon: string }[]
  /** Entries of the owner portal navigation (relative to /o/:slug). */
  portalNavigation?: { label: Localised; href: string; icon: string }[]
}
