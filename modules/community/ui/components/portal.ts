/*
| Shared setup of the community portal pages: the props every portal page receives, the API
| bound to the organisation of the URL, the building picked first, and the date-time format.
*/
import { ref } from 'vue'
import { setApiOrganisation } from '~/lib/api'

export interface PortalPageProps {
  organisationId: string
  slug: string
  ownerId: string | null
  buildings: { id: string; name: string }[]
}

export function usePortalPage(props: PortalPageProps) {
  setApiOrganisation(props.organisationId)
  return { buildingId: ref(props.buildings[0]?.id ?? '') }
}

/** "1 déc. 2026, 14:30" in Brussels time, in the page's locale. */
export function formatDateTime(locale: string, iso: string) {
  return new Intl.DateTimeFormat(`${locale}-BE`, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Brussels',
  }).format(new Date(iso))
}
