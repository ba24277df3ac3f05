/*
| Placeholder interface of the job layer (replaced by the real BullMQ implementation).
| `dispatch(name, payload)` enqueues a job by name; payloads of tenant jobs carry
| `organisationId`.
*/
export interface DispatchOptions {
  jobId?: string
  delay?: number
}

export async function dispatch(_name: string, _payload: Record<string, unknown>, _opts: DispatchOptions = {}) {
  return { id: null as string | null }
}
