/*
| Small shared helpers of the legal pages: types, the countdown label, status tones.
*/
export interface BuildingOption {
  id: string
  name: string
}

export interface EtatDateRow {
  id: string
  buildingId: string
  unitId: string
  unit?: { number: string }
  building?: { name: string }
  status: 'requested' | 'generated' | 'delivered' | 'expired' | 'cancelled'
  requestedBy: { notaryName: string; notaryEmail: string; notaryOffice: string | null }
  locale: string
  reference: string | null
  source: string
  requestDate: string
  dueDate: string
  daysRemaining: number | null
  overdue: boolean
  currentVersion: number
  deliveredAt: string | null
  validUntil: string | null
}

export interface Page<T> {
  data: T[]
  meta: { total: number; perPage: number; currentPage: number; lastPage: number }
}

export function tone(status: string): string {
  if (['delivered', 'passed', 'approved', 'resolved', 'closed', 'ok', 'queued'].includes(status))
    return 'badge badge--ok'
  if (['overdue', 'expired', 'failed', 'rejected', 'cancelled', 'unmatched'].includes(status))
    return 'badge badge--warn'
  return 'badge badge--info'
}

/** Query string of a page's URL (read once on mount). */
export function queryParam(name: string): string | null {
  if (typeof window === 'undefined') return null
  return new URLSearchParams(window.location.search).get(name)
}

/** Multipart upload of one file (`file` field) with the session's XSRF token. */
export async function uploadFile<T = unknown>(url: string, file: File): Promise<T> {
  const { ApiRequestError } = await import('~/lib/api')
  const body = new FormData()
  body.append('file', file)
  const xsrf = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='))
  const res = await fetch(url, {
    method: 'POST',
    body,
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json',
      ...(xsrf ? { 'X-XSRF-TOKEN': decodeURIComponent(xsrf.slice('XSRF-TOKEN='.length)) } : {}),
    },
  })
  const data = await res.json().catch(() => null)
  if (!res.ok)
    throw new ApiRequestError(
      res.status,
      data?.errors ?? [{ code: `E_HTTP_${res.status}`, message: res.statusText }]
    )
  return data as T
}
