import { utcIsoDayPrefix } from '#services/utc_iso'

/*
| A JSON answer written straight into one Buffer, for long lists of small fixed-shape
| records (a resource's availability over 90 days: ~1,000 periods, ~85 KB). Building
| them as objects, formatting ~2,000 timestamps as strings and serializing allocated
| ~0.9 MB per request, and that garbage (alive while the request is in flight) made
| the scavenges that set the endpoint's tail latency. Here the only allocation is the
| buffer. The caller sizes it (`reserve` grows it if needed), writes fragments of JSON
| syntax made once with `jsonFragment`, timestamps and other values, then sends `bytes()`.
*/
const DAY_MS = 86_400_000
const ZERO = 48
const QUOTE = 34

/** A piece of JSON syntax or ASCII text needing no escaping, encoded once. */
export function jsonFragment(ascii: string): Uint8Array {
  if (!/^[\x20-\x7e]*$/.test(ascii)) throw new Error(`not printable ASCII: ${ascii}`)
  return Buffer.from(ascii, 'latin1')
}

export class JsonBytes {
  #buf: Buffer
  #pos = 0

  constructor(capacity: number) {
    this.#buf = Buffer.allocUnsafe(capacity)
  }

  /** Grows the buffer so that `extra` more bytes fit. */
  reserve(extra: number) {
    if (this.#pos + extra <= this.#buf.length) return this
    const grown = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#pos + extra))
    this.#buf.copy(grown, 0, 0, this.#pos)
    this.#buf = grown
    return this
  }

  fragment(bytes: Uint8Array) {
    this.reserve(bytes.length)
    const buf = this.#buf
    let pos = this.#pos
    // A loop beats a native copy call for fragments of a few bytes.
    for (let i = 0; i < bytes.length; i++) buf[pos++] = bytes[i]
    this.#pos = pos
    return this
  }

  /** Any JSON value (strings escaped, UTF-8). */
  value(value: unknown) {
    const json = JSON.stringify(value) ?? 'null'
    this.reserve(Buffer.byteLength(json))
    this.#pos += this.#buf.write(json, this.#pos, 'utf8')
    return this
  }

  /** `"YYYY-MM-DDTHH:mm:ss.sssZ"`, the same string as `Date#toISOString()`, quoted. */
  isoTimestamp(ms: number) {
    const prefix = utcIsoDayPrefix(ms)
    if (prefix === undefined) return this.value(new Date(ms).toISOString())
    this.reserve(26)
    const buf = this.#buf
    let pos = this.#pos
    buf[pos++] = QUOTE
    for (let i = 0; i < prefix.length; i++) buf[pos++] = prefix.charCodeAt(i)
    // The time of day fits in 32 bits: integer arithmetic from here on.
    let rest = (ms - Math.floor(ms / DAY_MS) * DAY_MS) | 0
    const millis = rest % 1000
    rest = ((rest - millis) / 1000) | 0
    const seconds = rest % 60
    rest = ((rest - seconds) / 60) | 0
    const minutes = rest % 60
    const hours = ((rest - minutes) / 60) | 0
    pos = two(buf, pos, hours)
    buf[pos++] = 58 // :
    pos = two(buf, pos, minutes)
    buf[pos++] = 58
    pos = two(buf, pos, seconds)
    buf[pos++] = 46 // .
    buf[pos++] = ZERO + ((millis / 100) | 0)
    pos = two(buf, pos, millis % 100)
    buf[pos++] = 90 // Z
    buf[pos++] = QUOTE
    this.#pos = pos
    return this
  }

  /** The JSON written so far (a view on the buffer, not a copy). */
  bytes() {
    return this.#buf.subarray(0, this.#pos)
  }
}

function two(buf: Buffer, pos: number, n: number) {
  buf[pos] = ZERO + ((n / 10) | 0)
  buf[pos + 1] = ZERO + (n % 10)
  return pos + 2
}
