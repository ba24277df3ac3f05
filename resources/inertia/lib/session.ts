import { usePage } from '@inertiajs/vue3'
import { computed } from 'vue'
import { api } from '~/lib/api'

export interface SharedUser {
  id: string
  email: string
  fullName: string
  isSuperadmin: boolean
}
export interface SharedOrganisation {
  id: string
  name: string
  slug: string
  status: string
  branding: { displayName: string; primaryColor: string; logoUrl: string | null }
}
export interface NavigationEntry {
  label: Record<string, string>
  href: string
  icon: string
}
export interface SharedProps {
  locale: string
  user: SharedUser | null
  organisation: SharedOrganisation | null
  role: string | null
  enabledModules: { key: string; names: Record<string, string>; navigation: NavigationEntry[] }[]
  flash: { error?: string; success?: string }
}

/** Typed access to the shared props set by the Inertia middleware. */
export function useShared() {
  const page = usePage()
  const props = computed(() => page.props as unknown as SharedProps)
  const role = computed(() => props.value.role)
  const canWrite = computed(() => role.value === 'admin' || role.value === 'syndic')
  const isAdmin = computed(() => role.value === 'admin')
  return { props, role, canWrite, isAdmin, url: computed(() => page.url) }
}

export async function logout() {
  try {
    await api.post('/logout')
  } finally {
    window.location.href = '/login'
  }
}

/** Black or white text on a brand colour, whichever has the higher contrast (WCAG). */
export function contrastText(hex: string): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex)
  if (!m) return '#ffffff'
  const n = Number.parseInt(m[1], 16)
  const channel = (c: number) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  const lum =
    0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255)
  const withWhite = 1.05 / (lum + 0.05)
  const withBlack = (lum + 0.05) / 0.05
  return withWhite >= withBlack ? '#ffffff' : '#0b1220'
}

export function contrastRatio(a: string, b: string): number {
  const lum = (hex: string) => {
    const n = Number.parseInt(hex.replace('#', ''), 16)
    const ch = (c: number) => {
      const s = c / 255
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
    }
    return 0.2126 * ch((n >> 16) & 255) + 0.7152 * ch((n >> 8) & 255) + 0.0722 * ch(n & 255)
  }
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p)
  return (x + 0.05) / (y + 0.05)
}
