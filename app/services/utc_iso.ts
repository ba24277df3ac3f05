/*
| `Date#toISOString()` of an epoch-milliseconds instant, without a Date per call: lists
| of periods (a resource's availability over 90 days: ~2,400 timestamps) spend about a
| millisecond in toISOString. The date part is cached per UTC day; the time of day is
| plain arithmetic. Same string as toISOString for every instant of years 1970–9999
| (tests/unit/utc_iso.spec.ts); other instants go through Date.
*/
const DAY_MS = 86_400_000
const MAX_MS = Date.UTC(10_000, 0, 1)
const datePrefixes = new Map<number, string>()
let lastDay = Number.NaN
let lastPrefix = ''

function pad2(n: number) {
  return n < 10 ? `0${n}` : `${n}`
}

function pad3(n: number) {
  return n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`
}

/**
 * `YYYY-MM-DDT` of an instant of years 1970–9999 in whole milliseconds (cached per UTC
 * day); undefined for any other number, which the caller formats through Date.
 */
export function utcIsoDayPrefix(ms: number): string | undefined {
  if (!(ms >= 0 && ms < MAX_MS) || !Number.isInteger(ms)) return undefined
  const day = Math.floor(ms / DAY_MS)
  // Lists are in time order: most lookups hit the day of the previous one.
  if (day === lastDay) return lastPrefix
  let prefix = datePrefixes.get(day)
  if (prefix === undefined) {
    if (datePrefixes.size >= 10_000) datePrefixes.clear()
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11)
    datePrefixes.set(day, prefix)
  }
  lastDay = day
  lastPrefix = prefix
  return prefix
}

export function utcIso(ms: number): string {
  const prefix = utcIsoDayPrefix(ms)
  if (prefix === undefined) return new Date(ms).toISOString()
  let rest = ms % DAY_MS
  const millis = rest % 1000
  rest = (rest - millis) / 1000
  const seconds = rest % 60
  rest = (rest - seconds) / 60
  const minutes = rest % 60
  const hours = (rest - minutes) / 60
  return `${prefix}${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(millis)}Z`
}
