/*
| What the database under the app can do. The embedded database (PGlite behind
| pglite-socket, see app/embedded/) is a real PostgreSQL, but its socket front end does
| not carry the COPY sub-protocol (CopyData messages) and it has no ICU collations.
| Code with a faster PostgreSQL-only path asks here and takes a plain-SQL path instead.
*/

/** True when the app runs on the embedded database (set by scripts/run.mjs). */
export function embeddedDatabase(): boolean {
  return process.env.EMBEDDED_DB === '1'
}

/** COPY … FROM STDIN / TO STDOUT over the wire (not through pglite-socket). */
export function supportsCopyProtocol(): boolean {
  return !embeddedDatabase()
}
