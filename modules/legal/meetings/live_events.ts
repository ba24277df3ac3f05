import { PassThrough } from 'node:stream'
import redis from '@adonisjs/redis/services/main'
import logger from '@adonisjs/core/services/logger'
import { maybeTenant } from '#tenancy/tenant_context'

/*
| Live meeting events (console, projector, portal) as server-sent events through Redis
| pub/sub, so every web process relays every event. One subscriber connection per
| process fans out to its local SSE streams. Events are published after commit only:
| a rolled-back vote never shows on a screen. Payloads carry ids and figures, no names.
*/
const CHANNEL = `${process.env.QUEUE_PREFIX ?? 'vme'}:legal:meetings`
type Listener = (event: Record<string, unknown>) => void
const listeners = new Map<string, Set<Listener>>()
let subscribed = false

function ensureSubscribed() {
  if (subscribed) return
  subscribed = true
  redis.subscribe(CHANNEL, (message: string) => {
    try {
      const { meetingId, event } = JSON.parse(message)
      for (const fn of listeners.get(meetingId) ?? []) fn(event)
    } catch (error) {
      logger.warn({ err: error }, 'bad live meeting event')
    }
  })
}

export function publishMeetingEvent(meetingId: string, event: Record<string, unknown>) {
  const send = () =>
    redis
      .publish(
        CHANNEL,
        JSON.stringify({ meetingId, event: { ...event, at: new Date().toISOString() } })
      )
      .catch((error: unknown) => logger.warn({ err: error }, 'live meeting event not published'))
  const tenant = maybeTenant()
  if (tenant && !tenant.trx.isCompleted) tenant.trx.after('commit', () => void send())
  else void send()
}

/** An SSE stream of one meeting's events; ends with the client connection. */
export function meetingEventStream(meetingId: string, onClose: (fn: () => void) => void) {
  ensureSubscribed()
  const stream = new PassThrough()
  const listener: Listener = (event) =>
    stream.write(`event: meeting\ndata: ${JSON.stringify(event)}\n\n`)
  const set = listeners.get(meetingId) ?? new Set()
  set.add(listener)
  listeners.set(meetingId, set)
  const heartbeat = setInterval(() => stream.write(`: ping\n\n`), 15_000)
  stream.write(`retry: 2000\nevent: ready\ndata: {}\n\n`)
  // Streams end after 30 minutes; EventSource reconnects by itself (auth re-checked).
  const lifetime = setTimeout(() => stream.end(), 30 * 60_000)
  stream.on('close', () => clearInterval(heartbeat))
  onClose(() => {
    clearTimeout(lifetime)
    clearInterval(heartbeat)
    set.delete(listener)
    if (set.size === 0) listeners.delete(meetingId)
    stream.end()
  })
  return stream
}
