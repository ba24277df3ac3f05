/*
| In-process SMTP server for tests: collects every message so a test can assert on
| recipients, subject and body (e.g. find an invitation link). The MIME parsing is
| deliberately minimal: top-level headers, multipart bodies one level (or nested)
| deep, quoted-printable and base64 transfer encodings.
*/
import { SMTPServer } from 'smtp-server'

export interface SinkMessage {
  to: string[]
  from: string
  subject: string
  text: string
  html: string
  raw: string
}

export interface SmtpSink {
  messages: SinkMessage[]
  waitFor(predicate: (m: SinkMessage) => boolean, timeoutMs?: number): Promise<SinkMessage>
  close(): Promise<void>
}

interface Part {
  headers: Map<string, string>
  body: string
}

/** Splits a raw entity into unfolded headers (lower-cased names) and body. */
function splitEntity(raw: string): Part {
  const normalised = raw.replace(/\r\n/g, '\n')
  const sep = normalised.indexOf('\n\n')
  const head = sep === -1 ? normalised : normalised.slice(0, sep)
  const body = sep === -1 ? '' : normalised.slice(sep + 2)
  const headers = new Map<string, string>()
  const unfolded = head.replace(/\n[ \t]+/g, ' ')
  for (const line of unfolded.split('\n')) {
    const idx = line.indexOf(':')
    if (idx <= 0) continue
    const name = line.slice(0, idx).trim().toLowerCase()
    if (!headers.has(name)) headers.set(name, line.slice(idx + 1).trim())
  }
  return { headers, body }
}

function decodeQuotedPrintable(input: string): Buffer {
  const softBreaksRemoved = input.replace(/=\r?\n/g, '')
  const bytes: number[] = []
  for (let i = 0; i < softBreaksRemoved.length; i++) {
    const ch = softBreaksRemoved[i]
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(softBreaksRemoved.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(softBreaksRemoved.slice(i + 1, i + 3), 16))
      i += 2
    } else {
      bytes.push(...Buffer.from(ch, 'utf8'))
    }
  }
  return Buffer.from(bytes)
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '').toLowerCase()
  if (encoding === 'base64')
    return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body).toString('utf8')
  return part.body
}

/** RFC 2047 encoded words (=?utf-8?Q?...?= / =?utf-8?B?...?=) in headers such as Subject. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(
      /=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g,
      (_m, _charset: string, enc: string, text: string) => {
        if (enc.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8')
        return decodeQuotedPrintable(text.replace(/_/g, ' ')).toString('utf8')
      }
    )
}

function collectBodies(part: Part, out: { text: string; html: string }) {
  const contentType = part.headers.get('content-type') ?? 'text/plain'
  const lower = contentType.toLowerCase()
  if (lower.startsWith('multipart/')) {
    const boundaryMatch = /boundary="?([^";]+)"?/i.exec(contentType)
    if (!boundaryMatch) return
    const boundary = `--${boundaryMatch[1]}`
    const sections = part.body.split(boundary).slice(1)
    for (const section of sections) {
      if (section.startsWith('--')) break
      collectBodies(splitEntity(section.replace(/^\r?\n/, '')), out)
    }
    return
  }
  if (lower.startsWith('text/html')) out.html += decodeBody(part)
  else if (lower.startsWith('text/plain')) out.text += decodeBody(part)
}

export function parseMessage(raw: string, envelopeTo: string[] = []): SinkMessage {
  const root = splitEntity(raw)
  const bodies = { text: '', html: '' }
  collectBodies(root, bodies)
  const headerTo = (root.headers.get('to') ?? '')
    .split(',')
    .map((s) => {
      const m = /<([^>]+)>/.exec(s)
      return (m ? m[1] : s).trim()
    })
    .filter(Boolean)
  return {
    to: envelopeTo.length ? envelopeTo : headerTo,
    from: decodeHeader(root.headers.get('from') ?? ''),
    subject: decodeHeader(root.headers.get('subject') ?? ''),
    text: bodies.text,
    html: bodies.html,
    raw,
  }
}

export async function startSmtpSink(port = Number(process.env.SMTP_PORT)): Promise<SmtpSink> {
  const messages: SinkMessage[] = []
  const waiters: Array<{
    predicate: (m: SinkMessage) => boolean
    resolve: (m: SinkMessage) => void
  }> = []

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        const envelopeTo = session.envelope.rcptTo.map((r) => r.address)
        const message = parseMessage(Buffer.concat(chunks).toString('utf8'), envelopeTo)
        messages.push(message)
        for (const waiter of [...waiters]) {
          if (waiter.predicate(message)) {
            waiters.splice(waiters.indexOf(waiter), 1)
            waiter.resolve(message)
          }
        }
        callback()
      })
    },
  })

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })

  return {
    messages,
    waitFor(predicate, timeoutMs = 5000) {
      const existing = messages.find(predicate)
      if (existing) return Promise.resolve(existing)
      return new Promise<SinkMessage>((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (m: SinkMessage) => {
            clearTimeout(timer)
            resolve(m)
          },
        }
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1)
          reject(
            new Error(`No matching e-mail within ${timeoutMs}ms (received ${messages.length})`)
          )
        }, timeoutMs)
        waiters.push(waiter)
      })
    },
    close() {
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
