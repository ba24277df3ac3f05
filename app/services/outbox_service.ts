import { randomUUID } from 'node:crypto'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'

/*
| The demo outbox: without an SMTP server (SMTP_HOST unset or `outbox`), every e-mail is
| stored as one JSON file under storage/outbox/<organisationId>/ (platform mails without an
| organisation under storage/outbox/_platform/), and staff read them at /app/outbox.
| Files, not a table: the outbox is a development/demo convenience that must work on the
| embedded database and survive a `db:setup` on a new database. One directory per
| organisation keeps the tenant boundary in the path: a staff member's listing only ever
| opens their own organisation's directory.
*/
export interface OutboxMessage {
  id: string
  organisationId: string | null
  sentAt: string
  from: string | null
  to: string[]
  subject: string
  html: string | null
  text: string | null
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const PLATFORM = '_platform'

export function outboxEnabled(): boolean {
  const host = (process.env.SMTP_HOST ?? '').trim()
  return host === '' || host === 'outbox'
}

export function outboxDir(): string {
  return process.env.OUTBOX_DIR || app.makePath('storage/outbox')
}

function folderOf(organisationId: string | null) {
  if (organisationId === null) return PLATFORM
  if (!UUID.test(organisationId)) throw new Error('invalid organisation id')
  return organisationId.toLowerCase()
}

export async function storeOutboxMessage(
  message: Omit<OutboxMessage, 'id' | 'sentAt'>
): Promise<OutboxMessage> {
  const stored: OutboxMessage = { id: randomUUID(), sentAt: new Date().toISOString(), ...message }
  const dir = join(outboxDir(), folderOf(message.organisationId))
  await mkdir(dir, { recursive: true })
  // Sortable name: newest last in the directory, newest first in the listing.
  const name = `${stored.sentAt.replace(/[:.]/g, '-')}_${stored.id}.json`
  await writeFile(join(dir, name), JSON.stringify(stored), { mode: 0o600 })
  return stored
}

async function readFolder(folder: string, limit: number): Promise<OutboxMessage[]> {
  const dir = join(outboxDir(), folder)
  let names: string[]
  try {
    const entries = await readdir(dir)
    names = entries.filter((n) => n.endsWith('.json'))
  } catch {
    return []
  }
  names.sort().reverse()
  const out: OutboxMessage[] = []
  for (const name of names.slice(0, limit)) {
    try {
      out.push(JSON.parse(await readFile(join(dir, name), 'utf8')))
    } catch {
      // A half-written file is skipped; it is complete on the next read.
    }
  }
  return out
}

/** One organisation's mails, newest first. */
export async function listOrganisationOutbox(organisationId: string, limit = 100) {
  return readFolder(folderOf(organisationId), limit)
}

/** Every mail (platform superadmin), newest first. */
export async function listAllOutbox(limit = 200): Promise<OutboxMessage[]> {
  let folders: string[] = []
  try {
    folders = await readdir(outboxDir())
  } catch {
    return []
  }
  const perFolder = await Promise.all(folders.map((f) => readFolder(f, limit)))
  const all = perFolder.flat()
  return all.sort((a, b) => b.sentAt.localeCompare(a.sentAt)).slice(0, limit)
}
