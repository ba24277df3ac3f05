/*
| The one client the pages use to call the JSON API (/api/v1) with the session cookie.
| CSRF: shield reads X-XSRF-TOKEN (the XSRF-TOKEN cookie, URI-decoded). Errors come
| back as {errors:[{code,message,field?}]} and are turned into per-field form errors.
*/
import { reactive } from 'vue'

export interface ApiErrorEntry {
  code: string
  message: string
  field?: string
}

export class ApiRequestError extends Error {
  constructor(
    public status: number,
    public entries: ApiErrorEntry[]
  ) {
    super(entries[0]?.message ?? `HTTP ${status}`)
  }

  get code() {
    return this.entries[0]?.code ?? 'E_UNKNOWN'
  }

  /** `{ field: message }` for the entries that name a field. */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const e of this.entries) if (e.field && !out[e.field]) out[e.field] = e.message
    return out
  }
}

let organisationId: string | null = null

/** Pages of the staff app pin the API to the organisation they show. */
export function setApiOrganisation(id: string | null) {
  organisationId = id
}

function xsrfToken(): string | null {
  const match = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='))
  return match ? decodeURIComponent(match.slice('XSRF-TOKEN='.length)) : null
}

export async function request<T = unknown>(
  method: string,
  url: string,
  body?: unknown
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const token = xsrfToken()
  if (token) headers['X-XSRF-TOKEN'] = token
  if (organisationId && url.startsWith('/api/')) headers['X-Organisation'] = organisationId

  let res: Response
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new ApiRequestError(0, [{ code: 'E_NETWORK', message: 'Network error' }])
  }
  if (res.status === 204) return undefined as T
  const text = await res.text()
  let data: any = null
  try {
    data = text ? JSON.parse(text) : null
  } catch {
    data = null
  }
  if (!res.ok) {
    const entries: ApiErrorEntry[] = Array.isArray(data?.errors)
      ? data.errors
      : [{ code: `E_HTTP_${res.status}`, message: res.statusText || `HTTP ${res.status}` }]
    throw new ApiRequestError(res.status, entries)
  }
  return data as T
}

export const api = {
  get: <T = unknown>(url: string) => request<T>('GET', url),
  post: <T = unknown>(url: string, body?: unknown) => request<T>('POST', url, body ?? {}),
  put: <T = unknown>(url: string, body?: unknown) => request<T>('PUT', url, body ?? {}),
  delete: <T = unknown>(url: string) => request<T>('DELETE', url),
}

/**
 * Form state: values, per-field errors, a general error and a busy flag.
 * `submit(fn)` clears errors, runs the call and maps API errors onto the fields.
 * Field paths of nested payloads (`user.email`, `address.city`) are kept as-is.
 */
export function useApiForm<T extends Record<string, any>>(initial: T) {
  const form = reactive({
    values: structuredClone(initial) as T,
    errors: {} as Record<string, string>,
    error: null as ApiRequestError | null,
    busy: false,
    reset() {
      form.values = structuredClone(initial) as any
      form.errors = {}
      form.error = null
    },
    async submit<R>(fn: (values: T) => Promise<R>): Promise<R | undefined> {
      form.busy = true
      form.errors = {}
      form.error = null
      try {
        return await fn(form.values as T)
      } catch (e) {
        const err =
          e instanceof ApiRequestError
            ? e
            : new ApiRequestError(0, [{ code: 'E_UNKNOWN', message: String(e) }])
        form.errors = err.fieldErrors
        form.error = err
        return undefined
      } finally {
        form.busy = false
      }
    },
  })
  return form
}
